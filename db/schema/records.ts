import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid, type ExtraConfigColumn } from "drizzle-orm/pg-core";
import { createdAt, id, positionKey, tenantId, updatedAt } from "./columns";
import { activityDirection, activityType, changeSource, crmRecordType, customFieldType, dealStatus, dealType, leadRating, leadStatus, listObjectType, priority, type SAVED_VIEW_VISIBILITIES } from "./enums";
import { pipelines, pipelineStages } from "./pipelines";
import { tenantGroups, tenants, tenantUsers } from "./tenancy";

/** Columns every CRM record shares: ownership (seed 000), tags, custom fields, pipeline place, audit times. */
const recordColumns = () => ({
  tenantId: tenantId(),
  id: id(),
  ownedByUserId: uuid(),
  ownedByGroupId: uuid(),
  tags: text().array().notNull().default(sql`'{}'::text[]`),
  customFields: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  pipelineId: uuid(),
  stageId: uuid(),
  stageEnteredAt: timestamp({ withTimezone: true }),
  /** Fractional index: order within a board column, so a drop is one UPDATE. */
  position: positionKey(),
  createdByUserId: uuid(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: timestamp({ withTimezone: true }),
});

type RecordTable = { [K in keyof ReturnType<typeof recordColumns>]: ExtraConfigColumn };

/**
 * Keys, tenant-scoped foreign keys and their indexes shared by every record table. `board`:
 * the table has a board (deals, leads, tickets), with the other columns its access policy
 * reads (a deal's or ticket's assignee).
 */
const recordConstraints = (name: string, t: RecordTable, board?: { assignees: ExtraConfigColumn[] }) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: `${name}_tenant_fk`, columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  foreignKey({ name: `${name}_owner_user_fk`, columns: [t.tenantId, t.ownedByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  foreignKey({ name: `${name}_owner_group_fk`, columns: [t.tenantId, t.ownedByGroupId], foreignColumns: [tenantGroups.tenantId, tenantGroups.id] }),
  foreignKey({ name: `${name}_created_by_fk`, columns: [t.tenantId, t.createdByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  foreignKey({ name: `${name}_pipeline_fk`, columns: [t.tenantId, t.pipelineId], foreignColumns: [pipelines.tenantId, pipelines.id] }),
  foreignKey({ name: `${name}_stage_fk`, columns: [t.tenantId, t.stageId], foreignColumns: [pipelineStages.tenantId, pipelineStages.id] }),
  // an owner's records newest first: a scoped list reads each owner's newest (lib/records/queries.ts);
  // the other owner column and deleted_at ride along so the access policy is checked in the index
  index(`${name}_owner_user_idx`).on(t.tenantId, t.ownedByUserId, t.createdAt.desc(), t.id.desc(), t.ownedByGroupId, t.deletedAt),
  index(`${name}_owner_group_idx`).on(t.tenantId, t.ownedByGroupId, t.createdAt.desc(), t.id.desc(), t.ownedByUserId, t.deletedAt),
  index(`${name}_created_by_idx`).on(t.tenantId, t.createdByUserId),
  index(`${name}_pipeline_idx`).on(t.tenantId, t.pipelineId),
  // serves the board: one column's cards in board order (lib/board/queries.ts cardOrder); the
  // pipeline, the columns the access policy reads and deleted_at ride along, so a scoped
  // rep's cards are picked by an index-only scan instead of a heap visit per other card
  board
    ? index(`${name}_stage_position_idx`).on(t.tenantId, t.stageId, t.position, t.createdAt.desc(), t.id.desc(), t.pipelineId, t.ownedByUserId, t.ownedByGroupId, ...board.assignees, t.deletedAt)
    : index(`${name}_stage_position_idx`).on(t.tenantId, t.stageId, t.position),
  index(`${name}_tags_idx`).using("gin", t.tags),
  // pipeline metrics' "created": the records of a pipeline created in a period (lib/analytics/metrics-sql.ts)
  ...(board ? [index(`${name}_pipeline_created_idx`).on(t.tenantId, t.pipelineId, t.createdAt)] : []),
  // serves keyset pagination of the default table sort (newest first); the owner columns
  // and deleted_at ride along (as INCLUDE would) so the access policies and the live filter
  // are checked in the index: listRecords reads a page's ids by an index-only scan
  index(`${name}_created_idx`).on(t.tenantId, t.createdAt.desc(), t.id.desc(), t.ownedByUserId, t.ownedByGroupId, t.deletedAt),
];

/**
 * The data tables sort by a column with NULLs last either way, ids breaking ties
 * (lib/records/queries.ts listRecords): one index per direction makes the first page of
 * a million rows an index read instead of a sort. A NOT NULL column needs only one (read
 * backwards for the other direction; see listRecords for the NULLS clause that allows it).
 */
const sortIndexes = (name: string, t: { tenantId: ExtraConfigColumn; id: ExtraConfigColumn; deletedAt: ExtraConfigColumn }, column: ExtraConfigColumn, field: string, notNull = false) =>
  notNull
    ? // listRecords orders a NOT NULL column "desc nulls last" / "asc nulls first", as this index reads either way
      [index(`${name}_${field}_sort_idx`).on(t.tenantId, column.desc().nullsLast(), t.id.desc().nullsLast()).where(sql`${t.deletedAt} is null`)]
    : [
        index(`${name}_${field}_sort_idx`).on(t.tenantId, column.asc().nullsLast(), t.id.asc()).where(sql`${t.deletedAt} is null`),
        index(`${name}_${field}_sort_desc_idx`).on(t.tenantId, column.desc().nullsLast(), t.id.desc().nullsFirst()).where(sql`${t.deletedAt} is null`),
      ];

/**
 * A duplicate key (lib/duplicates), computed by Postgres from the record's own columns
 * with the dup_*_key functions of the duplicates migration. Stored, so a lookup by key is
 * an index condition under row level security (an expression index is not: its functions
 * are not LEAKPROOF). Never written by the app, never shown (serializeRecord).
 */
const generatedText = (expression: string) => text().generatedAlwaysAs(sql.raw(expression));
const dupKey = <K extends string>(key: K, expression: string) => ({ [key]: generatedText(expression) }) as Record<K, ReturnType<typeof generatedText>>;

/** The merged-away record points at its survivor (same table, same tenant). */
const mergeConstraints = (name: string, t: { tenantId: ExtraConfigColumn; id: ExtraConfigColumn; mergedIntoId: ExtraConfigColumn }) => [
  foreignKey({ name: `${name}_merged_into_fk`, columns: [t.tenantId, t.mergedIntoId], foreignColumns: [t.tenantId, t.id] }),
  index(`${name}_merged_into_idx`).on(t.tenantId, t.mergedIntoId),
];

export const companies = pgTable("companies", {
  ...recordColumns(),
  name: text().notNull(),
  domain: text(),
  industry: text(),
  website: text(),
  phone: text(),
  employeeCount: integer(),
  annualRevenue: numeric({ precision: 18, scale: 2 }),
  currency: text(),
  description: text(),
  address: jsonb().$type<Record<string, string>>(),
  /** Set when this company was merged into another (lib/merge): it is then soft-deleted. */
  mergedIntoId: uuid(),
  ...dupKey("dupDomain", "dup_domain_key(coalesce(domain, website))"),
  ...dupKey("dupName", "dup_company_key(name)"),
}, (t) => [
  ...recordConstraints("companies", t),
  ...mergeConstraints("companies", t),
  // GET /duplicates?objectType=COMPANY (lib/duplicates/queries.ts): same domain (or website host), same normalised name
  index("companies_dup_domain_idx").on(t.tenantId, t.dupDomain).where(sql`${t.deletedAt} is null`),
  index("companies_dup_name_idx").on(t.tenantId, t.dupName).where(sql`${t.deletedAt} is null`),
  // company domain is unique per tenant among live companies
  uniqueIndex("companies_domain_key").on(t.tenantId, sql`lower(${t.domain})`).where(sql`${t.domain} is not null and ${t.deletedAt} is null`),
  index("companies_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
  // global search (lib/search; the same expression in search_candidates, migration 0017): domain contains q
  index("companies_domain_trgm_idx").using("gin", sql`lower(${t.domain}) gin_trgm_ops`),
  // global search: name / domain starts with q, read in order (byte order, so any database collation)
  index("companies_name_prefix_idx").on(t.tenantId, sql`(lower(${t.name}) collate "C")`),
  index("companies_domain_prefix_idx").on(t.tenantId, sql`(lower(${t.domain}) collate "C")`),
  ...sortIndexes("companies", t, t.name, "name", true),
  ...sortIndexes("companies", t, t.domain, "domain"),
  ...sortIndexes("companies", t, t.updatedAt, "updated_at", true),
]);

export const contacts = pgTable("contacts", {
  ...recordColumns(),
  firstName: text(),
  lastName: text(),
  email: text(),
  phone: text(),
  mobilePhone: text(),
  jobTitle: text(),
  department: text(),
  companyId: uuid(),
  lifecycleStage: text(),
  linkedinUrl: text(),
  emailOptIn: boolean().notNull().default(false),
  doNotCall: boolean().notNull().default(false),
  lastContactedAt: timestamp({ withTimezone: true }),
  /** Set when this contact was merged into another (lib/merge): it is then soft-deleted. */
  mergedIntoId: uuid(),
  ...dupKey("dupEmail", "dup_email_key(email)"),
  ...dupKey("dupPhone", "dup_phone_key(phone)"),
  ...dupKey("dupMobile", "dup_phone_key(mobile_phone)"),
  ...dupKey("dupName", "dup_name_key(first_name, last_name)"),
}, (t) => [
  ...recordConstraints("contacts", t),
  ...mergeConstraints("contacts", t),
  // GET /duplicates?objectType=CONTACT and a record's possible duplicates (lib/duplicates/queries.ts)
  index("contacts_dup_email_idx").on(t.tenantId, t.dupEmail).where(sql`${t.deletedAt} is null`),
  index("contacts_dup_phone_idx").on(t.tenantId, t.dupPhone).where(sql`${t.deletedAt} is null`),
  index("contacts_dup_mobile_idx").on(t.tenantId, t.dupMobile).where(sql`${t.deletedAt} is null`),
  index("contacts_dup_name_idx").on(t.tenantId, t.companyId, t.dupName).where(sql`${t.deletedAt} is null and ${t.companyId} is not null`),
  foreignKey({ name: "contacts_company_fk", columns: [t.tenantId, t.companyId], foreignColumns: [companies.tenantId, companies.id] }),
  index("contacts_company_idx").on(t.tenantId, t.companyId),
  index("contacts_email_idx").on(t.tenantId, sql`lower(${t.email})`),
  index("contacts_name_trgm_idx").using("gin", sql`(lower(coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, ''))) gin_trgm_ops`),
  // global search (lib/search; the same expression in search_candidates, migration 0017): email contains q
  index("contacts_email_trgm_idx").using("gin", sql`lower(${t.email}) gin_trgm_ops`),
  // global search: full name / last name / email starts with q, read in order (byte order, so any database collation)
  index("contacts_name_prefix_idx").on(t.tenantId, sql`(lower(coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, '')) collate "C")`),
  index("contacts_last_name_prefix_idx").on(t.tenantId, sql`(lower(${t.lastName}) collate "C")`),
  index("contacts_email_prefix_idx").on(t.tenantId, sql`(lower(${t.email}) collate "C")`),
  ...sortIndexes("contacts", t, t.firstName, "first_name"),
  ...sortIndexes("contacts", t, t.lastName, "last_name"),
  ...sortIndexes("contacts", t, t.email, "email"),
  ...sortIndexes("contacts", t, t.updatedAt, "updated_at", true),
  check("contacts_has_identity", sql`coalesce(${t.firstName}, ${t.lastName}, ${t.email}) is not null`),
]);

export const leads = pgTable("leads", {
  ...recordColumns(),
  firstName: text(),
  lastName: text(),
  email: text(),
  phone: text(),
  jobTitle: text(),
  companyName: text(),
  source: text(),
  status: leadStatus().notNull().default("new"),
  rating: leadRating(),
  score: integer().notNull().default(0),
  priority: priority(),
  // where the lead came from (seed 002's UTM tracking)
  utmSource: text(),
  utmMedium: text(),
  utmCampaign: text(),
  utmContent: text(),
  utmTerm: text(),
  landingPage: text(),
  referrer: text(),
  // BANT qualification (seed 001), free text
  budget: text(),
  authority: text(),
  need: text(),
  timeline: text(),
  disqualifiedReason: text(),
  disqualifiedAt: timestamp({ withTimezone: true }),
  convertedAt: timestamp({ withTimezone: true }),
  convertedContactId: uuid(),
  convertedCompanyId: uuid(),
  convertedDealId: uuid(),
  assignedAt: timestamp({ withTimezone: true }),
  /** Set when this lead was merged into another (lib/merge): it is then soft-deleted. */
  mergedIntoId: uuid(),
  ...dupKey("dupEmail", "dup_email_key(email)"),
  ...dupKey("dupPhone", "dup_phone_key(phone)"),
  ...dupKey("dupCompany", "dup_company_key(company_name)"),
  ...dupKey("dupName", "dup_name_key(first_name, last_name)"),
}, (t) => [
  ...recordConstraints("leads", t, { assignees: [] }),
  ...mergeConstraints("leads", t),
  // GET /duplicates?objectType=LEAD and a record's possible duplicates (lib/duplicates/queries.ts)
  index("leads_dup_email_idx").on(t.tenantId, t.dupEmail).where(sql`${t.deletedAt} is null`),
  index("leads_dup_phone_idx").on(t.tenantId, t.dupPhone).where(sql`${t.deletedAt} is null`),
  index("leads_dup_name_idx").on(t.tenantId, t.dupCompany, t.dupName).where(sql`${t.deletedAt} is null and ${t.dupCompany} is not null`),
  foreignKey({ name: "leads_converted_contact_fk", columns: [t.tenantId, t.convertedContactId], foreignColumns: [contacts.tenantId, contacts.id] }),
  foreignKey({ name: "leads_converted_company_fk", columns: [t.tenantId, t.convertedCompanyId], foreignColumns: [companies.tenantId, companies.id] }),
  check("leads_score_range", sql`${t.score} >= 0 and ${t.score} <= 100`),
  index("leads_email_idx").on(t.tenantId, sql`lower(${t.email})`),
  // No index on score: scoring rewrites it for every lead (lib/scoring), and an update that
  // touches no indexed column is a HOT update (no index entries written; fillfactor 90 in
  // migration lead_score_hot leaves each page room for it). "Score at least" and the sort
  // by score read a column's or a page's worth of rows, not the whole table.
  index("leads_converted_contact_idx").on(t.tenantId, t.convertedContactId),
  index("leads_converted_company_idx").on(t.tenantId, t.convertedCompanyId),
  // global search (lib/search; the same expression in search_candidates, migration 0017): name, email, company name contain q or are like it
  index("leads_name_trgm_idx").using("gin", sql`(lower(coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, ''))) gin_trgm_ops`),
  index("leads_email_trgm_idx").using("gin", sql`lower(${t.email}) gin_trgm_ops`),
  index("leads_company_name_trgm_idx").using("gin", sql`lower(${t.companyName}) gin_trgm_ops`),
]);

export const deals = pgTable("deals", {
  ...recordColumns(),
  name: text().notNull(),
  amount: numeric({ precision: 18, scale: 2 }),
  currency: text().notNull().default("USD"),
  dealType: dealType(),
  closeDate: date(),
  forecastProbability: numeric({ precision: 5, scale: 4 }),
  status: dealStatus().notNull().default("open"),
  companyId: uuid(),
  contactId: uuid(),
  leadId: uuid(),
  assignedUserId: uuid(),
  assignedGroupId: uuid(),
  wonReason: text(),
  lostReason: text(),
  closedAt: timestamp({ withTimezone: true }),
}, (t) => [
  ...recordConstraints("deals", t, { assignees: [t.assignedUserId, t.assignedGroupId] }),
  foreignKey({ name: "deals_company_fk", columns: [t.tenantId, t.companyId], foreignColumns: [companies.tenantId, companies.id] }),
  foreignKey({ name: "deals_contact_fk", columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
  foreignKey({ name: "deals_lead_fk", columns: [t.tenantId, t.leadId], foreignColumns: [leads.tenantId, leads.id] }),
  foreignKey({ name: "deals_assigned_user_fk", columns: [t.tenantId, t.assignedUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  foreignKey({ name: "deals_assigned_group_fk", columns: [t.tenantId, t.assignedGroupId], foreignColumns: [tenantGroups.tenantId, tenantGroups.id] }),
  index("deals_company_idx").on(t.tenantId, t.companyId),
  index("deals_contact_idx").on(t.tenantId, t.contactId),
  index("deals_lead_idx").on(t.tenantId, t.leadId),
  index("deals_assigned_user_idx").on(t.tenantId, t.assignedUserId, t.createdAt.desc(), t.id.desc()),
  index("deals_assigned_group_idx").on(t.tenantId, t.assignedGroupId, t.createdAt.desc(), t.id.desc()),
  // global search (lib/search; the same expression in search_candidates, migration 0017): name contains q or is like it
  index("deals_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
  check("deals_forecast_probability_range", sql`${t.forecastProbability} is null or (${t.forecastProbability} >= 0 and ${t.forecastProbability} <= 1)`),
  check("deals_amount_non_negative", sql`${t.amount} is null or ${t.amount} >= 0`),
]);

export const tickets = pgTable("tickets", {
  ...recordColumns(),
  subject: text().notNull(),
  description: text(),
  priority: priority().notNull().default("medium"),
  contactId: uuid(),
  companyId: uuid(),
  assignedUserId: uuid(),
  assignedGroupId: uuid(),
  resolvedAt: timestamp({ withTimezone: true }),
}, (t) => [
  ...recordConstraints("tickets", t, { assignees: [t.assignedUserId, t.assignedGroupId] }),
  foreignKey({ name: "tickets_company_fk", columns: [t.tenantId, t.companyId], foreignColumns: [companies.tenantId, companies.id] }),
  foreignKey({ name: "tickets_contact_fk", columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
  foreignKey({ name: "tickets_assigned_user_fk", columns: [t.tenantId, t.assignedUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  foreignKey({ name: "tickets_assigned_group_fk", columns: [t.tenantId, t.assignedGroupId], foreignColumns: [tenantGroups.tenantId, tenantGroups.id] }),
  index("tickets_company_idx").on(t.tenantId, t.companyId),
  index("tickets_contact_idx").on(t.tenantId, t.contactId),
  index("tickets_assigned_user_idx").on(t.tenantId, t.assignedUserId, t.createdAt.desc(), t.id.desc()),
  index("tickets_assigned_group_idx").on(t.tenantId, t.assignedGroupId, t.createdAt.desc(), t.id.desc()),
  // global search (lib/search; the same expression in search_candidates, migration 0017): subject contains q or is like it
  index("tickets_subject_trgm_idx").using("gin", sql`lower(${t.subject}) gin_trgm_ops`),
]);

/** Calls, emails, meetings, notes and tasks (seeds 001/003), attached to one record. */
export const activities = pgTable("activities", {
  tenantId: tenantId(),
  id: id(),
  activityType: activityType().notNull(),
  subject: text().notNull(),
  body: text(),
  recordType: crmRecordType(),
  recordId: uuid(),
  activityAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  dueAt: timestamp({ withTimezone: true }),
  reminderAt: timestamp({ withTimezone: true }),
  completedAt: timestamp({ withTimezone: true }),
  completedByUserId: uuid(),
  priority: priority(),
  outcome: text(),
  durationSeconds: integer(),
  /** Seed 001's communication fields: a call's or an email's direction, a meeting's place and who attended. */
  direction: activityDirection(),
  meetingLocation: text(),
  meetingAttendees: text().array().notNull().default(sql`'{}'::text[]`),
  /** A pinned note (seed 001's isPinned) tops its record's timeline; the time orders the pinned ones. */
  pinnedAt: timestamp({ withTimezone: true }),
  /** iCal RRULE (seed 003) for recurring tasks. */
  recurrenceRule: text(),
  parentActivityId: uuid(),
  assignedUserId: uuid(),
  assignedGroupId: uuid(),
  createdByUserId: uuid(),
  detailsJson: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: timestamp({ withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "activities_tenant_fk", columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
  foreignKey({ name: "activities_assigned_user_fk", columns: [t.tenantId, t.assignedUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  foreignKey({ name: "activities_assigned_group_fk", columns: [t.tenantId, t.assignedGroupId], foreignColumns: [tenantGroups.tenantId, tenantGroups.id] }),
  foreignKey({ name: "activities_created_by_fk", columns: [t.tenantId, t.createdByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  foreignKey({ name: "activities_completed_by_fk", columns: [t.tenantId, t.completedByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  foreignKey({ name: "activities_parent_fk", columns: [t.tenantId, t.parentActivityId], foreignColumns: [t.tenantId, t.id] }),
  // serves a record's timeline, newest first
  index("activities_record_idx").on(t.tenantId, t.recordType, t.recordId, t.activityAt.desc()),
  // Columns most activities leave empty (only tasks have an assignee, only completed
  // tasks a completer, only replies a parent) are indexed where set: a note, call or email
  // then writes 4 fewer index entries, and a merge that re-points 50,000 activities skips
  // 200,000. `col = x` and `col = any(…)` still use them (= implies not null); so do the
  // foreign keys' checks.
  index("activities_assigned_user_idx").on(t.tenantId, t.assignedUserId, t.dueAt).where(sql`${t.assignedUserId} is not null`),
  index("activities_assigned_group_idx").on(t.tenantId, t.assignedGroupId).where(sql`${t.assignedGroupId} is not null`),
  index("activities_created_by_idx").on(t.tenantId, t.createdByUserId),
  index("activities_completed_by_idx").on(t.tenantId, t.completedByUserId).where(sql`${t.completedByUserId} is not null`),
  index("activities_parent_idx").on(t.tenantId, t.parentActivityId).where(sql`${t.parentActivityId} is not null`),
  // serves a record's pinned notes (lib/timeline/queries.ts pinnedNotes)
  index("activities_pinned_idx").on(t.tenantId, t.recordType, t.recordId, t.pinnedAt.desc()).where(sql`${t.pinnedAt} is not null and ${t.deletedAt} is null`),
]);

/**
 * An activity shown on another record's timeline too: a converted lead's activities live
 * on the contact and also appear on the deal made from the lead (API.md, "Leads").
 */
export const activityLinks = pgTable("activity_links", {
  tenantId: tenantId(),
  activityId: uuid().notNull(),
  recordType: crmRecordType().notNull(),
  recordId: uuid().notNull(),
  createdAt: createdAt(),
}, (t) => [
  // serves a record's timeline: the activities linked to it
  primaryKey({ columns: [t.tenantId, t.recordType, t.recordId, t.activityId] }),
  foreignKey({ name: "activity_links_activity_fk", columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }).onDelete("cascade"),
  index("activity_links_activity_idx").on(t.tenantId, t.activityId),
]);

/** Tenant-wide coloured tags; records carry tag names in their `tags` array. */
export const tags = pgTable("tags", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  name: text().notNull(),
  color: text().notNull().default("#64748b"),
  category: text(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique("tags_name_key").on(t.tenantId, t.name)]);

export const customFieldDefinitions = pgTable("custom_field_definitions", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  objectType: listObjectType().notNull(),
  key: text().notNull(),
  label: text().notNull(),
  fieldType: customFieldType().notNull(),
  options: text().array().notNull().default(sql`'{}'::text[]`),
  isRequired: boolean().notNull().default(false),
  displayOrder: integer().notNull().default(0),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  unique("custom_field_definitions_key_key").on(t.tenantId, t.objectType, t.key),
  check("custom_field_definitions_key_format", sql`${t.key} ~ '^[a-zA-Z][a-zA-Z0-9_]*$'`),
]);

/** Field-level audit: who changed what, when — written by the service that made the change. */
export const recordChanges = pgTable("record_changes", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  recordType: crmRecordType().notNull(),
  recordId: uuid().notNull(),
  changedByUserId: uuid(),
  source: changeSource().notNull().default("USER"),
  changes: jsonb().$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
  changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "record_changes_user_fk", columns: [t.tenantId, t.changedByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("record_changes_record_idx").on(t.tenantId, t.recordType, t.recordId, t.changedAt.desc()),
  index("record_changes_user_idx").on(t.tenantId, t.changedByUserId),
]);

/** A user's saved table view: filters, sort and columns. */
export const savedViews = pgTable("saved_views", {
  tenantId: tenantId(),
  id: id(),
  userId: uuid().notNull(),
  objectType: listObjectType().notNull(),
  name: text().notNull(),
  filter: jsonb(),
  sort: text(),
  columns: text().array().notNull().default(sql`'{}'::text[]`),
  /** SAVED_VIEW_VISIBILITIES: private (the owner only), workspace (every member), group (members of groupId). */
  visibility: text().$type<(typeof SAVED_VIEW_VISIBILITIES)[number]>().notNull().default("private"),
  /** The group a "group" view is shared with; null again if the group is deleted (the view is then the owner's only). */
  groupId: uuid(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "saved_views_user_fk", columns: [t.tenantId, t.userId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }).onDelete("cascade"),
  foreignKey({ name: "saved_views_group_fk", columns: [t.tenantId, t.groupId], foreignColumns: [tenantGroups.tenantId, tenantGroups.id] }),
  unique("saved_views_name_key").on(t.tenantId, t.userId, t.objectType, t.name),
  check("saved_views_visibility_check", sql`${t.visibility} in ('private', 'workspace', 'group') and (${t.groupId} is null or ${t.visibility} = 'group')`),
  // the views menu lists a kind's views shared with the workspace or a group
  index("saved_views_shared_idx").on(t.tenantId, t.objectType, t.visibility),
  // the group foreign key: deleting a group finds its views
  index("saved_views_group_idx").on(t.tenantId, t.groupId),
]);

export type Company = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;
export type Contact = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;
export type Lead = typeof leads.$inferSelect;
export type Deal = typeof deals.$inferSelect;
export type Ticket = typeof tickets.$inferSelect;
export type Activity = typeof activities.$inferSelect;
export type Tag = typeof tags.$inferSelect;
export type CustomFieldDefinition = typeof customFieldDefinitions.$inferSelect;
