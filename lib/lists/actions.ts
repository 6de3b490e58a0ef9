"use server";
// Server actions of lists: the lists page, a list page (settings, filter, members by
// hand, its record table) and the filter builder's live preview.
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { LIST_OBJECT_TYPES } from "@/db/schema/enums";
import { selectionSchema } from "@/lib/bulk/schemas";
import { AppError } from "@/lib/errors";
import { tenantAction } from "@/lib/safe-action";
import { tablePageSchema, VIEW_KINDS } from "@/lib/views/schemas";
import { loadTablePage } from "@/lib/views/table-query";
import { refreshList } from "./dynamic";
import { addMembers, removeMember, removeMembers } from "./members";
import { getList, joinTimes, previewFilter, resolveMemberRefs, selectionIds } from "./queries";
import { JOINED_COLUMN, listCreateSchema, listUpdateSchema } from "./schemas";
import { createList, deleteList, updateList } from "./service";

const id = z.uuid();
const objectType = z.enum(LIST_OBJECT_TYPES);

function refresh(listId?: string) {
  revalidatePath("/lists");
  if (listId) revalidatePath(`/lists/${listId}`);
}

export const createListAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(listCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const list = await createList(ctx.tenant, parsedInput);
    refresh();
    return { id: list.id };
  });

export const updateListAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(listUpdateSchema.extend({ listId: id }))
  .action(async ({ parsedInput: { listId, ...patch }, ctx }) => {
    const list = await updateList(ctx.tenant, listId, patch);
    refresh(listId);
    return { memberCount: list.memberCount };
  });

export const deleteListAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(z.object({ listId: id }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteList(ctx.tenant, parsedInput.listId);
    refresh();
  });

export const refreshListAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(z.object({ listId: id }))
  .action(async ({ parsedInput, ctx }) => {
    const result = await refreshList(ctx.tenant, parsedInput.listId);
    refresh(parsedInput.listId);
    return result;
  });

export const removeMemberAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(z.object({ listId: id, memberId: id }))
  .action(async ({ parsedInput, ctx }) => {
    await removeMember(ctx.tenant, parsedInput.listId, parsedInput.memberId);
    refresh(parsedInput.listId);
  });

/** Pasted ids or emails (contacts, leads), separated by commas, spaces or new lines. */
export const addMembersAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(z.object({ listId: id, objectType, text: z.string().max(100_000) }))
  .action(async ({ parsedInput, ctx }) => {
    const refs = [...new Set(parsedInput.text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
    if (refs.length === 0) throw new AppError("validation", "Paste at least one id or email");
    const { ids, unknown } = await resolveMemberRefs(ctx.tenant, parsedInput.objectType, refs);
    if (unknown.length) throw new AppError("validation", `No live record with: ${unknown.join(", ")}`);
    const added = await addMembers(ctx.tenant, parsedInput.listId, { memberIds: ids });
    refresh(parsedInput.listId);
    return added;
  });

/** STATIC: removes the selected rows of the list page's table (ids, or all matching). */
export const removeSelectedAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(z.object({ listId: id, kind: z.enum(VIEW_KINDS), selection: selectionSchema }))
  .action(async ({ parsedInput, ctx }) => {
    const removed = await removeMembers(ctx.tenant, parsedInput.listId, { memberIds: await selectionIds(ctx.tenant, parsedInput.kind, parsedInput.selection) });
    refresh(parsedInput.listId);
    return removed;
  });

/** The builder's live count and first matches (or the errors, by path), as saving would see them. */
export const previewFilterAction = tenantAction
  .metadata({ permission: "lists.read" })
  .inputSchema(z.object({ objectType, filter: listCreateSchema.shape.filter, listId: id.nullish() }))
  .action(async ({ parsedInput, ctx }) => previewFilter(ctx.tenant, { objectType: parsedInput.objectType, filter: parsedInput.filter, listId: parsedInput.listId }));

/** A list page's record table (the list bound by the page): its kind's rows that are members, with when each joined. */
export const loadMembersPageAction = tenantAction
  .metadata({ permission: "records.read" })
  .bindArgsSchemas([id])
  .inputSchema(tablePageSchema)
  .action(async ({ parsedInput: query, bindArgsParsedInputs: [listId], ctx }) => {
    const list = await getList(ctx.tenant, listId);
    if (list.objectType === "ACTIVITY") throw new AppError("bad-request", "Activity lists have no record table");
    const page = await loadTablePage(ctx.tenant, list.objectType, { ...query, cols: query.cols.filter((c) => c !== JOINED_COLUMN) });
    const joined = await joinTimes(ctx.tenant, listId, page.rows.map((r) => r.id));
    return { ...page, rows: page.rows.map((r) => ({ ...r, cells: { ...r.cells, [JOINED_COLUMN]: joined.get(r.id) ?? null } })) };
  });
