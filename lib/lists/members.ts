// Membership writes of lists (STATIC by hand, automations, imports, bulk): every join and
// leave writes a list_membership_log row and a list.member_added / list.member_removed
// event in the same transaction, and keeps lists.member_count. Changes of one list are
// serialised by locking the list row (FOR UPDATE).
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { listMembershipLog, listMemberships, lists, type List } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { emitEvents } from "@/lib/events/emit";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { addMembersSchema, removeMembersSchema } from "./schemas";
import { loadList, MEMBER_TABLES, type MembershipSource } from "./model";
import { getList } from "./queries";

/** Where a manual change comes from: automations and imports say so, everything else is MANUAL. */
export function manualSource(ctx: TenantContext): MembershipSource {
  return ctx.actor.source === "AUTOMATION" ? "AUTOMATION" : ctx.actor.source === "IMPORT" ? "IMPORT" : "MANUAL";
}

export interface Change {
  memberId: string;
  action: "ADDED" | "REMOVED";
}

/** Log rows and domain events for joins and leaves, written in the caller's transaction. */
export async function recordChanges(tx: Tx, ctx: TenantContext, list: List, changes: Change[], source: MembershipSource): Promise<void> {
  await recordListChanges(tx, ctx, changes.map((c) => ({ ...c, list })), source);
}

/** recordChanges for changes of several lists at once (a few statements, however many lists). */
export async function recordListChanges(tx: Tx, ctx: TenantContext, changes: (Change & { list: List })[], source: MembershipSource): Promise<void> {
  const CHUNK = 1000;
  for (let i = 0; i < changes.length; i += CHUNK) {
    const part = changes.slice(i, i + CHUNK);
    await tx.insert(listMembershipLog).values(
      part.map((c) => ({ tenantId: ctx.tenantId, listId: c.list.id, memberId: c.memberId, action: c.action, source, actorUserId: ctx.actor.userId })),
    );
    await emitEvents(
      tx,
      ctx,
      part.map((c) => ({
        type: c.action === "ADDED" ? "list.member_added" : "list.member_removed",
        entityType: c.list.objectType,
        entityId: c.memberId,
        payload: { listId: c.list.id, listName: c.list.name, source },
      })),
    );
  }
}

/** Sets member_count from the memberships (after changes) and returns the count the actor sees. */
export async function recount(tx: Tx, ctx: TenantContext, listId: string, refreshed = false): Promise<number> {
  const [row] = await tx
    .update(lists)
    .set({
      // all members, not only those the actor may see (migration access_scope_children)
      memberCount: sql`list_member_total(${listId}::uuid)`,
      ...(refreshed ? { lastRefreshedAt: sql`now()` } : {}),
    })
    .where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, listId)))
    // what the actor sees, like loadList's memberCount
    .returning({ memberCount: sql<number>`list_member_count_seen(${lists.id}, ${lists.objectType}, ${lists.memberCount})`.mapWith(Number) });
  return row!.memberCount;
}

// ---------------------------------------------------------------------------- members

/** Refuses changing a list's members by hand: a DYNAMIC list follows its filter, an archived one is read-only. */
export function assertMembersByHand(list: List, verb: "added" | "removed"): void {
  if (list.processingType === "DYNAMIC") throw new AppError("conflict", `"${list.name}" is a dynamic list: its members follow its filter and cannot be ${verb} by hand`);
  if (list.isArchived) throw new AppError("conflict", `"${list.name}" is archived; unarchive it to change its members`);
}

/**
 * Adds live records (checked, and locked or known live, by the caller) to a STATIC list
 * the caller has locked and checked with assertMembersByHand: memberships, log rows,
 * list.member_added events, the count. addMembers and bulk "add to list" both come here.
 */
export async function addMembersIn(tx: Tx, ctx: TenantContext, list: List, memberIds: readonly string[]): Promise<{ added: number; total: number }> {
  const source = manualSource(ctx);
  const CHUNK = 1000;
  let added = 0;
  for (let i = 0; i < memberIds.length; i += CHUNK) {
    const inserted = await tx
      .insert(listMemberships)
      .values(memberIds.slice(i, i + CHUNK).map((memberId) => ({ tenantId: ctx.tenantId, listId: list.id, memberType: list.objectType, memberId, source, addedByUserId: ctx.actor.userId })))
      .onConflictDoNothing()
      .returning({ memberId: listMemberships.memberId });
    await recordChanges(tx, ctx, list, inserted.map((r) => ({ memberId: r.memberId, action: "ADDED" })), source);
    added += inserted.length;
  }
  return { added, total: added ? await recount(tx, ctx, list.id) : list.memberCount };
}

/** STATIC only: adds live records of the list's type (idempotent). Returns how many joined. */
export async function addMembers(ctx: TenantContext, listId: string, input: { memberIds: string[] } | unknown): Promise<{ added: number; total: number }> {
  const { memberIds } = addMembersSchema.parse(input);
  const ids = [...new Set(memberIds.map((s) => s.toLowerCase()))];
  return withTenant(ctx, async (tx) => {
    const list = await loadList(tx, ctx, listId, true);
    assertMembersByHand(list, "added");
    const malformed = ids.filter((id) => !isUuid(id));
    const wellFormed = ids.filter((id) => isUuid(id));
    const t = MEMBER_TABLES[list.objectType];
    const found = wellFormed.length
      ? await tx
          .select({ id: t.id })
          .from(t)
          .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, wellFormed), sql`${t.deletedAt} is null`))
      : [];
    const live = new Set(found.map((r) => r.id as string));
    const bad = [...malformed, ...wellFormed.filter((id) => !live.has(id))];
    if (bad.length) {
      throw new AppError("validation", `Not a live ${list.objectType.toLowerCase()} of this workspace: ${bad.join(", ")}`, {
        errors: memberIds.flatMap((raw, i) => (bad.includes(raw.toLowerCase()) ? [{ path: `memberIds[${i}]`, message: `not a live ${list.objectType.toLowerCase()} of this workspace` }] : [])),
        invalidIds: bad,
      });
    }
    return addMembersIn(tx, ctx, list, wellFormed);
  });
}

/** STATIC only: removes one member; removing a non-member is a 404. */
export async function removeMember(ctx: TenantContext, listId: string, memberId: string): Promise<void> {
  if (!isUuid(memberId)) {
    await getList(ctx, listId);
    throw notFound("Member");
  }
  const { removed } = await removeMembers(ctx, listId, { memberIds: [memberId] });
  if (removed === 0) throw notFound("Member");
}

/** STATIC only: removes those of `memberIds` that are members (others are ignored). */
export async function removeMembers(ctx: TenantContext, listId: string, input: { memberIds: string[] } | unknown): Promise<{ removed: number; total: number }> {
  const ids = [...new Set(removeMembersSchema.parse(input).memberIds.map((s) => s.toLowerCase()).filter((id) => isUuid(id)))];
  return withTenant(ctx, async (tx) => {
    const list = await loadList(tx, ctx, listId, true);
    assertMembersByHand(list, "removed");
    const removed = ids.length
      ? await tx
          .delete(listMemberships)
          .where(and(eq(listMemberships.tenantId, ctx.tenantId), eq(listMemberships.listId, listId), inArray(listMemberships.memberId, ids)))
          .returning({ memberId: listMemberships.memberId })
      : [];
    await recordChanges(tx, ctx, list, removed.map((r) => ({ memberId: r.memberId, action: "REMOVED" })), manualSource(ctx));
    return { removed: removed.length, total: removed.length ? await recount(tx, ctx, listId) : list.memberCount };
  });
}
