// Props of the record table. The server page loads DataTableData (lib/views/bootstrap.ts)
// and passes the kind's server actions (dataTableActions(kind), ./actions.ts).
import type { ReactNode } from "react";
import type { UserOption } from "@/components/record-form/field-input";
import type { CustomFieldDef } from "@/components/record-form/fields";
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
  /** A pipeline's table: the stage column is a select that moves the record (asking for required fields). */
  stageCell?: StageCellConfig;
}

export type { DataTableData };

export interface StageCellConfig {
  kind: "DEAL" | "LEAD" | "TICKET";
  stages: { id: string; name: string; color: string }[];
  canMove: boolean;
  definitions: CustomFieldDef[];
  users: UserOption[];
}
