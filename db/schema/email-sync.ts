import { sql } from "drizzle-orm";
import { bigint, boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns";
import { mailboxes } from "./email";
import { crmRecordType } from "./enums";
import { activities } from "./records";
import { tenants } from "./tenancy";

/** What users other than its owner see of a private mailbox's synced message: all of it, its subject only, or nothing. */
export const EMAIL_SHARING = ["FULL", "SUBJECT", "NONE"] as const;
export type EmailSharing = (typeof EMAIL_SHARING)[number];

/** A mailbox's sync: running, or paused until its credentials are fixed (a rejected password). */
export const MAILBOX_SYNC_STATUSES = ["ACTIVE", "PAUSED"] as const;
export type MailboxSyncStatus = (typeof MAILBOX_SYNC_STATUSES)[number];

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/** The workspace's email sync settings (Settings → Email); a tenant without a row has the defaults. */
export const emailSyncSettings = pgTable("email_sync_settings", {
  tenantId: uuid().notNull().primaryKey(),
  /** How far back the first sync of a mailbox reads. */
  syncDays: integer().notNull().default(30),
  privateSharing: text().$type<EmailSharing>().notNull().default("FULL"),
  /** Mail with these domains (and only these) is not logged: lower case, no "@". */
  excludedDomains: text().array().notNull().default(sql`'{}'::text[]`),
  updatedAt: updatedAt(),
}, (t) => [
  foreignKey({ name: "email_sync_settings_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  check("email_sync_settings_days_check", sql`${t.syncDays} between 1 and 3650`),
  check("email_sync_settings_sharing_check", sql`${t.privateSharing} in (${list(EMAIL_SHARING)})`),
]);

/** A mailbox's incoming sync (lib/email/sync.ts): from when, paused or not, and why. */
export const mailboxSyncStates = pgTable("mailbox_sync_states", {
  tenantId: tenantId(),
  mailboxId: uuid().notNull(),
  status: text().$type<MailboxSyncStatus>().notNull().default("ACTIVE"),
  /** Mail older than this is not read; null until the first sync sets it (now − sync days). */
  since: timestamp({ withTimezone: true }),
  error: text(),
  lastSyncedAt: timestamp({ withTimezone: true }),
  /** A sync holds the mailbox until then (a lease: one sync of a mailbox at a time). */
  lockedUntil: timestamp({ withTimezone: true }),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.mailboxId] }),
  foreignKey({ name: "mailbox_sync_states_mailbox_fk", columns: [t.tenantId, t.mailboxId], foreignColumns: [mailboxes.tenantId, mailboxes.id] }).onDelete("cascade"),
  check("mailbox_sync_states_status_check", sql`${t.status} in (${list(MAILBOX_SYNC_STATUSES)})`),
]);

/** Where the sync stands in each folder it reads (INBOX, Sent): a new UIDVALIDITY starts the folder over. */
export const mailboxFolders = pgTable("mailbox_folders", {
  tenantId: tenantId(),
  mailboxId: uuid().notNull(),
  path: text().notNull(),
  role: text().$type<"INBOX" | "SENT">().notNull(),
  uidValidity: bigint({ mode: "number" }).notNull(),
  lastUid: bigint({ mode: "number" }).notNull().default(0),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.mailboxId, t.path] }),
  foreignKey({ name: "mailbox_folders_mailbox_fk", columns: [t.tenantId, t.mailboxId], foreignColumns: [mailboxes.tenantId, mailboxes.id] }).onDelete("cascade"),
  check("mailbox_folders_role_check", sql`${t.role} in ('INBOX', 'SENT')`),
]);

/** The ledger: one row per sync of a mailbox, with what it fetched, matched and skipped, and why. */
export const emailSyncRuns = pgTable("email_sync_runs", {
  tenantId: tenantId(),
  id: id(),
  mailboxId: uuid().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
  fetched: integer().notNull().default(0),
  matched: integer().notNull().default(0),
  skippedNoContact: integer().notNull().default(0),
  skippedExcluded: integer().notNull().default(0),
  skippedDuplicate: integer().notNull().default(0),
  errors: integer().notNull().default(0),
  error: text(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "email_sync_runs_mailbox_fk", columns: [t.tenantId, t.mailboxId], foreignColumns: [mailboxes.tenantId, mailboxes.id] }).onDelete("cascade"),
  index("email_sync_runs_mailbox_idx").on(t.tenantId, t.mailboxId, t.startedAt.desc()),
]);

export interface SyncedAttachment {
  filename: string | null;
  contentType: string;
  size: number;
}

/**
 * A message read from a mailbox (IMAP) and matched to records: its EMAIL activity is on
 * the first matched contact, linked (activity_links) to the others, their companies and
 * open deals. Bodies are bounded; the HTML was sanitised when it was stored.
 */
export const syncedEmails = pgTable("synced_emails", {
  tenantId: tenantId(),
  id: id(),
  mailboxId: uuid().notNull(),
  folder: text().notNull(),
  uid: bigint({ mode: "number" }).notNull(),
  direction: text().$type<"INBOUND" | "OUTBOUND">().notNull(),
  /** The Message-ID header with its angle brackets, and the thread (lib/email/threading.ts). */
  messageId: text().notNull(),
  inReplyTo: text(),
  references: text().array().notNull().default(sql`'{}'::text[]`),
  threadId: text().notNull(),
  fromAddress: text().notNull(),
  fromName: text(),
  toAddresses: text().array().notNull(),
  ccAddresses: text().array().notNull().default(sql`'{}'::text[]`),
  subject: text().notNull(),
  bodyText: text().notNull(),
  bodyHtml: text(),
  hasRemoteImages: boolean().notNull().default(false),
  attachments: jsonb().$type<SyncedAttachment[]>().notNull().default([]),
  truncated: boolean().notNull().default(false),
  sentAt: timestamp({ withTimezone: true }).notNull(),
  activityId: uuid().notNull(),
  recordType: crmRecordType().notNull(),
  recordId: uuid().notNull(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "synced_emails_mailbox_fk", columns: [t.tenantId, t.mailboxId], foreignColumns: [mailboxes.tenantId, mailboxes.id] }).onDelete("cascade"),
  foreignKey({ name: "synced_emails_activity_fk", columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }).onDelete("cascade"),
  // a message is logged once per mailbox, whichever folder it was read from (moved, or in Sent and INBOX)
  uniqueIndex("synced_emails_message_uq").on(t.tenantId, t.mailboxId, t.messageId),
  uniqueIndex("synced_emails_activity_uq").on(t.tenantId, t.activityId),
  // threading: the thread of a message this one answers
  index("synced_emails_message_id_idx").on(t.tenantId, t.messageId),
  index("synced_emails_thread_idx").on(t.tenantId, t.threadId),
]);

export type EmailSyncSettings = typeof emailSyncSettings.$inferSelect;
export type MailboxSyncState = typeof mailboxSyncStates.$inferSelect;
export type SyncedEmail = typeof syncedEmails.$inferSelect;
