import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Leads" };

export default function LeadsPage() {
  return <PageHeader title="Leads" />;
}
