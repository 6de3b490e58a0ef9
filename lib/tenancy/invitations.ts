// Invitations: the only way into a workspace besides creating it. An admin ("Add user")
// creates one for an email and a role, and gets the same answer whether or not that
// email has a Stageline account anywhere; the link carries a random token and only its
// SHA-256 is stored. There is no email delivery here: the admin sees the link once and
// passes it on. A newcomer accepts by creating their account; someone with an account
// accepts signed in as it. The page reads the invitation before the visitor has a session
// in its tenant, through the SECURITY DEFINER auth_invitation(token_hash).
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { invitations, tenantUsers, users } from "@/db/schema";
import { assertCan, type Role } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { reserveAttempt, signupKeys } from "@/lib/auth/throttle";
import { findUserById } from "@/lib/auth/users";
import { AppError, notFound } from "@/lib/errors";
import { systemActor, type TenantContext } from "./context";
import { acceptNewUserSchema, invitationTokenSchema, inviteSchema, revokeInvitationSchema, type InviteInput } from "./schemas";
import { withTenant, type Tx } from "./with-tenant";
import { appendAudit } from "@/lib/audit/write";

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

/**
 * What the public accept page may show about a token; null for an unknown token. It does
 * not say whether the email has an account: the page offers both ways in (sign in, or
 * create an account) to everyone. (Trying to create an account for a taken address is
 * refused, which does tell the link's holder — often the admin who made it. Closing that
 * needs the link delivered by email, so that only the address's owner holds it.)
 */
export interface InvitationView {
  tenantId: string;
  invitationId: string;
  tenantName: string;
  email: string;
  role: Role;
  expiresAt: Date;
  status: InvitationStatus;
}

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
  return { tenantId: r.tenant_id, invitationId: r.invitation_id, tenantName: r.tenant_name, email: r.email, role: r.role, expiresAt, status };
}

async function usableInvitation(token: string): Promise<InvitationView> {
  const inv = await lookupInvitation(token);
  if (!inv) throw notFound("Invitation");
  if (inv.status === "used") throw new AppError("conflict", "This invitation has already been used: sign in instead");
  if (inv.status === "expired") throw new AppError("conflict", "This invitation has expired: ask an admin for a new one");
  return inv;
}

/**
 * Accepts as a person new to Stageline: creates the account (the invitation's email, the
 * name and password they choose) and its membership. An email that already has an account
 * is refused without touching it — that person signs in and accepts as themselves
 * (acceptInvitationAsUser): knowing the link is never enough to take over an account.
 * Throttled per address, like sign-up.
 */
export async function acceptInvitationAsNewUser(
  token: string,
  input: { name?: string; password: string },
  opts: { address: string | null } = { address: null },
): Promise<{ tenantId: string; userId: string; email: string }> {
  await reserveAttempt(signupKeys(opts.address));
  const inv = await usableInvitation(token);
  const data = acceptNewUserSchema.parse({ name: input.name, password: input.password });
  const passwordHash = await hashPassword(data.password);
  return join(inv, async (tx) => {
    const [created] = await tx.insert(users).values({ email: inv.email, name: data.name, passwordHash }).onConflictDoNothing().returning({ id: users.id });
    if (!created) throw new AppError("conflict", `${inv.email} already has a Stageline account: sign in to it to accept this invitation`);
    return created.id;
  });
}

/**
 * Accepts as the signed-in user (`userId` comes from their session, never from the form):
 * only the account whose email the invitation names may use it.
 */
export async function acceptInvitationAsUser(token: string, userId: string): Promise<{ tenantId: string; userId: string; email: string }> {
  const inv = await usableInvitation(token);
  const user = await findUserById(userId);
  if (!user) throw new AppError("unauthorized", "Your session has ended: sign in again");
  if (user.email.trim().toLowerCase() !== inv.email) {
    throw new AppError("forbidden", `This invitation is for ${inv.email}: sign in as that address to accept it`);
  }
  return join(inv, async () => user.id);
}

/**
 * Marks the invitation used and creates the membership — one transaction, so a token
 * works once even for two simultaneous requests.
 */
async function join(inv: InvitationView, member: (tx: Tx) => Promise<string>): Promise<{ tenantId: string; userId: string; email: string }> {
  const ctx: TenantContext = { tenantId: inv.tenantId, actor: systemActor() };
  return withTenant(ctx, async (tx) => {
    const userId = await member(tx);
    const [used] = await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()` })
      .where(and(eq(invitations.tenantId, inv.tenantId), eq(invitations.id, inv.invitationId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, sql`now()`)))
      .returning({ id: invitations.id });
    if (!used) throw new AppError("conflict", "This invitation has already been used or has expired: ask an admin for a new one");
    const [membership] = await tx
      .select({ isActive: tenantUsers.isActive })
      .from(tenantUsers)
      .where(and(eq(tenantUsers.tenantId, inv.tenantId), eq(tenantUsers.userId, userId)));
    if (membership) {
      // A deactivated member stays deactivated: an old link must not undo an admin's decision.
      throw new AppError("conflict", membership.isActive ? `You are already a member of ${inv.tenantName}` : `Your membership in ${inv.tenantName} was deactivated: ask an admin to reactivate it`);
    }
    await tx.insert(tenantUsers).values({ tenantId: inv.tenantId, userId, role: inv.role });
    await appendAudit(tx, ctx, { action: "member.added", actorUserId: userId, changes: { userId, role: inv.role, invitationId: inv.invitationId } });
    return { tenantId: inv.tenantId, userId, email: inv.email };
  });
}
