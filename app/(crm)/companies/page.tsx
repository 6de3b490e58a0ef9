import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Companies" };

export default function CompaniesPage() {
  return <PageHeader title="Companies" />;
}
