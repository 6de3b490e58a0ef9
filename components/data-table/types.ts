// Props of the record table. The server page loads DataTableData (lib/views/bootstrap.ts)
// and passes the kind's server actions (dataTableActions(kind), ./actions.ts).
import type { ReactNode } from "react";
import type { DataTableData } from "@/lib/views/bootstrap";
import type { dataTableActions } from "./actions";

export type DataTableActions = ReturnType<typeof dataTableActions>;
/** The selection as the bulk actions receive it: ids, or everything matching. */
export type BulkSelectionInput = Parameters<DataTableActions["bulkDelete"]>[0]["selection"];

export interface DataTableProps {
  data: DataTableData;
  actions: DataTableActions;
  /** Plural noun for headings and messages ("contacts"). */
  plural: string;
  /** More buttons for the bulk bar (a list page's "Remove from list"); onDone clears the selection and reloads. */
  extraBulkActions?: (args: { selection: BulkSelectionInput; onDone: () => void }) => ReactNode;
  /**
   * The page's own URL when it is not `/<collection>` (a pipeline's table view,
   * `/deals?pipeline=…&view=table`): saved views link there, and are offered even under a
   * base filter.
   */
  hrefBase?: string;
  /** Shown instead of "No <plural> match." when there is no search or filter and no rows: the next action. */
  emptyState?: ReactNode;
}

export type { DataTableData };
