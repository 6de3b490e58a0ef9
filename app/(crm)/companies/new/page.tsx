import type { Metadata } from "next";
import { NewRecordPage } from "@/components/record/new-record-page";

export const metadata: Metadata = { title: "New company" };

export default async function NewCompanyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <NewRecordPage kind="COMPANY" searchParams={await searchParams} />;
}
