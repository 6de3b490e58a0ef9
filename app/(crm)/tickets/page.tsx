import type { Metadata } from "next";
import { PipelinePage, type SearchParams } from "@/components/board/pipeline-page";
import { createTicketAction, moveTicketAction } from "./actions";

export const metadata: Metadata = { title: "Tickets" };

export default async function TicketsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <PipelinePage kind="TICKET" searchParams={await searchParams} moveAction={moveTicketAction} createAction={createTicketAction} />;
}
