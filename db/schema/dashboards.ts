import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns";
import { tenants, tenantUsers } from "./tenancy";

/**
 * Dashboards (issue 18): a grid of widgets. Shared ones (visibility 'workspace') are seen by
 * every member; private ones only by their owner. The workspace's default "Sales manager"
 * dashboard (is_default, at most one per tenant) is shared and has no owner.
 */
export const dashboards = pgTable("dashboards", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  name: text().notNull(),
  description: text(),
  ownerUserId: uuid(),
  visibility: text().$type<"private" | "workspace">().notNull().default("workspace"),
  isDefault: boolean().notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "dashboards_owner_fk", columns: [t.tenantId, t.ownerUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  uniqueIndex("dashboards_one_default").on(t.tenantId).where(sql`${t.isDefault}`),
  index("dashboards_owner_idx").on(t.tenantId, t.ownerUserId),
  check("dashboards_visibility", sql`${t.visibility} in ('private', 'workspace')`),
  check("dashboards_private_has_owner", sql`${t.visibility} = 'workspace' or ${t.ownerUserId} is not null`),
]);

/** A widget of a dashboard: its definition (lib/dashboards/schemas.ts), its size in grid units and its place. */
export const dashboardWidgets = pgTable("dashboard_widgets", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  dashboardId: uuid().notNull(),
  title: text().notNull(),
  definition: jsonb().$type<Record<string, unknown>>().notNull(),
  /** Columns of the 4-column grid (1 small, 2 medium, 4 wide). */
  width: integer().notNull().default(2),
  /** Rows (1 or 2). */
  height: integer().notNull().default(1),
  position: integer().notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "dashboard_widgets_dashboard_fk", columns: [t.tenantId, t.dashboardId], foreignColumns: [dashboards.tenantId, dashboards.id] }).onDelete("cascade"),
  index("dashboard_widgets_dashboard_idx").on(t.tenantId, t.dashboardId, t.position),
  check("dashboard_widgets_size", sql`${t.width} between 1 and 4 and ${t.height} between 1 and 2`),
]);

export type Dashboard = typeof dashboards.$inferSelect;
export type DashboardWidget = typeof dashboardWidgets.$inferSelect;
