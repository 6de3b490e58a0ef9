import { TableSkeleton } from "@/components/data-table/table-skeleton";

export default function LoadingCompanies() {
  return <TableSkeleton title="Companies" />;
}
