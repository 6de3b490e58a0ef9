// Writes the workspace's default "Sales manager" dashboard (defaults.ts); kept apart from
// service.ts so that creating a tenant imports no more than this.
import "server-only";
import { sql } from "drizzle-orm";
import { dashboards, dashboardWidgets } from "@/db/schema";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { DEFAULT_DASHBOARD_NAME, DEFAULT_WIDGETS } from "./defaults";

/** The default dashboard, unless the tenant has one (concurrent callers: one wins, the rest do nothing). */
export async function ensureDefaultDashboard(tx: Tx, tenantId: string): Promise<void> {
  const made = await tx.execute<{ id: string }>(sql`
    insert into ${dashboards} (tenant_id, name, description, visibility, is_default)
    values (${tenantId}::uuid, ${DEFAULT_DASHBOARD_NAME}, ${"Pipeline, wins, activities and quotas of the team."}, 'workspace', true)
    on conflict (tenant_id) where is_default do nothing returning id`);
  const id = made[0]?.id;
  if (!id) return;
  await tx.insert(dashboardWidgets).values(DEFAULT_WIDGETS.map((w, position) => ({ tenantId, dashboardId: id, title: w.title, definition: w.definition as unknown as Record<string, unknown>, width: w.width, height: w.height, position })));
}

