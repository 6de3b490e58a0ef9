import type { Metadata } from "next";
import { NewRecordPage } from "@/components/record/new-record-page";

export const metadata: Metadata = { title: "New deal" };

export default async function NewDealPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <NewRecordPage kind="DEAL" searchParams={await searchParams} />;
}
