import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Tickets" };

export default function TicketsPage() {
  return <PageHeader title="Tickets" />;
}
