// graphile-worker tasks behind the dynamic-lists consumer (registered in lib/worker):
// - `lists_sweep` (from LISTS_CRONTAB) enqueues `refresh_tenant_lists` for every tenant:
//   every 15 minutes a full refresh (the safety net), and once a day only the lists whose
//   filters move with the clock ("created in the last 30 days"). The job key keeps at most
//   one waiting job per tenant and kind, so slow runs never pile up.
// - `refresh_tenant_lists` { tenantId, relativeOnly? } recomputes that tenant's lists.
import "server-only";
import { sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { db } from "@/db/client";
import { systemActor } from "@/lib/tenancy/context";
import { refreshAllLists } from "./dynamic";

export const LISTS_CRONTAB = [
  "*/15 * * * * lists_sweep ?id=lists_full_refresh",
  '7 0 * * * lists_sweep ?id=lists_relative_dates&fill=1d {"relativeOnly":true}',
].join("\n");

export const listsSweepTask: Task = async (payload, helpers) => {
  const relativeOnly = (payload as { relativeOnly?: unknown } | null)?.relativeOnly === true;
  // worker_tenant_ids() (SECURITY DEFINER, migration 0008) lists tenants without reading any tenant's rows
  const rows = await db().execute<{ id: string }>(sql`select worker_tenant_ids() as id`);
  for (const { id } of rows) {
    await helpers.addJob("refresh_tenant_lists", { tenantId: id, relativeOnly }, { jobKey: `refresh_tenant_lists:${relativeOnly ? "relative" : "all"}:${id}`, jobKeyMode: "preserve_run_at" });
  }
};

export const refreshTenantListsTask: Task = async (payload, helpers) => {
  const { tenantId, relativeOnly } = payload as { tenantId: string; relativeOnly?: boolean };
  const result = await refreshAllLists({ tenantId, actor: systemActor() }, { relativeOnly: relativeOnly === true });
  for (const f of result.failed) helpers.logger.warn(`list ${f.listId} of tenant ${tenantId} not refreshed: ${f.error}`);
};
