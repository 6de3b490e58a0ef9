import type { Metadata } from "next";
import { RecordPage } from "@/components/record/record-page";

export const metadata: Metadata = { title: "Lead" };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RecordPage kind="LEAD" id={id} />;
}
