import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { id, tenantId } from "./columns";
import { activityType, crmRecordType } from "./enums";
import { tenants } from "./tenancy";

/**
 * Computed analytics results (issue 18: widgets, pipeline metrics, the board as of a date),
 * one row per (what is computed, who looks): `key` hashes the computation's parameters, the
 * viewer and their access-scope signature, so a result is only ever read back by the same
 * viewer with the same scope (lib/analytics/cache.ts). The worker refreshes the rows viewed
 * lately when the tenant's data changes (lib/analytics/refresh.ts); tests compare them with
 * the raw computation.
 */
export const analyticsResults = pgTable("analytics_results", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  key: text().notNull(),
  /** What is computed: lib/analytics/refresh.ts knows how to compute each again from `params`. */
  kind: text().$type<"widget" | "metrics" | "board">().notNull(),
  params: jsonb().$type<Record<string, unknown>>().notNull(),
  /** Who it was computed for (null: the system or a workspace API key) and their role then. */
  viewerUserId: uuid(),
  viewerRole: text().notNull(),
  result: jsonb().$type<unknown>().notNull(),
  /** The tenant's newest domain event (seq) when the computation started (analytics_data_version()). */
  dataVersion: bigint({ mode: "number" }).notNull(),
  computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  viewedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.key] }),
  // the worker's refresh: the rows viewed lately
  index("analytics_results_viewed_idx").on(t.tenantId, t.viewedAt),
]);

export type AnalyticsResult = typeof analyticsResults.$inferSelect;

/**
 * Each stay of a record in a stage (issue 18's cold path): one row per stage_history row,
 * with when the record left the stage (the next row's time) and the record's creation and
 * deletion times, so pipeline metrics read one narrow range instead of a history row, the
 * next one and its record for each move, and the board as of a date totals a column without
 * visiting each record. Kept by triggers in the writer's transaction
 * (migration analytics_aggregates): a stage_history insert, update or delete re-derives
 * its record's stays, a record's deletion or restore is copied — never a counter that can
 * drift. RLS: the tenant and the record's visibility, as stage_history.
 */
export const analyticsStays = pgTable("analytics_stays", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  /** The stage_history row. */
  historyId: uuid().notNull(),
  entityType: crmRecordType().notNull(),
  entityId: uuid().notNull(),
  seq: integer().notNull(),
  /** The record's first (remaining) history row: where it was created. */
  isFirst: boolean().notNull(),
  pipelineId: uuid(),
  fromStageId: uuid(),
  stageId: uuid(),
  enteredAt: timestamp({ withTimezone: true }).notNull(),
  /** The next history row's time (null: it is still there). */
  exitedAt: timestamp({ withTimezone: true }),
  recordCreatedAt: timestamp({ withTimezone: true }),
  recordDeletedAt: timestamp({ withTimezone: true }),
  /** A deal's amount now (the board as of a date totals today's amounts); null for leads and tickets. */
  recordAmount: numeric({ precision: 18, scale: 2 }),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.historyId] }),
  // pipeline metrics: the stays that began in a period (lib/analytics/metrics-sql.ts), read from the index alone
  index("analytics_stays_pipeline_idx").on(t.tenantId, t.entityType, t.pipelineId, t.enteredAt, t.entityId, t.seq, t.stageId, t.fromStageId, t.exitedAt, t.recordDeletedAt, t.recordAmount),
  // pipeline metrics' "created": each record's first stay, by the record's creation time
  index("analytics_stays_first_idx").on(t.tenantId, t.entityType, t.recordCreatedAt, t.pipelineId, t.entityId, t.recordDeletedAt).where(sql`${t.isFirst}`),
  // a record's stays (the triggers' re-derivation, created-without-history)
  index("analytics_stays_entity_idx").on(t.tenantId, t.entityType, t.entityId, t.seq),
]);

/**
 * Activities per day (in the workspace's time zone), who logged them, their group and type:
 * the counts behind activity widgets that group by those (lib/dashboards/rollup.ts). Kept
 * by statement triggers on activities in the writer's transaction (soft-deleted activities
 * count nowhere); rebuilt for the tenant when its time zone changes. Read only for viewers
 * whose scope is every record (rollup.ts); no record ids, so no per-record policy.
 */
export const analyticsActivityDays = pgTable("analytics_activity_days", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  day: date().notNull(),
  activityType: activityType().notNull(),
  createdByUserId: uuid(),
  assignedGroupId: uuid(),
  n: bigint({ mode: "number" }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  // the counts' key (the triggers add to a row by it); the people and the group may be none
  unique("analytics_activity_days_key").on(t.tenantId, t.day, t.activityType, t.createdByUserId, t.assignedGroupId).nullsNotDistinct(),
]);

/**
 * Live records of each kind per owner, owner group and (deals) assignee, and per tag: the
 * counts behind record widgets that count with no filter, grouped by owner, group and/or
 * tag (lib/dashboards/rollup.ts) — "contacts by owner" over a million contacts reads a few
 * hundred rows. `tagged` false: each record once; true: each (record, tag), a record with
 * no tags once with tag null (as the raw query's unnest counts them). Rows are changes
 * (+n / −n), appended by triggers on the record tables in the writer's transaction
 * (migration analytics_record_counts) so no two writers wait on a count, summed by key when
 * read, folded into one row per key by the worker's daily check (lib/analytics/verify.ts). The
 * key holds every column of the records' access policy, so the read policy is theirs: a
 * viewer sums exactly the rows of the records they may see.
 */
export const analyticsRecordCounts = pgTable("analytics_record_counts", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  recordType: crmRecordType().notNull(),
  ownedByUserId: uuid(),
  ownedByGroupId: uuid(),
  assignedUserId: uuid(),
  assignedGroupId: uuid(),
  tagged: boolean().notNull(),
  tag: text(),
  n: bigint({ mode: "number" }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  // a widget sums one kind's rows (a record once, or once per tag)
  index("analytics_record_counts_read_idx").on(t.tenantId, t.recordType, t.tagged),
]);
