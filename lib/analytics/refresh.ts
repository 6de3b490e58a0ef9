// The worker's refresh of a tenant's cached analytics (job refresh_analytics, queued by
// stale reads and the analytics consumer): every result viewed in the last day that is stale
// (an event since, or older than MAX_AGE_MS) is computed again as its viewer — with their
// role now, so it covers what they may see now — two at a time (the machine is shared with
// the requests). A result whose viewer left, or whose computation now fails (a pipeline
// deleted, a field removed), is dropped; so is one not viewed for a week.
import "server-only";
import { and, eq, gt, lt, or, sql } from "drizzle-orm";
import { analyticsResults, tenantUsers } from "@/db/schema";
import { queryWidget } from "@/lib/dashboards/service";
import { AppError } from "@/lib/errors";
import type { PipelineKind } from "@/lib/pipelines/move-record";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { computeBoardAsOf } from "./board-as-of";
import { dropResult, MAX_AGE_MS, refreshResult, type AnalyticsKind } from "./cache";
import { computePipelineMetrics } from "./metrics";

/** Results computed at once: both cores of a small server, as a 10-widget dashboard's miss uses more. */
const REFRESH_CONCURRENCY = 2;

type Params = Record<string, unknown>;
const text = (v: unknown) => (typeof v === "string" ? v : undefined);
const COMPUTE: Record<AnalyticsKind, (ctx: TenantContext, p: Params) => Promise<unknown>> = {
  widget: (ctx, p) => queryWidget(ctx, p.query),
  metrics: (ctx, p) => computePipelineMetrics(ctx, String(p.pipelineId), { from: text(p.from), to: text(p.to) }),
  board: (ctx, p) => computeBoardAsOf(ctx, p.kind as PipelineKind, { pipelineId: text(p.pipelineId), asOf: text(p.asOf), limit: typeof p.limit === "number" ? p.limit : undefined }),
};

export interface RefreshOutcome {
  refreshed: number;
  dropped: number;
}

/** Refreshes the tenant's stale results viewed in the last day (`all`: every one viewed, stale or not — the bench). */
export async function refreshAnalytics(tenantId: string, opts: { all?: boolean } = {}): Promise<RefreshOutcome> {
  const system: TenantContext = { tenantId, actor: systemActor() };
  const rows = await withTenant(system, async (tx) => {
    await tx.delete(analyticsResults).where(and(eq(analyticsResults.tenantId, tenantId), lt(analyticsResults.viewedAt, sql`now() - interval '7 days'`)));
    const stale = or(lt(analyticsResults.dataVersion, sql`analytics_data_version()`), lt(analyticsResults.computedAt, sql`now() - ${`${MAX_AGE_MS} milliseconds`}::interval`));
    return tx
      .select({ key: analyticsResults.key, kind: analyticsResults.kind, params: analyticsResults.params, userId: analyticsResults.viewerUserId, role: tenantUsers.role, active: tenantUsers.isActive })
      .from(analyticsResults)
      .leftJoin(tenantUsers, and(eq(tenantUsers.tenantId, analyticsResults.tenantId), eq(tenantUsers.userId, analyticsResults.viewerUserId)))
      .where(and(eq(analyticsResults.tenantId, tenantId), gt(analyticsResults.viewedAt, sql`now() - interval '1 day'`), opts.all ? undefined : stale))
      .orderBy(sql`${analyticsResults.viewedAt} desc`);
  });
  const out: RefreshOutcome = { refreshed: 0, dropped: 0 };
  const refreshOne = async (r: (typeof rows)[number]) => {
    const viewer: TenantContext | null = !r.userId ? system : r.role && r.active ? { tenantId, actor: { kind: "user", userId: r.userId, role: r.role, source: "SYSTEM" } } : null;
    try {
      if (viewer && (await refreshResult(viewer, r.key, r.kind, r.params, () => COMPUTE[r.kind](viewer, r.params)))) {
        out.refreshed++;
        return;
      }
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
    await dropResult(system, r.key);
    out.dropped++;
  };
  // REFRESH_CONCURRENCY lanes, each taking the next row (the most recently viewed first)
  let next = 0;
  const lane = async () => {
    while (next < rows.length) await refreshOne(rows[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(REFRESH_CONCURRENCY, rows.length) }, lane));
  return out;
}
