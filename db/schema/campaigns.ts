// Issue 19, the second half of email: the workspace's sending rules (send window, hourly
// limit), the suppression list, contacts' email preferences, campaigns to a list and
// sequences of steps. The sends themselves are email_messages rows (db/schema/email.ts),
// so every figure here is counted from those rows and their tracking events.
import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns";
import { emailMessages, emailTemplates, mailboxes } from "./email";
import { lists } from "./lists";
import { contacts } from "./records";
import { tenants, tenantUsers } from "./tenancy";

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/**
 * The workspace's sending rules (Settings → Email): campaign, sequence and scheduled sends
 * wait for the send window (days of the week, 0 = Sunday, and [start, end) minutes of the
 * day in the workspace's time zone); campaigns send at most `hourly_limit` messages an
 * hour per mailbox, in batches of `batch_size`. No row: no window, 200 an hour, 50 a batch.
 */
export const emailSendSettings = pgTable("email_send_settings", {
  tenantId: tenantId(),
  windowEnabled: boolean().notNull().default(false),
  windowDays: smallint().array().notNull().default(sql`'{1,2,3,4,5}'::smallint[]`),
  windowStartMinute: integer().notNull().default(480),
  windowEndMinute: integer().notNull().default(1080),
  hourlyLimit: integer().notNull().default(200),
  batchSize: integer().notNull().default(50),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId] }),
  foreignKey({ name: "email_send_settings_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  check("email_send_settings_window_check", sql`${t.windowStartMinute} between 0 and 1439 and ${t.windowEndMinute} between 1 and 1440 and ${t.windowStartMinute} < ${t.windowEndMinute}`),
  check("email_send_settings_limits_check", sql`${t.hourlyLimit} between 1 and 100000 and ${t.batchSize} between 1 and 1000`),
]);

/** Why an address gets no more campaign or sequence email (forever). */
export const SUPPRESSION_REASONS = ["UNSUBSCRIBED", "BOUNCED", "COMPLAINED", "ERASED"] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/**
 * The suppression list: one row per address and reason, keyed by the address's hash
 * (lib/privacy/suppression.ts emailHash) so an erase can drop the address and keep the
 * suppression. `source_email_id` is the send that caused it (its campaign's figures count it).
 */
export const emailSuppressions = pgTable("email_suppressions", {
  tenantId: tenantId(),
  emailHash: text().notNull(),
  reason: text().$type<SuppressionReason>().notNull(),
  /** The address as given; null once erased. */
  email: text(),
  sourceEmailId: uuid(),
  detail: text(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.emailHash, t.reason] }),
  foreignKey({ name: "email_suppressions_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  // a campaign's unsubscribed / bounced / complained figures
  index("email_suppressions_source_idx").on(t.tenantId, t.sourceEmailId),
  check("email_suppressions_reason_check", sql`${t.reason} in (${list(SUPPRESSION_REASONS)})`),
]);

/** Email preferences of a contact (seed 002 email_preferences); no row: everything on. */
export const contactEmailPreferences = pgTable("contact_email_preferences", {
  tenantId: tenantId(),
  contactId: uuid().notNull(),
  marketingEmails: boolean().notNull().default(true),
  productUpdates: boolean().notNull().default(true),
  newsletter: boolean().notNull().default(true),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.contactId] }),
  foreignKey({ name: "contact_email_preferences_contact_fk", columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }).onDelete("cascade"),
]);

/** What a campaign is, which says which preference a recipient may have turned off. */
export const CAMPAIGN_CATEGORIES = ["MARKETING", "PRODUCT_UPDATES", "NEWSLETTER"] as const;
export type CampaignCategory = (typeof CAMPAIGN_CATEGORIES)[number];
export const CAMPAIGN_STATUSES = ["DRAFT", "SCHEDULED", "SENDING", "SENT", "CANCELLED"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * One email to the members of a list. Sending materialises campaign_recipients, then the
 * worker's campaign_batch job (queued by this row's trigger whenever next_batch_at is set)
 * turns queued recipients into email_messages, a batch at a time within the hourly limit.
 */
export const campaigns = pgTable("campaigns", {
  tenantId: tenantId(),
  id: id(),
  name: text().notNull(),
  category: text().$type<CampaignCategory>().notNull().default("MARKETING"),
  status: text().$type<CampaignStatus>().notNull().default("DRAFT"),
  mailboxId: uuid().notNull(),
  listId: uuid().notNull(),
  templateId: uuid(),
  subject: text().notNull(),
  body: text().notNull(),
  /** The A/B variant's subject; `split_percent` of the recipients get it. */
  subjectB: text(),
  splitPercent: integer().notNull().default(0),
  track: boolean().notNull().default(true),
  scheduledAt: timestamp({ withTimezone: true }),
  nextBatchAt: timestamp({ withTimezone: true }),
  /** Where unsubscribe and tracking links point (the sender's public origin). */
  publicOrigin: text(),
  startedAt: timestamp({ withTimezone: true }),
  completedAt: timestamp({ withTimezone: true }),
  createdByUserId: uuid(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "campaigns_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  foreignKey({ name: "campaigns_mailbox_fk", columns: [t.tenantId, t.mailboxId], foreignColumns: [mailboxes.tenantId, mailboxes.id] }),
  foreignKey({ name: "campaigns_list_fk", columns: [t.tenantId, t.listId], foreignColumns: [lists.tenantId, lists.id] }),
  foreignKey({ name: "campaigns_template_fk", columns: [t.tenantId, t.templateId], foreignColumns: [emailTemplates.tenantId, emailTemplates.id] }).onDelete("set null"),
  foreignKey({ name: "campaigns_created_by_fk", columns: [t.tenantId, t.createdByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("campaigns_created_idx").on(t.tenantId, t.createdAt.desc()),
  index("campaigns_mailbox_idx").on(t.tenantId, t.mailboxId),
  index("campaigns_list_idx").on(t.tenantId, t.listId),
  index("campaigns_template_idx").on(t.tenantId, t.templateId),
  index("campaigns_created_by_idx").on(t.tenantId, t.createdByUserId),
  check("campaigns_category_check", sql`${t.category} in (${list(CAMPAIGN_CATEGORIES)})`),
  check("campaigns_status_check", sql`${t.status} in (${list(CAMPAIGN_STATUSES)})`),
  check("campaigns_split_check", sql`${t.splitPercent} between 0 and 100 and (${t.subjectB} is not null or ${t.splitPercent} = 0)`),
]);

export const RECIPIENT_STATES = ["QUEUED", "SUPPRESSED", "EMAILED"] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

/** A campaign's recipient: queued, suppressed (with why), or emailed (its email_messages row says the rest). */
export const campaignRecipients = pgTable("campaign_recipients", {
  tenantId: tenantId(),
  campaignId: uuid().notNull(),
  contactId: uuid().notNull(),
  email: text().notNull(),
  variant: text().$type<"A" | "B">().notNull().default("A"),
  state: text().$type<RecipientState>().notNull().default("QUEUED"),
  reason: text(),
  emailId: uuid(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.campaignId, t.contactId] }),
  foreignKey({ name: "campaign_recipients_campaign_fk", columns: [t.tenantId, t.campaignId], foreignColumns: [campaigns.tenantId, campaigns.id] }).onDelete("cascade"),
  foreignKey({ name: "campaign_recipients_contact_fk", columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }).onDelete("cascade"),
  foreignKey({ name: "campaign_recipients_email_fk", columns: [t.tenantId, t.emailId], foreignColumns: [emailMessages.tenantId, emailMessages.id] }).onDelete("set null"),
  // one email per address per campaign, however many contacts share it
  uniqueIndex("campaign_recipients_address_uq").on(t.tenantId, t.campaignId, sql`lower(${t.email})`),
  // the batch job's next queued recipients
  index("campaign_recipients_state_idx").on(t.tenantId, t.campaignId, t.state),
  index("campaign_recipients_contact_idx").on(t.tenantId, t.contactId),
  index("campaign_recipients_email_idx").on(t.tenantId, t.emailId),
  check("campaign_recipients_state_check", sql`${t.state} in (${list(RECIPIENT_STATES)})`),
  check("campaign_recipients_variant_check", sql`${t.variant} in ('A', 'B')`),
]);

/**
 * A sequence: steps sent or done one after the other for each enrolled contact. It stops
 * for a person on reply, bounce, unsubscribe, or when one of their deals enters a stage
 * whose state is in `stop_on_stage_states` (e.g. DONE_SUCCESS, DONE_FAILED).
 */
export const sequences = pgTable("sequences", {
  tenantId: tenantId(),
  id: id(),
  name: text().notNull(),
  mailboxId: uuid().notNull(),
  stopOnStageStates: text().array().notNull().default(sql`'{DONE_SUCCESS,DONE_FAILED}'::text[]`),
  track: boolean().notNull().default(true),
  isActive: boolean().notNull().default(true),
  createdByUserId: uuid(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "sequences_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  foreignKey({ name: "sequences_mailbox_fk", columns: [t.tenantId, t.mailboxId], foreignColumns: [mailboxes.tenantId, mailboxes.id] }),
  foreignKey({ name: "sequences_created_by_fk", columns: [t.tenantId, t.createdByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("sequences_mailbox_idx").on(t.tenantId, t.mailboxId),
  index("sequences_created_by_idx").on(t.tenantId, t.createdByUserId),
  uniqueIndex("sequences_name_uq").on(t.tenantId, sql`lower(${t.name})`),
]);

export const SEQUENCE_STEP_KINDS = ["EMAIL", "TASK"] as const;
export type SequenceStepKind = (typeof SEQUENCE_STEP_KINDS)[number];

/** A step: an email (subject and body with {{variables}}) or a task for the contact's owner, `delay` after the previous one. */
export const sequenceSteps = pgTable("sequence_steps", {
  tenantId: tenantId(),
  id: id(),
  sequenceId: uuid().notNull(),
  position: integer().notNull(),
  kind: text().$type<SequenceStepKind>().notNull(),
  delayDays: integer().notNull().default(0),
  delayHours: integer().notNull().default(0),
  subject: text().notNull(),
  body: text().notNull().default(""),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "sequence_steps_sequence_fk", columns: [t.tenantId, t.sequenceId], foreignColumns: [sequences.tenantId, sequences.id] }).onDelete("cascade"),
  uniqueIndex("sequence_steps_position_uq").on(t.tenantId, t.sequenceId, t.position),
  check("sequence_steps_kind_check", sql`${t.kind} in (${list(SEQUENCE_STEP_KINDS)})`),
  check("sequence_steps_delay_check", sql`${t.delayDays} between 0 and 365 and ${t.delayHours} between 0 and 23`),
]);

export const ENROLLMENT_STATUSES = ["ACTIVE", "COMPLETED", "STOPPED"] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
export const STOP_REASONS = ["REPLIED", "BOUNCED", "UNSUBSCRIBED", "STAGE_CHANGED", "MANUAL", "SUPPRESSED", "NO_EMAIL"] as const;
export type StopReason = (typeof STOP_REASONS)[number];
export const ENROLLMENT_SOURCES = ["MANUAL", "LIST", "AUTOMATION", "API"] as const;
export type EnrollmentSource = (typeof ENROLLMENT_SOURCES)[number];

/**
 * A contact in a sequence. `next_step` is the position of the step to run next at
 * `next_run_at` (the row's trigger queues the worker's sequence_step job for that time).
 */
export const sequenceEnrollments = pgTable("sequence_enrollments", {
  tenantId: tenantId(),
  id: id(),
  sequenceId: uuid().notNull(),
  contactId: uuid().notNull(),
  status: text().$type<EnrollmentStatus>().notNull().default("ACTIVE"),
  nextStep: integer().notNull().default(0),
  nextRunAt: timestamp({ withTimezone: true }),
  stopReason: text().$type<StopReason>(),
  /** The position of the last step done when it stopped (a reply counts for that step). */
  stoppedAfterStep: integer(),
  source: text().$type<EnrollmentSource>().notNull().default("MANUAL"),
  publicOrigin: text(),
  enrolledByUserId: uuid(),
  enrolledAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  endedAt: timestamp({ withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "sequence_enrollments_sequence_fk", columns: [t.tenantId, t.sequenceId], foreignColumns: [sequences.tenantId, sequences.id] }).onDelete("cascade"),
  foreignKey({ name: "sequence_enrollments_contact_fk", columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }).onDelete("cascade"),
  foreignKey({ name: "sequence_enrollments_enrolled_by_fk", columns: [t.tenantId, t.enrolledByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  // a contact is in a sequence once at a time
  uniqueIndex("sequence_enrollments_active_uq").on(t.tenantId, t.sequenceId, t.contactId).where(sql`${t.status} = 'ACTIVE'`),
  index("sequence_enrollments_contact_idx").on(t.tenantId, t.contactId, t.status),
  // a sequence's people (its page, its figures) and the FK to it
  index("sequence_enrollments_sequence_idx").on(t.tenantId, t.sequenceId, t.enrolledAt),
  index("sequence_enrollments_enrolled_by_idx").on(t.tenantId, t.enrolledByUserId),
  check("sequence_enrollments_status_check", sql`${t.status} in (${list(ENROLLMENT_STATUSES)})`),
  check("sequence_enrollments_reason_check", sql`${t.stopReason} is null or ${t.stopReason} in (${list(STOP_REASONS)})`),
  check("sequence_enrollments_source_check", sql`${t.source} in (${list(ENROLLMENT_SOURCES)})`),
]);

export type EmailSendSettings = typeof emailSendSettings.$inferSelect;
export type EmailSuppression = typeof emailSuppressions.$inferSelect;
export type Campaign = typeof campaigns.$inferSelect;
export type CampaignRecipient = typeof campaignRecipients.$inferSelect;
export type Sequence = typeof sequences.$inferSelect;
export type SequenceStep = typeof sequenceSteps.$inferSelect;
export type SequenceEnrollment = typeof sequenceEnrollments.$inferSelect;
