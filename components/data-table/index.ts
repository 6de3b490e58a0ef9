export { DataTable } from "./data-table";
export type { DataTableActions, DataTableProps } from "./types";
