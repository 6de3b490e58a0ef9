import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantId } from "./columns";
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
