import type { Metadata } from "next";
import { PipelinePage, type SearchParams } from "@/components/board/pipeline-page";
import { createLeadAction, moveLeadAction } from "./actions";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <PipelinePage kind="LEAD" searchParams={await searchParams} moveAction={moveLeadAction} createAction={createLeadAction} />;
}
