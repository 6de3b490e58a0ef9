import { foreignKey, index, jsonb, pgTable, primaryKey, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, tenantId } from "./columns";
import { crmRecordType } from "./enums";
import { tenants, tenantUsers } from "./tenancy";

/**
 * Merge history (seed 004): one row per record merged into a survivor, with the merged
 * record as it was just before (its snapshot), so the survivor's page can show what
 * became of it. Written by lib/merge/merge-records.ts in the merge's transaction.
 */
export const recordMerges = pgTable("record_merges", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  recordType: crmRecordType().notNull(),
  survivorId: uuid().notNull(),
  mergedId: uuid().notNull(),
  mergedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  mergedByUserId: uuid(),
  /** The merged record's fields before the merge, and what was moved to the survivor. */
  snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "record_merges_user_fk", columns: [t.tenantId, t.mergedByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  // GET /{type}/{id}/merge-history: a survivor's merges, newest first
  index("record_merges_survivor_idx").on(t.tenantId, t.recordType, t.survivorId, t.mergedAt.desc()),
  index("record_merges_merged_idx").on(t.tenantId, t.recordType, t.mergedId),
  index("record_merges_user_idx").on(t.tenantId, t.mergedByUserId),
]);

export type RecordMerge = typeof recordMerges.$inferSelect;

/**
 * A group of likely duplicates someone said are not duplicates ("Not duplicates" on the
 * Duplicates page): that exact set of records is not listed again. A record joining the
 * group makes a new set, listed again.
 */
export const duplicateDismissals = pgTable("duplicate_dismissals", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  recordType: crmRecordType().notNull(),
  /** The group's record ids, sorted. */
  recordIds: uuid().array().notNull(),
  dismissedByUserId: uuid(),
  dismissedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "duplicate_dismissals_user_fk", columns: [t.tenantId, t.dismissedByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  // listDuplicates drops the groups dismissed as they are
  uniqueIndex("duplicate_dismissals_key").on(t.tenantId, t.recordType, t.recordIds),
  index("duplicate_dismissals_user_idx").on(t.tenantId, t.dismissedByUserId),
]);
