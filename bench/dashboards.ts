// Issue 18's dashboards on the big tenant: a few representative widgets (each ONE aggregate,
// lib/dashboards/query.ts, served from the analytics cache) and a 10-widget dashboard's
// figures, each beside the same aggregates written by hand in raw SQL. Measured, not tuned.
import type { Freshness } from "../lib/analytics/cache";
import { dashboardData, queryWidget, type WidgetData, type WidgetJson } from "../lib/dashboards/service";
import type { WidgetDefinition, WidgetQueryInput } from "../lib/dashboards/schemas";
import type { TenantContext } from "../lib/tenancy/context";
import { time, type Row, type Stats } from "./harness";
import type { BenchEnv } from "./index";
import { rawInTenant } from "./tenant-sql";

type RawTx = Parameters<Parameters<typeof rawInTenant>[2]>[0];

interface Case {
  name: string;
  query: WidgetQueryInput;
  raw: (tx: RawTx, t: string) => Promise<unknown>;
}

const since = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

const CASES: Case[] = [
  {
    name: "open deals by stage, weighted",
    query: { recordType: "deals", filter: { all: [{ field: "status", op: "eq", value: "open" }] }, measure: { fn: "weighted" }, groupBy: [{ by: "stage" }] },
    raw: (tx, t) => tx`
      select d.stage_id, sum(d.amount * coalesce(d.forecast_probability, s.probability)) from deals d
      left join pipeline_stages s on s.tenant_id = d.tenant_id and s.id = d.stage_id
      where d.tenant_id = ${t} and d.deleted_at is null and d.status = 'open' group by 1`,
  },
  {
    name: "deals by month created × owner (last 365 days)",
    query: { recordType: "deals", period: { field: "createdAt", preset: "last365Days" }, measure: { fn: "count" }, groupBy: [{ by: "date", field: "createdAt", bucket: "month" }, { by: "owner" }] },
    raw: (tx, t) => tx`
      select date_trunc('month', created_at at time zone 'UTC'), owned_by_user_id, count(*) from deals
      where tenant_id = ${t} and deleted_at is null and created_at >= ${since(365)} group by 1, 2`,
  },
  {
    name: "contacts by owner",
    query: { recordType: "contacts", measure: { fn: "count" }, groupBy: [{ by: "owner" }] },
    raw: (tx, t) => tx`select owned_by_user_id, count(*) from contacts where tenant_id = ${t} and deleted_at is null group by 1`,
  },
  {
    name: "contacts by tag",
    query: { recordType: "contacts", measure: { fn: "count" }, groupBy: [{ by: "tag" }] },
    raw: (tx, t) => tx`select g.v, count(*) from contacts c left join lateral unnest(c.tags) g(v) on true where c.tenant_id = ${t} and c.deleted_at is null group by 1`,
  },
  {
    name: "activities by type, last 30 days",
    query: { recordType: "activities", period: { field: "activityAt", preset: "last30Days" }, measure: { fn: "count" }, groupBy: [{ by: "activityType" }] },
    raw: (tx, t) => tx`select activity_type, count(*) from activities where tenant_id = ${t} and deleted_at is null and activity_at >= ${since(30)} group by 1`,
  },
  {
    name: "leads by source",
    query: { recordType: "leads", measure: { fn: "count" }, groupBy: [{ by: "source" }] },
    raw: (tx, t) => tx`select nullif(source, ''), count(*) from leads where tenant_id = ${t} and deleted_at is null group by 1`,
  },
  {
    name: "won deal value KPI",
    query: { recordType: "deals", filter: { all: [{ field: "status", op: "eq", value: "won" }] }, measure: { fn: "sum", field: "amount" } },
    raw: (tx, t) => tx`select sum(amount) from deals where tenant_id = ${t} and deleted_at is null and status = 'won'`,
  },
  {
    name: "average deal amount by deal type",
    query: { recordType: "deals", measure: { fn: "avg", field: "amount" }, groupBy: [{ by: "dealType" }] },
    raw: (tx, t) => tx`select deal_type, avg(amount) from deals where tenant_id = ${t} and deleted_at is null group by 1`,
  },
  {
    name: "companies by owner group",
    query: { recordType: "companies", measure: { fn: "count" }, groupBy: [{ by: "group" }] },
    raw: (tx, t) => tx`select owned_by_group_id, count(*) from companies where tenant_id = ${t} and deleted_at is null group by 1`,
  },
  {
    name: "leads by stage × tag",
    query: { recordType: "leads", measure: { fn: "count" }, groupBy: [{ by: "stage" }, { by: "tag" }] },
    raw: (tx, t) => tx`select l.stage_id, g.v, count(*) from leads l left join lateral unnest(l.tags) g(v) on true where l.tenant_id = ${t} and l.deleted_at is null group by 1, 2`,
  },
];

/** The cases measured one by one (the rest only in the dashboard). */
const SINGLE = [0, 1, 2, 4];
const RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 10);

/**
 * Counts how many reads the cache answered fresh (the rest: stale, refreshing — another
 * writer on the bench tenant moves its data version mid-run).
 */
export function freshTally() {
  let fresh = 0;
  let all = 0;
  return {
    count<T>(value: T, ...freshness: (Freshness | undefined)[]): T {
      for (const f of freshness) {
        all++;
        if (f && !f.stale) fresh++;
      }
      return value;
    },
    get note() {
      const n = `${fresh} of ${all} reads fresh`;
      fresh = all = 0;
      return n;
    },
  };
}
const tally = freshTally();
const freshnessOf = (data: Record<string, WidgetData>) => Object.values(data).map((d) => (d.ok && d.kind === "query" ? d.freshness : undefined));

/** "cold p50/p95": the computation a cache miss and the worker's refresh run. */
export const coldNote = (cold: Stats) => `cold computation p50 ${cold.p50.toFixed(0)} / p95 ${cold.p95.toFixed(0)} ms`;

const widgetOf = (c: Case, i: number): WidgetJson => ({ id: `w${i}`, title: c.name, definition: { chart: c.query.groupBy?.length ? "bar" : "kpi", query: c.query } as WidgetDefinition, width: 2, height: 1, position: i });

/**
 * Each widget and a 10-widget dashboard three ways in one run: the read path as users get it
 * (dashboardData: the analytics cache, warm — the first call stores the result), the cold
 * computation (queryWidget: what a cache miss and the worker's refresh run), and raw SQL.
 * Returns the rows and the raw statements (for the refresh's row in bench/analytics.ts).
 */
export async function benchDashboards(env: BenchEnv): Promise<{ rows: Row[]; raws: (() => Promise<unknown>)[] }> {
  const ctx: TenantContext = { tenantId: env.tenantId, actor: { kind: "user", userId: env.userId, role: "admin", source: "USER" } };
  const t = env.tenantId;
  const rows: Row[] = [];
  const raws = CASES.map((c) => () => rawInTenant(env.app, t, (tx) => c.raw(tx, t)));
  for (const i of SINGLE) {
    const c = CASES[i]!;
    const w = widgetOf(c, i);
    const app = await time(async () => tally.count(null, ...freshnessOf(await dashboardData(ctx, [w]))), RUNS);
    const cold = await time(() => queryWidget(ctx, c.query), RUNS, 1);
    const raw = await time(raws[i]!, RUNS);
    rows.push({ benchmark: `widget: ${c.name}`, app, raw, target: "p95 ≤ 200 ms", pass: app.p95 <= 200, note: `read path, cache warm (${tally.note}); ${coldNote(cold)}` });
  }
  // a 10-widget dashboard: each widget's look-up (or statement) side by side; so does the raw side
  const widgets = CASES.map(widgetOf);
  const dashboard = await time(async () => tally.count(null, ...freshnessOf(await dashboardData(ctx, widgets))), RUNS);
  const cold = await time(() => Promise.all(CASES.map((c) => queryWidget(ctx, c.query))), RUNS, 1);
  const dashboardRaw = await time(() => Promise.all(raws.map((r) => r())), RUNS);
  rows.push({ benchmark: "dashboard of 10 widgets: every widget's figures", app: dashboard, raw: dashboardRaw, target: "p95 ≤ 1 s", pass: dashboard.p95 <= 1000, note: `read path, cache warm (${tally.note}); ${coldNote(cold)}, side by side` });
  return { rows, raws };
}
