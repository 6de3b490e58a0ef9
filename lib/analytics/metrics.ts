// Pipeline metrics of a period (API.md "Analytics"), computed in SQL from the records and
// their stays in stages (analytics_stays: stage history with each row's exit, kept by
// triggers in the writer's transaction; metrics-sql.ts) — no counters that drift; the same
// from stage history itself is the raw computation they are tested against. Read in the
// actor's access scope (RLS), so a rep's figures cover the records they may see.
// Definitions, for a period [start, end) of whole days in the workspace's time zone:
// - created: records created in the period whose first stage (history) is in this pipeline;
// - won / lost: records in a DONE_SUCCESS / DONE_FAILED stage of it at `end` that entered
//   that stage in the period (a reopened deal is neither); active: in an open stage at `end`;
// - per stage: entries (a creation enters the first stage), exits, the mean length of the
//   stays that began in the period (an open stay counts up to `end`, or now if sooner), and
//   the share of those entries whose record later (before `end`) entered the next stage by
//   display order that is not DONE_FAILED;
// - a move inside the pipeline is forward when the target's display order is higher.
// Soft-deleted records count nowhere.
import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { pipelines } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { PipelineKind } from "@/lib/pipelines/move-record";
import { RECORD_KINDS, tableOf } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { loadWorkspace } from "@/lib/workspace/service";
import { cached, type Freshness } from "./cache";
import { historyCreatedSql, historyStageSql, staysCreatedSql, staysStageSql, type MetricsSource } from "./metrics-sql";
import { dayPeriod, type DayPeriod } from "./period";
import { stateAtCtes } from "./state-at";

export interface StageMetrics {
  stageId: string;
  name: string;
  displayOrder: number;
  stageState: string;
  entered: number;
  exited: number;
  averageDays: number | null;
  conversionToNext: number | null;
}

export interface PipelineMetrics {
  pipelineId: string;
  objectType: PipelineKind;
  from: string;
  to: string;
  timeZone: string;
  periodStart: string;
  periodEnd: string;
  created: number;
  won: number;
  lost: number;
  active: number;
  /** Deal pipelines only (null for leads and tickets): decimal strings. */
  pipelineValue: string | null;
  weightedValue: string | null;
  wonValue: string | null;
  lostValue: string | null;
  averageDealSize: string | null;
  averageCycleDays: number | null;
  winRate: number | null;
  movedForward: number;
  movedBackward: number;
  stages: StageMetrics[];
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const round3 = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000);

/**
 * The metrics of a pipeline for `range` (days in the workspace's zone; default the last 90
 * days), as the reader gets them: from the analytics cache (lib/analytics/cache.ts), with
 * how fresh they are.
 */
export async function pipelineMetrics(ctx: TenantContext, pipelineId: string, range: { from?: string; to?: string } = {}): Promise<PipelineMetrics & { freshness: Freshness }> {
  assertCan(ctx.actor.role, "pipelines.read");
  if (!isUuid(pipelineId)) throw notFound("Pipeline");
  const { value, freshness } = await cached(ctx, "metrics", metricsParams(pipelineId, range), () => computePipelineMetrics(ctx, pipelineId, range));
  return { ...value, freshness };
}

/** What identifies a metrics computation (the cache's parameters; lib/analytics/refresh.ts computes it again from them). */
export const metricsParams = (pipelineId: string, range: { from?: string; to?: string }) => ({ pipelineId, from: range.from ?? null, to: range.to ?? null });

/**
 * The metrics computed now (no cache): the read path's miss and the worker's refresh, from
 * the stays (lib/analytics/metrics-sql.ts); `source: "history"` is the raw computation the
 * tests and the bench compare them with.
 */
export async function computePipelineMetrics(ctx: TenantContext, pipelineId: string, range: { from?: string; to?: string } = {}, source: MetricsSource = "stays"): Promise<PipelineMetrics> {
  assertCan(ctx.actor.role, "pipelines.read");
  if (!isUuid(pipelineId)) throw notFound("Pipeline");
  const { kind, timeZone } = await withTenant(ctx, async (tx) => {
    const [p] = await tx.select({ objectType: pipelines.objectType }).from(pipelines).where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.id, pipelineId)));
    if (!p || p.objectType === "CONTACT" || p.objectType === "COMPANY") throw notFound("Pipeline");
    return { kind: p.objectType as PipelineKind, timeZone: (await loadWorkspace(tx, ctx.tenantId)).timeZone };
  });
  // the three statements are independent: each in its own transaction, side by side
  const run: Run = async <T extends Record<string, unknown>>(statement: SQL) => (await withTenant(ctx, (tx) => tx.execute<T>(statement))) as unknown as T[];
  return metricsIn(run, ctx.tenantId, pipelineId, kind, dayPeriod(range, timeZone), source);
}

type Run = <T extends Record<string, unknown>>(statement: SQL) => Promise<T[]>;

async function metricsIn(run: Run, tenantId: string, pipelineId: string, kind: PipelineKind, period: DayPeriod, source: MetricsSource): Promise<PipelineMetrics> {
  const deals = kind === "DEAL";
  const r = tableOf(RECORD_KINDS[kind]);
  const start = sql`${period.start.toISOString()}::timestamptz`;
  const end = sql`${period.end.toISOString()}::timestamptz`;
  const money = deals ? sql`r.amount, r.forecast_probability` : sql`null::numeric as amount, null::numeric as forecast_probability`;
  const ctes = stateAtCtes({ tenantId, kind, pipelineId, at: period.end, deleted: "excluded", columns: money, source });
  const sum = (expr: SQL, where: SQL) => (deals ? sql`coalesce(sum(${expr}) filter (where ${where}), 0)::numeric(18,2)::text` : sql`null::text`);
  const won = sql`s.stage_state = 'DONE_SUCCESS' and a.entered_at >= ${start}`;
  const lost = sql`s.stage_state = 'DONE_FAILED' and a.entered_at >= ${start}`;
  const open = sql`s.stage_state in ('NOT_STARTED', 'IN_PROGRESS')`;

  const summarySql = sql`${ctes}
    select count(*) filter (where ${won})::int as won, count(*) filter (where ${lost})::int as lost, count(*) filter (where ${open})::int as active,
      ${sum(sql`a.amount`, open)} as pipeline_value,
      ${sum(sql`a.amount * coalesce(a.forecast_probability, s.probability)`, open)} as weighted_value,
      ${sum(sql`a.amount`, won)} as won_value, ${sum(sql`a.amount`, lost)} as lost_value,
      ${deals ? sql`(sum(a.amount) filter (where ${won}) / nullif(count(*) filter (where ${won}), 0))::numeric(18,2)::text` : sql`null::text`} as average_size,
      avg(extract(epoch from a.entered_at - a.created_at) / 86400) filter (where ${won}) as cycle_days
    from at_t a join st s on s.id = a.stage_id`;
  const until = sql`least(${end}, now())`;
  const [[summary], stageRows, [created]] = await Promise.all([
    run(summarySql),
    run(source === "stays" ? staysStageSql(ctes, { tenantId, kind, start, end, until }) : historyStageSql(ctes, { tenantId, kind, r, start, end, until })),
    run<{ n: number }>(source === "stays" ? staysCreatedSql({ tenantId, kind, pipelineId, r, start, end }) : historyCreatedSql({ tenantId, kind, pipelineId, r, start, end })),
  ]);

  const s = summary!;
  const wonN = Number(s.won);
  const lostN = Number(s.lost);
  const first = stageRows[0];
  return {
    pipelineId,
    objectType: kind,
    from: period.from,
    to: period.to,
    timeZone: period.timeZone,
    periodStart: period.start.toISOString(),
    periodEnd: period.end.toISOString(),
    created: Number(created?.n ?? 0),
    won: wonN,
    lost: lostN,
    active: Number(s.active),
    pipelineValue: (s.pipeline_value as string | null) ?? null,
    weightedValue: (s.weighted_value as string | null) ?? null,
    wonValue: (s.won_value as string | null) ?? null,
    lostValue: (s.lost_value as string | null) ?? null,
    averageDealSize: (s.average_size as string | null) ?? null,
    averageCycleDays: round3(s.cycle_days),
    winRate: wonN + lostN ? wonN / (wonN + lostN) : null,
    movedForward: Number(first?.forward ?? 0),
    movedBackward: Number(first?.backward ?? 0),
    stages: stageRows.map((row) => ({
      stageId: String(row.stage_id),
      name: String(row.name),
      displayOrder: Number(row.display_order),
      stageState: String(row.stage_state),
      entered: Number(row.entered),
      exited: Number(row.exited),
      averageDays: round3(row.average_days),
      conversionToNext: row.next_id && Number(row.entered) ? num(row.conversion) : null,
    })),
  };
}
