import type { Metadata } from "next";
import { NewRecordPage } from "@/components/record/new-record-page";

export const metadata: Metadata = { title: "New ticket" };

export default async function NewTicketPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <NewRecordPage kind="TICKET" searchParams={await searchParams} />;
}
