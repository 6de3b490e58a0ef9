// Groups of a tenant's users (teams, queues for round-robin assignment, watchers).
// Only active members can be added; a member deactivated later stays listed, marked.
import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { recordWatchers, tenantGroupMembers, tenantGroups, tenantUsers, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, findPgError, isUniqueViolation, notFound, validationError } from "@/lib/errors";
import { isUuid } from "@/lib/uuid";
import type { TenantContext } from "./context";
import { groupCreateSchema, groupMemberSchema, groupUpdateSchema, type GroupCreateInput, type GroupUpdateInput } from "./schemas";
import { withTenant, type Tx } from "./with-tenant";

export interface GroupMember {
  userId: string;
  name: string;
  email: string;
  isActive: boolean;
}

export interface Group {
  id: string;
  name: string;
  description: string | null;
  /** The team's manager (issue 15), null when it has none. */
  managerUserId: string | null;
  createdAt: Date;
  memberUserIds: string[];
  members: GroupMember[];
}

async function loadGroups(tx: Tx, tenantId: string, groupId?: string): Promise<Group[]> {
  const groups = await tx
    .select({ id: tenantGroups.id, name: tenantGroups.name, description: tenantGroups.description, managerUserId: tenantGroups.managerUserId, createdAt: tenantGroups.createdAt })
    .from(tenantGroups)
    .where(and(eq(tenantGroups.tenantId, tenantId), groupId ? eq(tenantGroups.id, groupId) : undefined))
    .orderBy(asc(sql`lower(${tenantGroups.name})`));
  if (groups.length === 0) return [];
  const members = await tx
    .select({ groupId: tenantGroupMembers.groupId, userId: tenantGroupMembers.userId, name: users.name, email: users.email, isActive: tenantUsers.isActive })
    .from(tenantGroupMembers)
    .innerJoin(tenantUsers, and(eq(tenantUsers.tenantId, tenantGroupMembers.tenantId), eq(tenantUsers.userId, tenantGroupMembers.userId)))
    .innerJoin(users, eq(users.id, tenantGroupMembers.userId))
    .where(and(eq(tenantGroupMembers.tenantId, tenantId), inArray(tenantGroupMembers.groupId, groups.map((g) => g.id))))
    .orderBy(asc(sql`lower(${users.name})`));
  return groups.map((g) => {
    const own = members.filter((m) => m.groupId === g.id).map(({ groupId: _g, ...m }) => m);
    return { ...g, members: own, memberUserIds: own.map((m) => m.userId) };
  });
}

export async function listGroups(ctx: TenantContext): Promise<Group[]> {
  return withTenant(ctx, (tx) => loadGroups(tx, ctx.tenantId));
}

export async function getGroup(ctx: TenantContext, groupId: string): Promise<Group> {
  if (!isUuid(groupId)) throw notFound("Group");
  const [group] = await withTenant(ctx, (tx) => loadGroups(tx, ctx.tenantId, groupId));
  if (!group) throw notFound("Group");
  return group;
}

/** Every id must be an active member of this tenant (422 naming the bad entries otherwise). */
async function assertActiveMembers(tx: Tx, tenantId: string, userIds: string[], path = "memberUserIds") {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return unique;
  const rows = await tx
    .select({ userId: tenantUsers.userId })
    .from(tenantUsers)
    .where(and(eq(tenantUsers.tenantId, tenantId), eq(tenantUsers.isActive, true), inArray(tenantUsers.userId, unique)));
  const ok = new Set(rows.map((r) => r.userId));
  const bad = userIds.map((id, i) => ({ id, i })).filter(({ id }) => !ok.has(id));
  if (bad.length) throw validationError(bad.map(({ i }) => ({ path: `${path}[${i}]`, message: "is not an active user of this workspace" })));
  return unique;
}

async function lockGroup(tx: Tx, tenantId: string, groupId: string) {
  if (!isUuid(groupId)) throw notFound("Group");
  const [g] = await tx
    .select({ id: tenantGroups.id })
    .from(tenantGroups)
    .where(and(eq(tenantGroups.tenantId, tenantId), eq(tenantGroups.id, groupId)))
    .for("update");
  if (!g) throw notFound("Group");
}

function nameTaken(err: unknown, name: string | undefined): never {
  if (isUniqueViolation(err, "tenant_groups_name_key")) {
    throw new AppError("conflict", `A group named "${name}" already exists`, { errors: [{ path: "name", message: "is already used by another group" }] });
  }
  throw err;
}

export async function createGroup(ctx: TenantContext, input: GroupCreateInput): Promise<Group> {
  assertCan(ctx.actor.role, "groups.manage");
  const data = groupCreateSchema.parse(input);
  try {
    return await withTenant(ctx, async (tx) => {
      const memberIds = await assertActiveMembers(tx, ctx.tenantId, data.memberUserIds);
      if (data.managerUserId) await assertActiveMembers(tx, ctx.tenantId, [data.managerUserId], "managerUserId");
      const [g] = await tx
        .insert(tenantGroups)
        .values({ tenantId: ctx.tenantId, name: data.name, description: data.description ?? null, managerUserId: data.managerUserId ?? null })
        .returning({ id: tenantGroups.id });
      if (memberIds.length) await tx.insert(tenantGroupMembers).values(memberIds.map((userId) => ({ tenantId: ctx.tenantId, groupId: g!.id, userId })));
      return (await loadGroups(tx, ctx.tenantId, g!.id))[0]!;
    });
  } catch (err) {
    nameTaken(err, data.name);
  }
}

/** Renames, re-describes and/or replaces the member set (memberUserIds is the whole new set). */
export async function updateGroup(ctx: TenantContext, groupId: string, input: GroupUpdateInput): Promise<Group> {
  assertCan(ctx.actor.role, "groups.manage");
  const data = groupUpdateSchema.parse(input);
  try {
    return await withTenant(ctx, async (tx) => {
      await lockGroup(tx, ctx.tenantId, groupId);
      const patch: Partial<typeof tenantGroups.$inferInsert> = {};
      if (data.name !== undefined) patch.name = data.name;
      if (data.description !== undefined) patch.description = data.description;
      if (data.managerUserId !== undefined) {
        // a manager who stays need not be active again; a new one must be
        if (data.managerUserId) await assertActiveMembers(tx, ctx.tenantId, [data.managerUserId], "managerUserId");
        patch.managerUserId = data.managerUserId;
      }
      if (Object.keys(patch).length) {
        await tx.update(tenantGroups).set(patch).where(and(eq(tenantGroups.tenantId, ctx.tenantId), eq(tenantGroups.id, groupId)));
      }
      if (data.memberUserIds) {
        const current = (await loadGroups(tx, ctx.tenantId, groupId))[0]!.memberUserIds;
        // Members who stay need not be active again; only newly added ones must be.
        const added = data.memberUserIds.filter((id) => !current.includes(id));
        await assertActiveMembers(tx, ctx.tenantId, added);
        const wanted = new Set(data.memberUserIds);
        const removed = current.filter((id) => !wanted.has(id));
        if (removed.length) {
          await tx
            .delete(tenantGroupMembers)
            .where(and(eq(tenantGroupMembers.tenantId, ctx.tenantId), eq(tenantGroupMembers.groupId, groupId), inArray(tenantGroupMembers.userId, removed)));
        }
        const toAdd = [...new Set(added)];
        if (toAdd.length) await tx.insert(tenantGroupMembers).values(toAdd.map((userId) => ({ tenantId: ctx.tenantId, groupId, userId })));
      }
      return (await loadGroups(tx, ctx.tenantId, groupId))[0]!;
    });
  } catch (err) {
    nameTaken(err, data.name);
  }
}

/**
 * Deletes a group, its memberships and the watches it holds. A group that still owns or
 * is assigned records cannot go (the foreign keys refuse): reassign them first.
 */
export async function deleteGroup(ctx: TenantContext, groupId: string): Promise<void> {
  assertCan(ctx.actor.role, "groups.manage");
  try {
    await withTenant(ctx, async (tx) => {
      await lockGroup(tx, ctx.tenantId, groupId);
      await tx
        .delete(recordWatchers)
        .where(and(eq(recordWatchers.tenantId, ctx.tenantId), eq(recordWatchers.principalType, "GROUP"), eq(recordWatchers.principalId, groupId)));
      await tx.delete(tenantGroups).where(and(eq(tenantGroups.tenantId, ctx.tenantId), eq(tenantGroups.id, groupId)));
    });
  } catch (err) {
    if (findPgError(err)?.code === "23503") throw new AppError("conflict", "This group still owns or is assigned records: reassign them before deleting it");
    throw err;
  }
}

export async function addGroupMember(ctx: TenantContext, input: { groupId: string; userId: string }): Promise<Group> {
  assertCan(ctx.actor.role, "groups.manage");
  const { groupId, userId } = groupMemberSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    await lockGroup(tx, ctx.tenantId, groupId);
    await assertActiveMembers(tx, ctx.tenantId, [userId], "userId");
    await tx.insert(tenantGroupMembers).values({ tenantId: ctx.tenantId, groupId, userId }).onConflictDoNothing();
    return (await loadGroups(tx, ctx.tenantId, groupId))[0]!;
  });
}

export async function removeGroupMember(ctx: TenantContext, input: { groupId: string; userId: string }): Promise<Group> {
  assertCan(ctx.actor.role, "groups.manage");
  const { groupId, userId } = groupMemberSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    await lockGroup(tx, ctx.tenantId, groupId);
    const rows = await tx
      .delete(tenantGroupMembers)
      .where(and(eq(tenantGroupMembers.tenantId, ctx.tenantId), eq(tenantGroupMembers.groupId, groupId), eq(tenantGroupMembers.userId, userId)))
      .returning({ userId: tenantGroupMembers.userId });
    if (rows.length === 0) throw notFound("Group member");
    return (await loadGroups(tx, ctx.tenantId, groupId))[0]!;
  });
}

/** The REST shape of a group (API.md: `{ id, name, memberUserIds }`, plus details). */
export const groupJson = (g: Group) => ({
  id: g.id,
  name: g.name,
  description: g.description,
  managerUserId: g.managerUserId,
  memberUserIds: g.memberUserIds,
  members: g.members.map((m) => ({ id: m.userId, name: m.name, email: m.email, isActive: m.isActive })),
  createdAt: g.createdAt,
});
