// The IMAP sync as users see it (Settings → Email, the record page): a mailbox's ledger,
// "Sync now", "Resync from date", resuming a paused sync, the workspace's sync settings,
// and one synced message, shown as the workspace's sharing setting allows (a private
// mailbox's messages: all, subject only, or nothing for anyone but its owner).
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { emailSyncRuns, emailSyncSettings, mailboxes, mailboxFolders, mailboxSyncStates, syncedEmails, EMAIL_SHARING, type EmailSharing, type SyncedAttachment } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { notFound, validationError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { ownedMailbox, usableMailbox } from "./mailboxes";
import { visibilityFor } from "./visibility";

export interface SyncRunView {
  id: string;
  startedAt: Date;
  finishedAt: Date | null;
  fetched: number;
  matched: number;
  skippedNoContact: number;
  skippedExcluded: number;
  skippedDuplicate: number;
  errors: number;
  error: string | null;
}

export interface SyncLedger {
  mailboxId: string;
  status: "ACTIVE" | "PAUSED" | "NOT_STARTED";
  error: string | null;
  since: Date | null;
  lastSyncedAt: Date | null;
  totals: Pick<SyncRunView, "fetched" | "matched" | "skippedNoContact" | "skippedExcluded" | "skippedDuplicate" | "errors">;
  runs: SyncRunView[];
}

export async function getSyncLedger(ctx: TenantContext, mailboxId: string, opts: { runs?: number } = {}): Promise<SyncLedger> {
  return withTenant(ctx, async (tx) => {
    await usableMailbox(tx, ctx, mailboxId);
    const [state] = await tx.select().from(mailboxSyncStates).where(and(eq(mailboxSyncStates.tenantId, ctx.tenantId), eq(mailboxSyncStates.mailboxId, mailboxId)));
    const [totals] = await tx
      .select({
        fetched: sql<number>`coalesce(sum(${emailSyncRuns.fetched}), 0)::int`,
        matched: sql<number>`coalesce(sum(${emailSyncRuns.matched}), 0)::int`,
        skippedNoContact: sql<number>`coalesce(sum(${emailSyncRuns.skippedNoContact}), 0)::int`,
        skippedExcluded: sql<number>`coalesce(sum(${emailSyncRuns.skippedExcluded}), 0)::int`,
        skippedDuplicate: sql<number>`coalesce(sum(${emailSyncRuns.skippedDuplicate}), 0)::int`,
        errors: sql<number>`coalesce(sum(${emailSyncRuns.errors}), 0)::int`,
      })
      .from(emailSyncRuns)
      .where(and(eq(emailSyncRuns.tenantId, ctx.tenantId), eq(emailSyncRuns.mailboxId, mailboxId)));
    const runs = await tx
      .select()
      .from(emailSyncRuns)
      .where(and(eq(emailSyncRuns.tenantId, ctx.tenantId), eq(emailSyncRuns.mailboxId, mailboxId)))
      .orderBy(desc(emailSyncRuns.startedAt))
      .limit(opts.runs ?? 10);
    return {
      mailboxId,
      status: state?.status ?? "NOT_STARTED",
      error: state?.error ?? null,
      since: state?.since ?? null,
      lastSyncedAt: state?.lastSyncedAt ?? null,
      totals: totals!,
      runs: runs.map(({ tenantId: _t, mailboxId: _m, ...r }) => r),
    };
  });
}

async function imapMailbox(tx: Tx, ctx: TenantContext, mailboxId: string) {
  const m = await ownedMailbox(tx, ctx, mailboxId);
  if (!m.imapHost) throw validationError([{ path: "imapHost", message: "This mailbox has no IMAP server to sync from" }]);
  return m;
}

/** "Sync now": queues the mailbox's sync job (one waiting at a time), for the worker to run at once. */
export async function requestMailboxSync(ctx: TenantContext, mailboxId: string): Promise<void> {
  assertCan(ctx.actor.role, "email.send");
  await withTenant(ctx, async (tx) => {
    await imapMailbox(tx, ctx, mailboxId);
    await tx.execute(sql`select enqueue_mailbox_sync(${ctx.tenantId}::uuid, ${mailboxId}::uuid)`);
  });
}

/** Resumes a paused sync (after its password was updated), and queues it. */
export async function resumeMailboxSync(ctx: TenantContext, mailboxId: string): Promise<void> {
  assertCan(ctx.actor.role, "email.send");
  await withTenant(ctx, async (tx) => {
    await imapMailbox(tx, ctx, mailboxId);
    await tx.update(mailboxSyncStates).set({ status: "ACTIVE", error: null, updatedAt: new Date() }).where(and(eq(mailboxSyncStates.tenantId, ctx.tenantId), eq(mailboxSyncStates.mailboxId, mailboxId)));
    await tx.execute(sql`select enqueue_mailbox_sync(${ctx.tenantId}::uuid, ${mailboxId}::uuid)`);
  });
}

/**
 * "Resync from date": every folder is read again from that date; what was already logged is
 * skipped as a duplicate (by Message-ID), so nothing is logged twice. Resumes a paused sync.
 */
export async function resyncMailboxFrom(ctx: TenantContext, mailboxId: string, fromIso: string): Promise<void> {
  assertCan(ctx.actor.role, "email.send");
  const from = new Date(fromIso);
  if (Number.isNaN(from.getTime()) || from.getTime() > Date.now()) throw validationError([{ path: "from", message: "must be a date in the past" }]);
  await withTenant(ctx, async (tx) => {
    await imapMailbox(tx, ctx, mailboxId);
    await tx
      .insert(mailboxSyncStates)
      .values({ tenantId: ctx.tenantId, mailboxId, since: from })
      .onConflictDoUpdate({ target: [mailboxSyncStates.tenantId, mailboxSyncStates.mailboxId], set: { since: from, status: "ACTIVE", error: null, updatedAt: new Date() } });
    await tx.delete(mailboxFolders).where(and(eq(mailboxFolders.tenantId, ctx.tenantId), eq(mailboxFolders.mailboxId, mailboxId)));
    await tx.execute(sql`select enqueue_mailbox_sync(${ctx.tenantId}::uuid, ${mailboxId}::uuid)`);
  });
}

// --- workspace settings ----------------------------------------------------------------------

export interface EmailSyncSettingsView {
  syncDays: number;
  privateSharing: EmailSharing;
  excludedDomains: string[];
}

const DEFAULTS: EmailSyncSettingsView = { syncDays: 30, privateSharing: "FULL", excludedDomains: [] };

export const emailSyncSettingsSchema = z.strictObject({
  syncDays: z.number().int().min(1).max(3650).optional(),
  privateSharing: z.enum(EMAIL_SHARING).optional(),
  excludedDomains: z
    .array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "must be a domain like example.com").max(253))
    .max(500)
    .optional(),
});
export type EmailSyncSettingsInput = z.input<typeof emailSyncSettingsSchema>;

export async function readEmailSyncSettings(tx: Tx, tenantId: string): Promise<EmailSyncSettingsView> {
  const [s] = await tx.select().from(emailSyncSettings).where(eq(emailSyncSettings.tenantId, tenantId));
  return s ? { syncDays: s.syncDays, privateSharing: s.privateSharing, excludedDomains: s.excludedDomains } : { ...DEFAULTS };
}

export async function getEmailSyncSettings(ctx: TenantContext): Promise<EmailSyncSettingsView> {
  return withTenant(ctx, (tx) => readEmailSyncSettings(tx, ctx.tenantId));
}

export async function updateEmailSyncSettings(ctx: TenantContext, input: EmailSyncSettingsInput): Promise<EmailSyncSettingsView> {
  assertCan(ctx.actor.role, "settings.manage");
  const v = emailSyncSettingsSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const next = { ...(await readEmailSyncSettings(tx, ctx.tenantId)), ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) } as EmailSyncSettingsView;
    next.excludedDomains = [...new Set(next.excludedDomains)];
    await tx
      .insert(emailSyncSettings)
      .values({ tenantId: ctx.tenantId, ...next })
      .onConflictDoUpdate({ target: emailSyncSettings.tenantId, set: { ...next, updatedAt: new Date() } });
    return next;
  });
}

// --- one synced message ----------------------------------------------------------------------

export interface SyncedEmailView {
  id: string;
  activityId: string;
  mailboxId: string;
  direction: "INBOUND" | "OUTBOUND";
  messageId: string;
  threadId: string;
  from: string;
  fromName: string | null;
  to: string[];
  cc: string[];
  subject: string;
  /** Null where the sharing setting hides the body from this user. */
  text: string | null;
  /** Sanitised when stored (lib/email/sanitize.ts); remote images wait in data-remote-src. */
  html: string | null;
  hasRemoteImages: boolean;
  attachments: SyncedAttachment[];
  truncated: boolean;
  sentAt: Date;
  /** What this user may see of it: FULL, SUBJECT (no body, no attachments) or NONE. */
  visibility: EmailSharing;
}

export async function getSyncedEmail(ctx: TenantContext, id: string): Promise<SyncedEmailView> {
  if (!isUuid(id)) throw notFound("Email");
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .select({ e: syncedEmails, ownerUserId: mailboxes.ownerUserId })
      .from(syncedEmails)
      .innerJoin(mailboxes, and(eq(mailboxes.tenantId, syncedEmails.tenantId), eq(mailboxes.id, syncedEmails.mailboxId)))
      .where(and(eq(syncedEmails.tenantId, ctx.tenantId), eq(syncedEmails.id, id)));
    if (!row) throw notFound("Email");
    const visibility = visibilityFor(ctx.actor.userId, row.ownerUserId, (await readEmailSyncSettings(tx, ctx.tenantId)).privateSharing);
    if (visibility === "NONE") throw notFound("Email");
    const e = row.e;
    const full = visibility === "FULL";
    return {
      id: e.id,
      activityId: e.activityId,
      mailboxId: e.mailboxId,
      direction: e.direction,
      messageId: e.messageId,
      threadId: e.threadId,
      from: e.fromAddress,
      fromName: e.fromName,
      to: e.toAddresses,
      cc: e.ccAddresses,
      subject: e.subject,
      text: full ? e.bodyText : null,
      html: full ? e.bodyHtml : null,
      hasRemoteImages: full && e.hasRemoteImages,
      attachments: full ? e.attachments : [],
      truncated: e.truncated,
      sentAt: e.sentAt,
      visibility,
    };
  });
}
