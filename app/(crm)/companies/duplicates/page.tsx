import type { Metadata } from "next";
import { DuplicatesPage } from "@/components/merge/duplicates-page";

export const metadata: Metadata = { title: "Duplicate companies" };

export default async function CompaniesDuplicatesPage({ searchParams }: { searchParams: Promise<{ cursor?: string | string[] }> }) {
  const { cursor } = await searchParams;
  return <DuplicatesPage kind="COMPANY" cursor={typeof cursor === "string" ? cursor : undefined} />;
}
