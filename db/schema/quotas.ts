import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, integer, numeric, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns";
import { dealType, quotaPeriod } from "./enums";
import { tenantGroups, tenants, tenantUsers } from "./tenancy";

/** Sales targets of a user or a group for one period (seed 002's sales quotas; API.md "Analytics"). */
export const quotas = pgTable("quotas", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  userId: uuid(),
  groupId: uuid(),
  period: quotaPeriod().notNull(),
  /** The period's first day (YYYY-MM-DD) in the workspace's time zone. */
  start: date().notNull(),
  revenueTarget: numeric({ precision: 18, scale: 2 }),
  dealsTarget: integer(),
  callsTarget: integer(),
  meetingsTarget: integer(),
  /** Only won deals of these types count; empty: all. */
  dealTypes: dealType().array().notNull().default(sql`'{}'::deal_type[]`),
  createdByUserId: uuid(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "quotas_user_fk", columns: [t.tenantId, t.userId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  foreignKey({ name: "quotas_group_fk", columns: [t.tenantId, t.groupId], foreignColumns: [tenantGroups.tenantId, tenantGroups.id] }).onDelete("cascade"),
  // the quotas of a user or a group (Settings → Quotas, attainment)
  index("quotas_user_idx").on(t.tenantId, t.userId, t.start),
  index("quotas_group_idx").on(t.tenantId, t.groupId, t.start),
  check("quotas_one_target", sql`(${t.userId} is null) <> (${t.groupId} is null)`),
  check("quotas_targets_non_negative", sql`coalesce(${t.revenueTarget}, 0) >= 0 and coalesce(${t.dealsTarget}, 0) >= 0 and coalesce(${t.callsTarget}, 0) >= 0 and coalesce(${t.meetingsTarget}, 0) >= 0`),
]);

export type Quota = typeof quotas.$inferSelect;
