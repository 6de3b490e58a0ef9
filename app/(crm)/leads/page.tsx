import type { Metadata } from "next";
import { PipelinePage, type SearchParams } from "@/components/board/pipeline-page";
import { moveOnBoardAction, quickCreateAction } from "@/lib/board/actions";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <PipelinePage kind="LEAD" searchParams={await searchParams} moveAction={moveOnBoardAction.bind(null, "LEAD")} createAction={quickCreateAction.bind(null, "LEAD")} />;
}
