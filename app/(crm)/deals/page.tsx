import type { Metadata } from "next";
import { PipelinePage, type SearchParams } from "@/components/board/pipeline-page";
import { createDealAction, moveDealAction } from "./actions";

export const metadata: Metadata = { title: "Deals" };

export default async function DealsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <PipelinePage kind="DEAL" searchParams={await searchParams} moveAction={moveDealAction} createAction={createDealAction} />;
}
