import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns";
import { crmRecordType } from "./enums";
import { activities } from "./records";
import { tenants, tenantUsers } from "./tenancy";

/** How a connection to a mail server is secured: implicit TLS (465, 993), STARTTLS (587, 143), or none (local relays). */
export const MAIL_SECURITY = ["TLS", "STARTTLS", "NONE"] as const;
export type MailSecurity = (typeof MAIL_SECURITY)[number];

/** Where an outgoing email stands: queued with its activity, sending (a worker holds it), sent, or failed for good. */
export const EMAIL_STATUSES = ["QUEUED", "SENDING", "SENT", "FAILED"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/**
 * A mailbox a user sends through (Settings → Email): their own (owner_user_id), or a shared
 * one an admin added (owner_user_id null, e.g. sales@). Passwords are AES-256-GCM
 * ciphertext (lib/email/crypto.ts), never returned after they are saved.
 */
export const mailboxes = pgTable("mailboxes", {
  tenantId: tenantId(),
  id: id(),
  ownerUserId: uuid(),
  emailAddress: text().notNull(),
  displayName: text(),
  smtpHost: text().notNull(),
  smtpPort: integer().notNull(),
  smtpSecurity: text().$type<MailSecurity>().notNull(),
  smtpUsername: text().notNull(),
  smtpPasswordEnc: text().notNull(),
  imapHost: text(),
  imapPort: integer(),
  imapSecurity: text().$type<MailSecurity>(),
  imapUsername: text(),
  imapPasswordEnc: text(),
  /** The last connection check: when, and what went wrong (null when it passed). */
  checkedAt: timestamp({ withTimezone: true }),
  checkError: text(),
  createdByUserId: uuid(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "mailboxes_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  foreignKey({ name: "mailboxes_owner_fk", columns: [t.tenantId, t.ownerUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  foreignKey({ name: "mailboxes_created_by_fk", columns: [t.tenantId, t.createdByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  // serves Settings → Email (a user's own and the shared ones) and the FK above
  index("mailboxes_owner_idx").on(t.tenantId, t.ownerUserId),
  index("mailboxes_created_by_idx").on(t.tenantId, t.createdByUserId),
  uniqueIndex("mailboxes_address_owner_uq").on(t.tenantId, sql`lower(${t.emailAddress})`, sql`coalesce(${t.ownerUserId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
  check("mailboxes_smtp_security_check", sql`${t.smtpSecurity} in (${list(MAIL_SECURITY)})`),
  check("mailboxes_imap_security_check", sql`${t.imapSecurity} in (${list(MAIL_SECURITY)})`),
  check("mailboxes_ports_check", sql`${t.smtpPort} between 1 and 65535 and (${t.imapPort} is null or ${t.imapPort} between 1 and 65535)`),
]);

/** A reusable email (Settings → Email templates): subject and body with {{variables}} (lib/email/template.ts). */
export const emailTemplates = pgTable("email_templates", {
  tenantId: tenantId(),
  id: id(),
  name: text().notNull(),
  subject: text().notNull(),
  body: text().notNull(),
  createdByUserId: uuid(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "email_templates_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  foreignKey({ name: "email_templates_created_by_fk", columns: [t.tenantId, t.createdByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("email_templates_created_by_idx").on(t.tenantId, t.createdByUserId),
  uniqueIndex("email_templates_name_uq").on(t.tenantId, sql`lower(${t.name})`),
]);

/**
 * An email sent from a record: the send's queue row (its insert queues the worker's job,
 * migration email), the message as sent, and its tracking figures. Its EMAIL activity is
 * written in the same transaction.
 */
export const emailMessages = pgTable("email_messages", {
  tenantId: tenantId(),
  id: id(),
  mailboxId: uuid().notNull(),
  activityId: uuid().notNull(),
  recordType: crmRecordType().notNull(),
  recordId: uuid().notNull(),
  fromAddress: text().notNull(),
  toAddresses: text().array().notNull(),
  ccAddresses: text().array().notNull().default(sql`'{}'::text[]`),
  subject: text().notNull(),
  bodyText: text().notNull(),
  bodyHtml: text().notNull(),
  /** The Message-ID header (with its angle brackets) and the thread it starts or continues. */
  messageId: text().notNull(),
  threadId: text().notNull(),
  status: text().$type<EmailStatus>().notNull().default("QUEUED"),
  attempts: integer().notNull().default(0),
  error: text(),
  tracked: boolean().notNull().default(false),
  /** The links of the HTML body in order; a click token names one by its index. */
  links: jsonb().$type<string[]>().notNull().default([]),
  opens: integer().notNull().default(0),
  proxyOpens: integer().notNull().default(0),
  firstOpenedAt: timestamp({ withTimezone: true }),
  lastOpenedAt: timestamp({ withTimezone: true }),
  clicks: integer().notNull().default(0),
  /** Clicks per link index: { "0": 2 }. */
  linkClicks: jsonb().$type<Record<string, number>>().notNull().default({}),
  sentAt: timestamp({ withTimezone: true }),
  /** Set by the IMAP sync (lib/email/sync.ts): a reply to it arrived, or a bounce (DSN) for it. */
  repliedAt: timestamp({ withTimezone: true }),
  bouncedAt: timestamp({ withTimezone: true }),
  bounceReason: text(),
  /** Send later: the worker's job runs at this time (migration campaigns_sequences). */
  scheduledAt: timestamp({ withTimezone: true }),
  /** Set for campaign and sequence sends: the RFC 8058 List-Unsubscribe URL (one-click POST). */
  listUnsubscribeUrl: text(),
  campaignId: uuid(),
  sequenceEnrollmentId: uuid(),
  sequenceStepId: uuid(),
  createdByUserId: uuid(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "email_messages_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  foreignKey({ name: "email_messages_mailbox_fk", columns: [t.tenantId, t.mailboxId], foreignColumns: [mailboxes.tenantId, mailboxes.id] }),
  foreignKey({ name: "email_messages_activity_fk", columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }).onDelete("cascade"),
  foreignKey({ name: "email_messages_created_by_fk", columns: [t.tenantId, t.createdByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("email_messages_mailbox_idx").on(t.tenantId, t.mailboxId),
  // the timeline reads an email activity's send through this (lib/timeline/queries.ts)
  uniqueIndex("email_messages_activity_uq").on(t.tenantId, t.activityId),
  index("email_messages_record_idx").on(t.tenantId, t.recordType, t.recordId, t.createdAt.desc()),
  index("email_messages_created_by_idx").on(t.tenantId, t.createdByUserId),
  // the sync finds the sent email a reply or a bounce names
  index("email_messages_message_id_idx").on(t.tenantId, t.messageId),
  // a campaign's figures; a mailbox's sends of the last hour (the campaign throttle)
  index("email_messages_campaign_idx").on(t.tenantId, t.campaignId).where(sql`${t.campaignId} is not null`),
  index("email_messages_sequence_step_idx").on(t.tenantId, t.sequenceStepId).where(sql`${t.sequenceStepId} is not null`),
  index("email_messages_sequence_enrollment_idx").on(t.tenantId, t.sequenceEnrollmentId).where(sql`${t.sequenceEnrollmentId} is not null`),
  index("email_messages_mailbox_recent_idx").on(t.tenantId, t.mailboxId, t.createdAt),
  check("email_messages_status_check", sql`${t.status} in (${list(EMAIL_STATUSES)})`),
]);

/** Each open and click of a tracked email, with whether a known image proxy made it (lib/email/tracking-rules.ts). */
export const emailEvents = pgTable("email_events", {
  tenantId: tenantId(),
  id: id(),
  emailId: uuid().notNull(),
  kind: text().$type<"OPEN" | "CLICK">().notNull(),
  linkIndex: integer(),
  userAgent: text(),
  isProxy: boolean().notNull().default(false),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "email_events_email_fk", columns: [t.tenantId, t.emailId], foreignColumns: [emailMessages.tenantId, emailMessages.id] }).onDelete("cascade"),
  index("email_events_email_idx").on(t.tenantId, t.emailId, t.at),
  check("email_events_kind_check", sql`${t.kind} in ('OPEN', 'CLICK')`),
]);

export type Mailbox = typeof mailboxes.$inferSelect;
export type EmailTemplate = typeof emailTemplates.$inferSelect;
export type EmailMessage = typeof emailMessages.$inferSelect;
