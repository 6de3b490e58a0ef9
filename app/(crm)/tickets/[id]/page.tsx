import type { Metadata } from "next";
import { RecordPage } from "@/components/record/record-page";

export const metadata: Metadata = { title: "Ticket" };

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RecordPage kind="TICKET" id={id} />;
}
