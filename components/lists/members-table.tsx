"use client";

import { UserMinus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { DataTable } from "@/components/data-table";
import { dataTableActions } from "@/components/data-table/actions";
import type { BulkSelectionInput, DataTableActions, DataTableData } from "@/components/data-table/types";
import { Button } from "@/components/ui/button";
import { actionMessage } from "@/lib/action-result";
import { loadMembersPageAction, removeSelectedAction } from "@/lib/lists/actions";

/**
 * The list's members in the records' own data table (search, filter, sort, columns,
 * bulk actions, CSV export), limited to the list by the table's base filter, with a
 * "Joined" column. A static list adds "Remove from list" to the bulk bar.
 */
export function ListMembersTable({ data, listId, plural, canRemove }: { data: DataTableData; listId: string; plural: string; canRemove: boolean }) {
  const router = useRouter();
  const [removing, setRemoving] = useState(false);
  const kind = data.kind;
  const actions = useMemo(
    (): DataTableActions => ({
      ...dataTableActions(kind),
      loadPage: loadMembersPageAction.bind(null, listId),
      // saved views are hidden on a list page (they belong to the record pages)
      saveView: () => Promise.reject(new Error("not available here")),
      deleteView: () => Promise.reject(new Error("not available here")),
    }),
    [kind, listId],
  );
  const removeSelected = async (selection: BulkSelectionInput, onDone: () => void) => {
    setRemoving(true);
    const failure = actionMessage(await removeSelectedAction({ listId, kind, selection }));
    setRemoving(false);
    if (failure) return void toast.error(failure);
    toast.success("Removed from the list");
    onDone();
    router.refresh();
  };
  return (
    <DataTable
      data={data}
      actions={actions}
      plural={plural}
      extraBulkActions={
        canRemove
          ? ({ selection, onDone }) => (
              <Button size="sm" variant="secondary" disabled={removing} onClick={() => void removeSelected(selection, onDone)}>
                <UserMinus className="size-4" aria-hidden /> {removing ? "Removing…" : "Remove from list"}
              </Button>
            )
          : undefined
      }
    />
  );
}
