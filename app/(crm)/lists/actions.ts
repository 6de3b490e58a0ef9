"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError, type ValidationIssue } from "@/lib/errors";
import { resolveMemberRefs } from "@/lib/lists/queries";
import { addMembers, createList, deleteList, refreshList, removeMember, updateList } from "@/lib/lists/service";
import { tenantAction } from "@/lib/safe-action";

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
  .inputSchema(z.object({ listId: id, objectType: z.enum(["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET", "ACTIVITY"]), text: z.string().max(100_000) }))
  .action(async ({ parsedInput, ctx }) =>
    attempt(async () => {
      const refs = [...new Set(parsedInput.text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
      if (refs.length === 0) throw new AppError("validation", "Paste at least one id or email");
      const { ids, unknown } = await resolveMemberRefs(ctx.tenant, parsedInput.objectType, refs);
      if (unknown.length) throw new AppError("validation", `No live record with: ${unknown.join(", ")}`);
      return addMembers(ctx.tenant, parsedInput.listId, { memberIds: ids });
    }, parsedInput.listId),
  );
