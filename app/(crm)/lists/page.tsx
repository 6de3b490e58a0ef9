import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Lists" };

export default function ListsPage() {
  return <PageHeader title="Lists" />;
}
