// Mailboxes (Settings → Email): a user's own, and shared ones an admin adds. The one write
// path for them; passwords go in encrypted and never come out (MailboxView has none).
import "server-only";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import { mailboxes, mailboxSyncStates, type Mailbox } from "@/db/schema";
import { assertCan, can } from "@/lib/auth/permissions";
import { AppError, forbidden, isUniqueViolation, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { encryptSecret } from "./crypto";
import { mailboxCreateSchema, mailboxUpdateSchema, type MailboxCreateInput, type MailboxUpdateInput } from "./schemas";
import { resolveSmtpHost, smtpErrorMessage, smtpTransport } from "./smtp";

/** What the UI and the API see of a mailbox: never a password. */
export interface MailboxView {
  id: string;
  emailAddress: string;
  displayName: string | null;
  shared: boolean;
  ownerUserId: string | null;
  smtpHost: string;
  smtpPort: number;
  smtpSecurity: Mailbox["smtpSecurity"];
  smtpUsername: string;
  imapHost: string | null;
  imapPort: number | null;
  imapSecurity: Mailbox["imapSecurity"];
  imapUsername: string | null;
  hasImapPassword: boolean;
  checkedAt: Date | null;
  checkError: string | null;
}

export function toMailboxView(m: Mailbox): MailboxView {
  return {
    id: m.id,
    emailAddress: m.emailAddress,
    displayName: m.displayName,
    shared: m.ownerUserId === null,
    ownerUserId: m.ownerUserId,
    smtpHost: m.smtpHost,
    smtpPort: m.smtpPort,
    smtpSecurity: m.smtpSecurity,
    smtpUsername: m.smtpUsername,
    imapHost: m.imapHost,
    imapPort: m.imapPort,
    imapSecurity: m.imapSecurity,
    imapUsername: m.imapUsername,
    hasImapPassword: !!m.imapPasswordEnc,
    checkedAt: m.checkedAt,
    checkError: m.checkError,
  };
}

/** The mailboxes the actor may send through: their own and the shared ones. */
const usableBy = (ctx: TenantContext) =>
  and(eq(mailboxes.tenantId, ctx.tenantId), ctx.actor.userId ? or(isNull(mailboxes.ownerUserId), eq(mailboxes.ownerUserId, ctx.actor.userId)) : isNull(mailboxes.ownerUserId));

export async function listMailboxes(ctx: TenantContext): Promise<MailboxView[]> {
  return withTenant(ctx, async (tx) => (await tx.select().from(mailboxes).where(usableBy(ctx)).orderBy(sql`${mailboxes.ownerUserId} is null`, mailboxes.emailAddress)).map(toMailboxView));
}

/** A mailbox the actor may use (send through, check); a 404 for anyone else's private one. */
export async function usableMailbox(tx: Tx, ctx: TenantContext, id: string): Promise<Mailbox> {
  if (!isUuid(id)) throw notFound("Mailbox");
  const [m] = await tx.select().from(mailboxes).where(and(usableBy(ctx), eq(mailboxes.id, id)));
  if (!m) throw notFound("Mailbox");
  return m;
}

/** Changing a mailbox: its owner, or an admin for a shared one. */
export async function ownedMailbox(tx: Tx, ctx: TenantContext, id: string): Promise<Mailbox> {
  const m = await usableMailbox(tx, ctx, id);
  if (m.ownerUserId === null && !can(ctx.actor.role, "settings.manage")) throw forbidden("Only an admin may change a shared mailbox");
  return m;
}

const duplicate = (err: unknown) => {
  if (isUniqueViolation(err, "mailboxes_address_owner_uq")) throw new AppError("conflict", "This mailbox is already connected");
  throw err;
};

export async function createMailbox(ctx: TenantContext, input: MailboxCreateInput): Promise<MailboxView> {
  assertCan(ctx.actor.role, "email.send");
  const v = mailboxCreateSchema.parse(input);
  if (v.shared) assertCan(ctx.actor.role, "settings.manage");
  if (!v.shared && !ctx.actor.userId) throw forbidden("An API key may only add shared mailboxes");
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .insert(mailboxes)
      .values({
        tenantId: ctx.tenantId,
        ownerUserId: v.shared ? null : ctx.actor.userId,
        emailAddress: v.emailAddress,
        displayName: v.displayName || null,
        smtpHost: v.smtpHost,
        smtpPort: v.smtpPort,
        smtpSecurity: v.smtpSecurity,
        smtpUsername: v.smtpUsername,
        smtpPasswordEnc: encryptSecret(v.smtpPassword),
        imapHost: v.imapHost ?? null,
        imapPort: v.imapHost ? (v.imapPort ?? null) : null,
        imapSecurity: v.imapHost ? (v.imapSecurity ?? "TLS") : null,
        imapUsername: v.imapHost ? v.imapUsername || v.smtpUsername : null,
        imapPasswordEnc: v.imapHost ? encryptSecret(v.imapPassword || v.smtpPassword) : null,
        createdByUserId: ctx.actor.userId,
      })
      .returning();
    return toMailboxView(row!);
  }).catch(duplicate);
}

export async function updateMailbox(ctx: TenantContext, id: string, patch: MailboxUpdateInput): Promise<MailboxView> {
  assertCan(ctx.actor.role, "email.send");
  const v = mailboxUpdateSchema.parse(patch);
  return withTenant(ctx, async (tx) => {
    await ownedMailbox(tx, ctx, id);
    const set: Partial<typeof mailboxes.$inferInsert> = { updatedAt: new Date(), checkedAt: null, checkError: null };
    for (const k of ["displayName", "smtpHost", "smtpPort", "smtpSecurity", "smtpUsername", "imapHost", "imapPort", "imapSecurity", "imapUsername"] as const) {
      if (v[k] !== undefined) (set as Record<string, unknown>)[k] = v[k];
    }
    if (v.smtpPassword) set.smtpPasswordEnc = encryptSecret(v.smtpPassword);
    if (v.imapPassword) set.imapPasswordEnc = encryptSecret(v.imapPassword);
    if (v.imapHost === null) Object.assign(set, { imapPort: null, imapSecurity: null, imapUsername: null, imapPasswordEnc: null });
    const [row] = await tx.update(mailboxes).set(set).where(and(eq(mailboxes.tenantId, ctx.tenantId), eq(mailboxes.id, id))).returning();
    // new IMAP credentials resume a sync a rejected password paused (lib/email/sync.ts)
    if (v.imapPassword || v.imapUsername !== undefined || v.imapHost !== undefined || v.imapPort !== undefined) {
      await tx.update(mailboxSyncStates).set({ status: "ACTIVE", error: null, updatedAt: new Date() }).where(and(eq(mailboxSyncStates.tenantId, ctx.tenantId), eq(mailboxSyncStates.mailboxId, id)));
    }
    return toMailboxView(row!);
  });
}

export async function deleteMailbox(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx.actor.role, "email.send");
  await withTenant(ctx, async (tx) => {
    await ownedMailbox(tx, ctx, id);
    // emails sent through it keep it (their FK): a mailbox with history is refused
    const done = await tx.delete(mailboxes).where(and(eq(mailboxes.tenantId, ctx.tenantId), eq(mailboxes.id, id))).returning({ id: mailboxes.id });
    if (!done.length) throw notFound("Mailbox");
  }).catch((err) => {
    if ((err as { cause?: { code?: string } })?.cause?.code === "23503") throw new AppError("conflict", "Emails were sent through this mailbox: it stays for their history");
    throw err;
  });
}

export interface CheckResult {
  ok: boolean;
  /** What went wrong, in words a user can act on; null when it passed. */
  error: string | null;
  checkedAt: Date;
}

/**
 * Connects and logs in to the SMTP server, and (with `sendTest`) sends a test email to the
 * mailbox's own address. The outcome is kept on the mailbox, so Settings → Email shows it.
 */
export async function checkMailbox(ctx: TenantContext, id: string, opts: { sendTest?: boolean } = {}): Promise<CheckResult> {
  assertCan(ctx.actor.role, "email.send");
  const m = await withTenant(ctx, (tx) => usableMailbox(tx, ctx, id));
  let error: string | null = null;
  let transport: ReturnType<typeof smtpTransport> | undefined;
  try {
    transport = smtpTransport(m, await resolveSmtpHost(m.smtpHost));
    await transport.verify();
    if (opts.sendTest) {
      await transport.sendMail({
        from: { name: m.displayName ?? "Stageline", address: m.emailAddress },
        to: m.emailAddress,
        subject: "Stageline test email",
        text: "This test email shows that Stageline can send through this mailbox.",
      });
    }
  } catch (err) {
    error = smtpErrorMessage(err, m);
  } finally {
    transport?.close();
  }
  const checkedAt = new Date();
  await withTenant(ctx, (tx) => tx.update(mailboxes).set({ checkedAt, checkError: error }).where(and(eq(mailboxes.tenantId, ctx.tenantId), eq(mailboxes.id, id))));
  return { ok: error === null, error, checkedAt };
}
