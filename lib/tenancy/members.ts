// Memberships of a tenant: list, change role, deactivate and reactivate. People join only
// through an invitation (invitations.ts): adding someone directly would attach a global
// account — whose password another workspace may have chosen — without its owner's say.
// Users are global and never deleted; a tenant only ever changes its membership rows.
// getSession() re-reads the membership on every request, so a deactivation or role
// change takes effect at the member's next request.
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { tenantUsers, users } from "@/db/schema";
import { assertCan, type Role } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/uuid";
import type { TenantContext } from "./context";
import { changeRoleSchema, profileNameSchema, setActiveSchema } from "./schemas";
import { withTenant, type Tx } from "./with-tenant";
import { appendAudit } from "@/lib/audit/write";

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  isActive: boolean;
  joinedAt: Date;
  deactivatedAt: Date | null;
}

const memberColumns = {
  userId: tenantUsers.userId,
  email: users.email,
  name: users.name,
  role: tenantUsers.role,
  isActive: tenantUsers.isActive,
  joinedAt: tenantUsers.createdAt,
  deactivatedAt: tenantUsers.deactivatedAt,
};

export async function listMembers(ctx: TenantContext): Promise<Member[]> {
  return withTenant(ctx, (tx) =>
    tx
      .select(memberColumns)
      .from(tenantUsers)
      .innerJoin(users, eq(users.id, tenantUsers.userId))
      .where(eq(tenantUsers.tenantId, ctx.tenantId))
      .orderBy(asc(sql`lower(${users.name})`), asc(users.email)),
  );
}

export async function getMember(tx: Tx, tenantId: string, userId: string, lock = false): Promise<Member | undefined> {
  if (!isUuid(userId)) return undefined;
  const q = tx
    .select(memberColumns)
    .from(tenantUsers)
    .innerJoin(users, eq(users.id, tenantUsers.userId))
    .where(and(eq(tenantUsers.tenantId, tenantId), eq(tenantUsers.userId, userId)));
  const [row] = lock ? await q.for("update", { of: tenantUsers }) : await q;
  return row;
}

/**
 * Locks the tenant's active admin memberships, so two admins demoting or deactivating
 * each other at once cannot leave the tenant with none: the second waits, re-reads, and
 * is refused.
 */
async function lockActiveAdmins(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: tenantUsers.userId })
    .from(tenantUsers)
    .where(and(eq(tenantUsers.tenantId, tenantId), eq(tenantUsers.role, "admin"), eq(tenantUsers.isActive, true)))
    .orderBy(tenantUsers.userId) // one lock order for every caller: no deadlocks
    .for("update");
  return rows.map((r) => r.userId);
}

function assertNotLastAdmin(activeAdmins: string[], member: Member, what: string) {
  if (member.role === "admin" && member.isActive && activeAdmins.length <= 1) {
    throw new AppError("conflict", `${member.name} is the last active admin: make another member an admin before you ${what}`);
  }
}

export async function changeMemberRole(ctx: TenantContext, input: { userId: string; role: Role }): Promise<Member> {
  assertCan(ctx.actor.role, "users.manage");
  const data = changeRoleSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const admins = await lockActiveAdmins(tx, ctx.tenantId);
    const member = await getMember(tx, ctx.tenantId, data.userId, true);
    if (!member) throw notFound("Member");
    if (data.role !== "admin") assertNotLastAdmin(admins, member, "change their role");
    const [row] = await tx
      .update(tenantUsers)
      .set({ role: data.role })
      .where(and(eq(tenantUsers.tenantId, ctx.tenantId), eq(tenantUsers.userId, data.userId)))
      .returning({ role: tenantUsers.role });
    if (!row) throw notFound("Member");
    if (member.role !== row.role) await appendAudit(tx, ctx, { action: "member.role_changed", changes: { userId: member.userId, role: [member.role, row.role] } });
    return { ...member, role: row.role };
  });
}

/** Deactivates (is_active = false, deactivated_at = now) or reactivates a membership. */
export async function setMemberActive(ctx: TenantContext, input: { userId: string; active: boolean }): Promise<Member> {
  assertCan(ctx.actor.role, "users.manage");
  const data = setActiveSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const admins = await lockActiveAdmins(tx, ctx.tenantId);
    const member = await getMember(tx, ctx.tenantId, data.userId, true);
    if (!member) throw notFound("Member");
    if (!data.active) assertNotLastAdmin(admins, member, "deactivate them");
    if (member.isActive === data.active) return member;
    const [row] = await tx
      .update(tenantUsers)
      .set(data.active ? { isActive: true, deactivatedAt: null } : { isActive: false, deactivatedAt: sql`now()` })
      .where(and(eq(tenantUsers.tenantId, ctx.tenantId), eq(tenantUsers.userId, data.userId)))
      .returning({ isActive: tenantUsers.isActive, deactivatedAt: tenantUsers.deactivatedAt });
    if (!row) throw notFound("Member");
    // a reactivation re-admits the member: API.md's list has no action of its own for it
    await appendAudit(tx, ctx, { action: data.active ? "member.added" : "member.deactivated", changes: { userId: member.userId, isActive: [member.isActive, row.isActive] } });
    return { ...member, ...row };
  });
}

/**
 * The signed-in user's own display name. The name lives on the global user, so it
 * changes in every workspace they belong to; only an active member of this tenant may
 * change it from here.
 */
export async function updateOwnName(ctx: TenantContext, input: { name: string }): Promise<void> {
  const { name } = profileNameSchema.parse(input);
  const userId = ctx.actor.userId;
  if (!userId) throw new AppError("forbidden", "Only a signed-in user has a profile");
  await withTenant(ctx, async (tx) => {
    const member = await getMember(tx, ctx.tenantId, userId);
    if (!member?.isActive) throw notFound("Member");
    await tx.update(users).set({ name }).where(eq(users.id, userId));
  });
}
