// Lists (API.md "Lists"): create, update (a new filter refreshes a DYNAMIC list at once),
// delete. Members: ./members.ts; the dynamic-list engine: ./dynamic.ts; reads: ./queries.ts.
import "server-only";
import { and, eq } from "drizzle-orm";
import { lists, type List } from "@/db/schema";
import { validationError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { listCreateSchema, listUpdateSchema, type ListCreateInput, type ListUpdateInput } from "./schemas";
import { checkFilter, loadList } from "./model";
import { refreshIn } from "./dynamic";

// ---------------------------------------------------------------------------- lists

export async function createList(ctx: TenantContext, input: ListCreateInput | unknown): Promise<List> {
  const data = listCreateSchema.parse(input);
  const dynamic = data.processingType === "DYNAMIC";
  if (!dynamic && data.filter !== undefined && data.filter !== null) throw validationError([{ path: "filter", message: "only a DYNAMIC list has a filter" }]);
  return withTenant(ctx, async (tx) => {
    if (dynamic) await checkFilter(tx, ctx, data.objectType, data.filter);
    const [row] = await tx
      .insert(lists)
      .values({
        tenantId: ctx.tenantId,
        name: data.name,
        description: data.description ?? null,
        objectType: data.objectType,
        processingType: data.processingType,
        filter: dynamic ? data.filter : null,
        ownerUserId: ctx.actor.userId,
      })
      .returning();
    if (!dynamic) return row!;
    await refreshIn(tx, ctx, row!);
    return loadList(tx, ctx, row!.id);
  });
}

export async function updateList(ctx: TenantContext, listId: string, input: ListUpdateInput | unknown): Promise<List> {
  const data = listUpdateSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const list = await loadList(tx, ctx, listId, true);
    const patch: Partial<typeof lists.$inferInsert> = { updatedAt: new Date() };
    if (data.name !== undefined) patch.name = data.name;
    if (data.description !== undefined) patch.description = data.description ?? null;
    if (data.isArchived !== undefined) patch.isArchived = data.isArchived;
    const filterChanged = data.filter !== undefined;
    if (filterChanged) {
      if (list.processingType !== "DYNAMIC") throw validationError([{ path: "filter", message: "only a DYNAMIC list has a filter" }]);
      await checkFilter(tx, ctx, list.objectType, data.filter, list.id);
      patch.filter = data.filter;
    }
    const [row] = await tx.update(lists).set(patch).where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, listId))).returning();
    // an archived list is not followed by the consumer, so restoring one catches it up
    const restored = list.isArchived && data.isArchived === false && list.processingType === "DYNAMIC";
    if (filterChanged || restored) {
      await refreshIn(tx, ctx, row!);
      return loadList(tx, ctx, listId);
    }
    return row!;
  });
}

export async function deleteList(ctx: TenantContext, listId: string): Promise<void> {
  await withTenant(ctx, async (tx) => {
    await loadList(tx, ctx, listId, true);
    await tx.delete(lists).where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, listId)));
  });
}
