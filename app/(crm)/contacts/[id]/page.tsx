import type { Metadata } from "next";
import { RecordPage } from "@/components/record/record-page";

export const metadata: Metadata = { title: "Contact" };

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RecordPage kind="CONTACT" id={id} />;
}
