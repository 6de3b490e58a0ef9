import type { Metadata } from "next";
import { NewRecordPage } from "@/components/record/new-record-page";

export const metadata: Metadata = { title: "New lead" };

export default async function NewLeadPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <NewRecordPage kind="LEAD" searchParams={await searchParams} />;
}
