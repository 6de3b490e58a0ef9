import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Deals" };

export default function DealsPage() {
  return <PageHeader title="Deals" />;
}
