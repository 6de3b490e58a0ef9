import { TableSkeleton } from "@/components/data-table/table-skeleton";

export default function LoadingContacts() {
  return <TableSkeleton title="Contacts" />;
}
