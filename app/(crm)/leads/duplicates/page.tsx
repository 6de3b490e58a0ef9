import type { Metadata } from "next";
import { DuplicatesPage } from "@/components/merge/duplicates-page";

export const metadata: Metadata = { title: "Duplicate leads" };

export default async function LeadsDuplicatesPage({ searchParams }: { searchParams: Promise<{ cursor?: string | string[] }> }) {
  const { cursor } = await searchParams;
  return <DuplicatesPage kind="LEAD" cursor={typeof cursor === "string" ? cursor : undefined} />;
}
