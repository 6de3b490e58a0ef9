import type { Metadata } from "next";
import { PipelinePage, type SearchParams } from "@/components/board/pipeline-page";
import { moveOnBoardAction, quickCreateAction } from "@/lib/board/actions";

export const metadata: Metadata = { title: "Deals" };

export default async function DealsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <PipelinePage kind="DEAL" searchParams={await searchParams} moveAction={moveOnBoardAction.bind(null, "DEAL")} createAction={quickCreateAction.bind(null, "DEAL")} />;
}
