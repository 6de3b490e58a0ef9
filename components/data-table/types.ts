// Props of the record table. The server page loads DataTableData (lib/views/bootstrap.ts)
// and passes the kind's server actions (built by makeTableActions / makeBulkActions).
import type { makeBulkActions } from "@/lib/bulk/actions";
import type { DataTableData } from "@/lib/views/bootstrap";
import type { makeTableActions } from "@/lib/views/actions";

export type DataTableActions = ReturnType<typeof makeTableActions> & ReturnType<typeof makeBulkActions>;

export interface DataTableProps {
  data: DataTableData;
  actions: DataTableActions;
  /** Plural noun for headings and messages ("contacts"). */
  plural: string;
}

export type { DataTableData };
