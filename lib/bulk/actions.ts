"use server";
// Bulk actions on a record table's selection, for every record kind: the kind is bound
// by the page (`bulkEditAction.bind(null, "CONTACT")`), checked by its schema like any
// input. Each checks its permission here, and the service checks it again (imports and
// automations call it too).
import "server-only";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { VIEW_KINDS } from "@/lib/views/schemas";
import { bulkEditOperationSchema, restoreSchema, selectionSchema } from "./schemas";
import { restoreDeleted, runBulkAction } from "./service";

const kind = z.enum(VIEW_KINDS);

export const bulkEditAction = tenantAction
  .metadata({ permission: "records.write" })
  .bindArgsSchemas([kind])
  .inputSchema(z.object({ selection: selectionSchema, operation: bulkEditOperationSchema }))
  .action(async ({ parsedInput, bindArgsParsedInputs: [k], ctx }) => runBulkAction(ctx.tenant, k, parsedInput.selection, parsedInput.operation));

export const bulkAddToListAction = tenantAction
  .metadata({ permission: "lists.write" })
  .bindArgsSchemas([kind])
  .inputSchema(z.object({ selection: selectionSchema, listId: z.uuid() }))
  .action(async ({ parsedInput, bindArgsParsedInputs: [k], ctx }) => runBulkAction(ctx.tenant, k, parsedInput.selection, { type: "addToList", listId: parsedInput.listId }));

export const bulkDeleteAction = tenantAction
  .metadata({ permission: "records.delete" })
  .bindArgsSchemas([kind])
  .inputSchema(z.object({ selection: selectionSchema }))
  .action(async ({ parsedInput, bindArgsParsedInputs: [k], ctx }) => runBulkAction(ctx.tenant, k, parsedInput.selection, { type: "delete" }));

export const bulkRestoreAction = tenantAction
  .metadata({ permission: "records.delete" })
  .bindArgsSchemas([kind])
  .inputSchema(restoreSchema)
  .action(async ({ parsedInput, bindArgsParsedInputs: [k], ctx }) => restoreDeleted(ctx.tenant, k, parsedInput));
