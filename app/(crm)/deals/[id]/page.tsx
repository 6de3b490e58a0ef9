import type { Metadata } from "next";
import { RecordPage } from "@/components/record/record-page";

export const metadata: Metadata = { title: "Deal" };

export default async function DealPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RecordPage kind="DEAL" id={id} />;
}
