// The record table's server actions for one kind, bound to it: what a page passes to
// <DataTable actions>. Binding happens wherever this is called (a server page, or a client
// component such as a list page's member table); the kind is re-checked on the server.
import { bulkAddToListAction, bulkDeleteAction, bulkEditAction, bulkRestoreAction } from "@/lib/bulk/actions";
import type { ViewKind } from "@/lib/views/schemas";
import { deleteViewAction, loadTablePageAction, saveViewAction } from "@/lib/views/actions";

export function dataTableActions(kind: ViewKind) {
  return {
    loadPage: loadTablePageAction.bind(null, kind),
    saveView: saveViewAction.bind(null, kind),
    deleteView: deleteViewAction.bind(null, kind),
    bulkEdit: bulkEditAction.bind(null, kind),
    bulkAddToList: bulkAddToListAction.bind(null, kind),
    bulkDelete: bulkDeleteAction.bind(null, kind),
    bulkRestore: bulkRestoreAction.bind(null, kind),
  };
}
