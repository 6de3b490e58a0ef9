"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError, type ValidationIssue } from "@/lib/errors";
import { selectionSchema } from "@/lib/bulk/schemas";
import { LIST_OBJECT_TYPES } from "@/db/schema/enums";
import { membershipVersion, previewFilter, resolveMemberRefs, selectionIds } from "@/lib/lists/queries";
import { addMembers, removeMember, removeMembers } from "@/lib/lists/members";
import { createList, deleteList, updateList } from "@/lib/lists/service";
import { refreshList } from "@/lib/lists/dynamic";
import { tenantAction } from "@/lib/safe-action";
import { searchAll } from "@/lib/search/search";
import { VIEW_KINDS } from "@/lib/views/schemas";

/** Validation and conflicts come back as data, so a form can show each error at its path. */
type Result<T> = { ok: true; data: T } | { ok: false; message: string; errors?: ValidationIssue[] };

async function attempt<T>(fn: () => Promise<T>, listId?: string): Promise<Result<T>> {
  try {
    const data = await fn();
    revalidatePath("/lists");
    if (listId) revalidatePath(`/lists/${listId}`);
    return { ok: true, data };
  } catch (err) {
    if (err instanceof z.ZodError) return { ok: false, message: "The input was not accepted", errors: err.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
    if (err instanceof AppError && err.code !== "internal") return { ok: false, message: err.message, errors: err.extensions.errors as ValidationIssue[] | undefined };
    throw err;
  }
}

const id = z.uuid();
const objectType = z.enum(LIST_OBJECT_TYPES);

export const createListAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(z.object({ input: z.unknown() }))
  .action(async ({ parsedInput, ctx }) => attempt(async () => ({ id: (await createList(ctx.tenant, parsedInput.input)).id })));

export const updateListAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(z.object({ listId: id, patch: z.unknown() }))
  .action(async ({ parsedInput, ctx }) => attempt(async () => ({ memberCount: (await updateList(ctx.tenant, parsedInput.listId, parsedInput.patch)).memberCount }), parsedInput.listId));

export const deleteListAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(z.object({ listId: id }))
  .action(async ({ parsedInput, ctx }) => attempt(() => deleteList(ctx.tenant, parsedInput.listId)));

export const refreshListAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(z.object({ listId: id }))
  .action(async ({ parsedInput, ctx }) => attempt(() => refreshList(ctx.tenant, parsedInput.listId), parsedInput.listId));

export const removeMemberAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(z.object({ listId: id, memberId: id }))
  .action(async ({ parsedInput, ctx }) => attempt(() => removeMember(ctx.tenant, parsedInput.listId, parsedInput.memberId), parsedInput.listId));

/** Pasted ids or emails (contacts, leads), separated by commas, spaces or new lines. */
export const addMembersAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(z.object({ listId: id, objectType, text: z.string().max(100_000) }))
  .action(async ({ parsedInput, ctx }) =>
    attempt(async () => {
      const refs = [...new Set(parsedInput.text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
      if (refs.length === 0) throw new AppError("validation", "Paste at least one id or email");
      const { ids, unknown } = await resolveMemberRefs(ctx.tenant, parsedInput.objectType, refs);
      if (unknown.length) throw new AppError("validation", `No live record with: ${unknown.join(", ")}`);
      return addMembers(ctx.tenant, parsedInput.listId, { memberIds: ids });
    }, parsedInput.listId),
  );

/** STATIC: removes the selected rows of the list page's table (ids, or all matching). */
export const removeSelectedAction = tenantAction
  .metadata({ permission: "lists.write" })
  .inputSchema(z.object({ listId: id, kind: z.enum(VIEW_KINDS), selection: selectionSchema }))
  .action(async ({ parsedInput, ctx }) =>
    attempt(async () => removeMembers(ctx.tenant, parsedInput.listId, { memberIds: await selectionIds(ctx.tenant, parsedInput.kind, parsedInput.selection) }), parsedInput.listId),
  );

/** The builder's live count and first matches (or the errors, by path), as saving would see them. */
export const previewFilterAction = tenantAction
  .metadata({ permission: "lists.read" })
  .inputSchema(z.object({ objectType, filter: z.unknown(), listId: id.nullish() }))
  .action(async ({ parsedInput, ctx }) => previewFilter(ctx.tenant, { objectType: parsedInput.objectType, filter: parsedInput.filter, listId: parsedInput.listId }));

/** Changes whenever the list's members change; the list page polls it. */
export const listVersionAction = tenantAction
  .metadata({ permission: "lists.read" })
  .inputSchema(z.object({ listId: id }))
  .action(async ({ parsedInput, ctx }) => membershipVersion(ctx.tenant, parsedInput.listId));

/** Records of one kind matching typed text, for "add by search". */
export const searchRecordsAction = tenantAction
  .metadata({ permission: "records.read" })
  .inputSchema(z.object({ kind: z.enum(VIEW_KINDS), q: z.string().trim().min(1).max(200) }))
  .action(async ({ parsedInput, ctx }) => (await searchAll(ctx.tenant, parsedInput.q, { kinds: [parsedInput.kind], limit: 8 })).map(({ id, title, subtitle }) => ({ id, title, subtitle })));
