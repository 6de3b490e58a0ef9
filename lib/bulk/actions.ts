// Bulk actions on a table selection, built once per kind and exported from the
// "use server" files next to the pages. Each checks its permission here, and the service
// checks it again (it is also called by other paths).
import { z } from "zod";
import type { RecordKind } from "@/lib/records/registry";
import { tenantAction } from "@/lib/safe-action";
import { bulkEditOperationSchema, restoreSchema, selectionSchema } from "./schemas";
import { restoreDeleted, runBulkAction } from "./service";

export const bulkEditSchema = z.object({ selection: selectionSchema, operation: bulkEditOperationSchema });
export const bulkListSchema = z.object({ selection: selectionSchema, listId: z.uuid() });
export const bulkDeleteSchema = z.object({ selection: selectionSchema });

export function makeBulkActions(kind: RecordKind) {
  const bulkEdit = tenantAction
    .metadata({ permission: "records.write" })
    .inputSchema(bulkEditSchema)
    .action(async ({ parsedInput, ctx }) => runBulkAction(ctx.tenant, kind, parsedInput.selection, parsedInput.operation));

  const bulkAddToList = tenantAction
    .metadata({ permission: "lists.write" })
    .inputSchema(bulkListSchema)
    .action(async ({ parsedInput, ctx }) => runBulkAction(ctx.tenant, kind, parsedInput.selection, { type: "addToList", listId: parsedInput.listId }));

  const bulkDelete = tenantAction
    .metadata({ permission: "records.delete" })
    .inputSchema(bulkDeleteSchema)
    .action(async ({ parsedInput, ctx }) => runBulkAction(ctx.tenant, kind, parsedInput.selection, { type: "delete" }));

  const bulkRestore = tenantAction
    .metadata({ permission: "records.delete" })
    .inputSchema(restoreSchema)
    .action(async ({ parsedInput, ctx }) => restoreDeleted(ctx.tenant, kind, parsedInput));

  return { bulkEdit, bulkAddToList, bulkDelete, bulkRestore };
}
