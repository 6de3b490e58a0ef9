import type { Metadata } from "next";
import { PipelinePage, type SearchParams } from "@/components/board/pipeline-page";
import { moveOnBoardAction, quickCreateAction } from "@/lib/board/actions";

export const metadata: Metadata = { title: "Tickets" };

export default async function TicketsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <PipelinePage kind="TICKET" searchParams={await searchParams} moveAction={moveOnBoardAction.bind(null, "TICKET")} createAction={quickCreateAction.bind(null, "TICKET")} />;
}
