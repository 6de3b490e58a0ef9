import type { Metadata } from "next";
import { DuplicatesPage } from "@/components/merge/duplicates-page";

export const metadata: Metadata = { title: "Duplicate contacts" };

export default async function ContactsDuplicatesPage({ searchParams }: { searchParams: Promise<{ cursor?: string | string[] }> }) {
  const { cursor } = await searchParams;
  return <DuplicatesPage kind="CONTACT" cursor={typeof cursor === "string" ? cursor : undefined} />;
}
