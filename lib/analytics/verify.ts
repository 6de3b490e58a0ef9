// The worker's daily check of the aggregates the triggers keep (migrations
// analytics_aggregates and analytics_record_counts): `analytics_verify_sweep`
// (ANALYTICS_CRONTAB) queues `analytics_verify` for every workspace, which derives its
// record and activity counts again from the records and activities in one snapshot, and
// its stays from stage history, and writes back any difference (analytics_counts_verify()).
// The triggers keep them exact in each writer's transaction;
// this is the safety net for what writes past them (a bulk load with triggers off, a hand
// edit), so the counts are provably refreshed by the worker, as dynamic lists are by their
// 15-minute sweep. A correction is logged (how many rows, never the values).
import "server-only";
import { sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { db } from "@/db/client";
import { log } from "@/lib/log";
import { systemActor } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";

export const ANALYTICS_CRONTAB = "17 3 * * * analytics_verify_sweep ?id=analytics_verify&fill=1d";

/** Derives the workspace's aggregates again and corrects them; returns the count keys and records corrected (0: they were exact). */
export async function verifyAnalyticsCounts(tenantId: string): Promise<number> {
  const [r] = await withTenant({ tenantId, actor: systemActor() }, (tx) => tx.execute<{ n: number }>(sql`select analytics_counts_verify() as n`));
  const n = Number(r?.n ?? 0);
  if (n) log.warn({ tenantId, corrected: n }, "analytics counts corrected from their source rows");
  return n;
}

export const analyticsVerifySweepTask: Task = async (_payload, helpers) => {
  // worker_tenant_ids() (SECURITY DEFINER, migration 0008) lists tenants without reading any tenant's rows
  const rows = await db().execute<{ id: string }>(sql`select worker_tenant_ids() as id`);
  for (const { id } of rows) {
    await helpers.addJob("analytics_verify", { tenantId: id }, { jobKey: `analytics_verify:${id}`, jobKeyMode: "preserve_run_at", priority: 10 });
  }
};

export const analyticsVerifyTask: Task = async (payload) => {
  const { tenantId } = payload as { tenantId: string };
  await verifyAnalyticsCounts(tenantId);
};
