"use server";

// The record table of a list page: the kind's table and bulk actions, with the kind as
// input (one page serves lists of every kind), and each row's "Joined" time.
import { z } from "zod";
import { JOINED_COLUMN } from "@/components/lists/labels";
import { bulkDeleteSchema, bulkEditSchema, bulkListSchema } from "@/lib/bulk/actions";
import { restoreSchema } from "@/lib/bulk/schemas";
import { restoreDeleted, runBulkAction } from "@/lib/bulk/service";
import { joinTimes } from "@/lib/lists/queries";
import { getList } from "@/lib/lists/queries";
import { tenantAction } from "@/lib/safe-action";
import { tablePageSchema, VIEW_KINDS } from "@/lib/views/schemas";
import { loadTablePage } from "@/lib/views/table-query";

const kind = z.enum(VIEW_KINDS);

export const loadMembersPage = tenantAction
  .metadata({ permission: "records.read" })
  .inputSchema(tablePageSchema.extend({ listId: z.uuid() }))
  .action(async ({ parsedInput: { listId, ...query }, ctx }) => {
    const list = await getList(ctx.tenant, listId);
    if (list.objectType === "ACTIVITY") throw new Error("activity lists have no record table");
    const page = await loadTablePage(ctx.tenant, list.objectType, { ...query, cols: query.cols.filter((c) => c !== JOINED_COLUMN) });
    const joined = await joinTimes(ctx.tenant, listId, page.rows.map((r) => r.id));
    return { ...page, rows: page.rows.map((r) => ({ ...r, cells: { ...r.cells, [JOINED_COLUMN]: joined.get(r.id) ?? null } })) };
  });

export const membersBulkEdit = tenantAction
  .metadata({ permission: "records.write" })
  .inputSchema(bulkEditSchema.extend({ kind }))
  .action(async ({ parsedInput, ctx }) => runBulkAction(ctx.tenant, parsedInput.kind, parsedInput.selection, parsedInput.operation));

export const membersBulkAddToList = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(bulkListSchema.extend({ kind }))
  .action(async ({ parsedInput, ctx }) => runBulkAction(ctx.tenant, parsedInput.kind, parsedInput.selection, { type: "addToList", listId: parsedInput.listId }));

export const membersBulkDelete = tenantAction
  .metadata({ permission: "records.delete" })
  .inputSchema(bulkDeleteSchema.extend({ kind }))
  .action(async ({ parsedInput, ctx }) => runBulkAction(ctx.tenant, parsedInput.kind, parsedInput.selection, { type: "delete" }));

export const membersBulkRestore = tenantAction
  .metadata({ permission: "records.delete" })
  .inputSchema(restoreSchema.extend({ kind }))
  .action(async ({ parsedInput: { kind: k, ...input }, ctx }) => restoreDeleted(ctx.tenant, k, input));
