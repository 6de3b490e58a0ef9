import type { Metadata } from "next";
import { NewRecordPage } from "@/components/record/new-record-page";

export const metadata: Metadata = { title: "New contact" };

export default async function NewContactPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <NewRecordPage kind="CONTACT" searchParams={await searchParams} />;
}
