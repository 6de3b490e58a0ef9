// Invitations: an admin creates one for an email and a role; the link carries a random
// token and only its SHA-256 is stored. There is no email delivery here: the admin sees
// the link once and passes it on. Accepting happens before the invitee has a session,
// so the look-up goes through the SECURITY DEFINER auth_invitation(token_hash).
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { invitations, tenantUsers, users } from "@/db/schema";
import { assertCan, type Role } from "@/lib/auth/permissions";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { findUserByEmail } from "@/lib/auth/users";
import { AppError, notFound, validationError } from "@/lib/errors";
import { systemActor, type TenantContext } from "./context";
import { acceptExistingUserSchema, acceptNewUserSchema, invitationTokenSchema, inviteSchema, revokeInvitationSchema, type InviteInput } from "./schemas";
import { withTenant } from "./with-tenant";

export const INVITATION_TTL_DAYS = 7;

export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
}

/** Creates an invitation; the token is returned once (for the link) and never stored. */
export async function createInvitation(ctx: TenantContext, input: InviteInput): Promise<PendingInvitation & { token: string }> {
  assertCan(ctx.actor.role, "users.manage");
  const data = inviteSchema.parse(input);
  const token = randomBytes(32).toString("base64url");
  return withTenant(ctx, async (tx) => {
    const [member] = await tx
      .select({ isActive: tenantUsers.isActive })
      .from(tenantUsers)
      .innerJoin(users, eq(users.id, tenantUsers.userId))
      .where(and(eq(tenantUsers.tenantId, ctx.tenantId), sql`lower(${users.email}) = ${data.email}`));
    if (member) {
      throw new AppError("conflict", member.isActive ? `${data.email} is already a member of this workspace` : `${data.email} is a deactivated member: reactivate them instead`, {
        errors: [{ path: "email", message: member.isActive ? "is already a member" : "is a deactivated member" }],
      });
    }
    const [row] = await tx
      .insert(invitations)
      .values({
        tenantId: ctx.tenantId,
        email: data.email,
        role: data.role,
        tokenHash: hashInvitationToken(token),
        invitedByUserId: ctx.actor.userId,
        expiresAt: sql`now() + ${`${INVITATION_TTL_DAYS} days`}::interval`,
      })
      .returning({ id: invitations.id, email: invitations.email, role: invitations.role, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt });
    return { ...row!, token };
  });
}

/** Invitations not yet accepted and not expired, oldest first. */
export async function listPendingInvitations(ctx: TenantContext): Promise<PendingInvitation[]> {
  return withTenant(ctx, (tx) =>
    tx
      .select({ id: invitations.id, email: invitations.email, role: invitations.role, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(and(eq(invitations.tenantId, ctx.tenantId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, sql`now()`)))
      .orderBy(asc(invitations.createdAt)),
  );
}

/** Withdraws a pending invitation: its link stops working. */
export async function revokeInvitation(ctx: TenantContext, input: { invitationId: string }): Promise<void> {
  assertCan(ctx.actor.role, "users.manage");
  const { invitationId } = revokeInvitationSchema.parse(input);
  const rows = await withTenant(ctx, (tx) =>
    tx
      .delete(invitations)
      .where(and(eq(invitations.tenantId, ctx.tenantId), eq(invitations.id, invitationId), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id }),
  );
  if (rows.length === 0) throw notFound("Invitation");
}

export type InvitationStatus = "valid" | "expired" | "used";

export interface InvitationView {
  tenantId: string;
  invitationId: string;
  tenantName: string;
  email: string;
  role: Role;
  expiresAt: Date;
  status: InvitationStatus;
  /** The email already has an account: the invitee confirms with their password. */
  existingUser: boolean;
}

/** What the public accept page may show about a token; null for an unknown token. */
export async function lookupInvitation(token: string): Promise<InvitationView | null> {
  if (!invitationTokenSchema.safeParse(token).success) return null;
  const rows = await db().execute<{
    tenant_id: string;
    invitation_id: string;
    email: string;
    role: Role;
    expires_at: string | Date;
    accepted_at: string | Date | null;
    tenant_name: string;
  }>(sql`select * from auth_invitation(${hashInvitationToken(token)})`);
  const r = rows[0];
  if (!r) return null;
  const expiresAt = new Date(r.expires_at);
  const status: InvitationStatus = r.accepted_at ? "used" : expiresAt.getTime() <= Date.now() ? "expired" : "valid";
  return {
    tenantId: r.tenant_id,
    invitationId: r.invitation_id,
    tenantName: r.tenant_name,
    email: r.email,
    role: r.role,
    expiresAt,
    status,
    existingUser: !!(await findUserByEmail(r.email)),
  };
}

export interface AcceptInput {
  /** Required for a new user. */
  name?: string;
  password: string;
}

/**
 * Accepts an invitation: a new user is created with the invitation's email, or an
 * existing user proves it is them with their password; then the membership is created in
 * the invitation's tenant and the invitation is marked used — one transaction, so a
 * token can be used only once even by two simultaneous requests.
 */
export async function acceptInvitation(token: string, input: AcceptInput): Promise<{ tenantId: string; userId: string; email: string; createdUser: boolean }> {
  const inv = await lookupInvitation(token);
  if (!inv) throw notFound("Invitation");
  assertUsable(inv.status);
  const existing = await findUserByEmail(inv.email);
  let newUser: { name: string; passwordHash: string } | null = null;
  if (existing) {
    const { password } = acceptExistingUserSchema.parse({ password: input.password });
    if (!(await verifyPassword(existing.passwordHash, password))) {
      throw validationError([{ path: "password", message: "is not the password of this account" }]);
    }
  } else {
    const data = acceptNewUserSchema.parse({ name: input.name, password: input.password });
    newUser = { name: data.name, passwordHash: await hashPassword(data.password) };
  }

  const ctx: TenantContext = { tenantId: inv.tenantId, actor: systemActor() };
  return withTenant(ctx, async (tx) => {
    let userId = existing?.id;
    if (newUser) {
      const [created] = await tx.insert(users).values({ email: inv.email, ...newUser }).onConflictDoNothing().returning({ id: users.id });
      if (!created) throw new AppError("conflict", "An account with this email was just created: open the link again and confirm with its password");
      userId = created.id;
    }
    const [used] = await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()` })
      .where(and(eq(invitations.tenantId, inv.tenantId), eq(invitations.id, inv.invitationId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, sql`now()`)))
      .returning({ id: invitations.id });
    if (!used) throw new AppError("conflict", "This invitation has already been used or has expired: ask an admin for a new one");
    const [membership] = await tx
      .select({ isActive: tenantUsers.isActive })
      .from(tenantUsers)
      .where(and(eq(tenantUsers.tenantId, inv.tenantId), eq(tenantUsers.userId, userId!)));
    if (membership) {
      // A deactivated member stays deactivated: an old link must not undo an admin's decision.
      throw new AppError("conflict", membership.isActive ? `You are already a member of ${inv.tenantName}: sign in instead` : `Your membership in ${inv.tenantName} was deactivated: ask an admin to reactivate it`);
    }
    await tx.insert(tenantUsers).values({ tenantId: inv.tenantId, userId: userId!, role: inv.role });
    return { tenantId: inv.tenantId, userId: userId!, email: inv.email, createdUser: !!newUser };
  });
}

function assertUsable(status: InvitationStatus) {
  if (status === "used") throw new AppError("conflict", "This invitation has already been used: sign in instead");
  if (status === "expired") throw new AppError("conflict", "This invitation has expired: ask an admin for a new one");
}
