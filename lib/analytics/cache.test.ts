// The analytics cache (lib/analytics/cache.ts) against Postgres: a cached widget, pipeline
// metrics and past board equal the raw computation; after a change through the services the
// cached read returns the old figures marked stale and queues exactly one refresh; the
// dispatched event queues it too; the worker's refresh makes the cache equal the raw
// computation again; a viewer with another scope never gets someone else's result.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainEvent } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { policyFor } from "@/db/testing/access-world";
import { dashboardData, queryWidget, type WidgetData, type WidgetJson } from "@/lib/dashboards/service";
import type { WidgetDefinition, WidgetQueryInput } from "@/lib/dashboards/schemas";
import { dispatchPending, registerConsumer } from "@/lib/events/dispatcher";
import { loadBoard } from "@/lib/board/queries";
import { moveRecord } from "@/lib/pipelines/move-record";
import { createRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { boardAsOf, computeBoardAsOf } from "./board-as-of";
import { analyticsConsumer } from "./consumer";
import { computePipelineMetrics, pipelineMetrics } from "./metrics";
import { refreshAnalytics } from "./refresh";

const BY_OWNER: WidgetQueryInput = { recordType: "deals", measure: { fn: "sum", field: "amount" }, groupBy: [{ by: "owner" }] };
const widget: WidgetJson = { id: "w1", title: "Amount by owner", definition: { chart: "bar", query: BY_OWNER } as WidgetDefinition, width: 2, height: 1, position: 0 };

let owner: postgres.Sql;
beforeAll(() => {
  owner = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await owner.end();
});

/** The tenant's queued refresh jobs (graphile-worker's queue, read as the owner). */
const refreshJobs = async (tenantId: string) => Number((await owner`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'refresh_analytics' and key = ${`analytics:${tenantId}`}`)[0]!.n);

const queryData = (d: WidgetData | undefined) => {
  if (!d?.ok || d.kind !== "query") throw new Error("expected a query widget's data");
  return d;
};
const readWidget = async (ctx: TenantContext) => queryData((await dashboardData(ctx, [widget]))[widget.id]);

describe("analytics cache", () => {
  it("serves a widget from the cache, stale after a change with one refresh queued, fresh and equal to the raw figures after the worker's refresh", async () => {
    const t = await makeTenant("Cache Co");
    await createRecord(t.ctx, "DEAL", { name: "A", amount: "100.00" });
    const first = await readWidget(t.ctx);
    expect(first.result).toEqual(await queryWidget(t.ctx, BY_OWNER));
    expect(first.freshness).toMatchObject({ stale: false });
    const again = await readWidget(t.ctx);
    expect(again.freshness).toEqual(first.freshness); // the same stored result
    expect(await refreshJobs(t.tenantId)).toBe(0);

    await createRecord(t.ctx, "DEAL", { name: "B", amount: "50.00" });
    const stale = await readWidget(t.ctx);
    expect(stale.result).toEqual(first.result);
    expect(stale.freshness).toEqual({ computedAt: first.freshness!.computedAt, stale: true });
    await readWidget(t.ctx);
    expect(await refreshJobs(t.tenantId)).toBe(1); // two stale reads, one coalesced job

    expect(await refreshAnalytics(t.tenantId)).toEqual({ refreshed: 1, dropped: 0 });
    const fresh = await readWidget(t.ctx);
    expect(fresh.freshness?.stale).toBe(false);
    expect(fresh.result).toEqual(await queryWidget(t.ctx, BY_OWNER));
    expect(fresh.result.rows[0]?.value).toBe(150);
    // nothing stale is left to refresh
    expect(await refreshAnalytics(t.tenantId)).toEqual({ refreshed: 0, dropped: 0 });
  });

  it("never serves one viewer's result to another viewer or scope", async () => {
    const t = await makeTenant("Scope Co");
    const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
    await policyFor(t.ctx, "sales_rep", "own", "own");
    await createRecord(t.ctx, "DEAL", { name: "Admin's", amount: "100.00" });
    await createRecord(rep.ctx, "DEAL", { name: "Rita's", amount: "7.00" });
    const admin = await readWidget(t.ctx);
    expect(admin.result.rows.map((r) => r.value).sort()).toEqual([100, 7].sort());
    const mine = await readWidget(rep.ctx);
    expect(mine.result).toEqual(await queryWidget(rep.ctx, BY_OWNER));
    expect(mine.result.rows.map((r) => r.value)).toEqual([7]);
    expect(mine.freshness?.computedAt).not.toBe(admin.freshness?.computedAt);

    // the same user under a wider scope: a new computation, not the narrow result
    await policyFor(t.ctx, "sales_rep", "all", "own");
    const wider = await readWidget(rep.ctx);
    expect(wider.freshness?.stale).toBe(false);
    expect(wider.result).toEqual(await queryWidget(rep.ctx, BY_OWNER));
    expect(wider.result.rows.map((r) => r.value).sort()).toEqual([100, 7].sort());
    // and the worker drops the result of the scope the rep no longer has
    expect(await refreshAnalytics(t.tenantId, { all: true })).toMatchObject({ dropped: 1 });
  });

  it("keeps pipeline metrics and a past board equal to the raw computation across a move; the dispatched event queues the refresh", async () => {
    const unregister = registerConsumer(analyticsConsumer);
    try {
      const t = await makeTenant("Metrics Cache Co");
      const a = await createRecord(t.ctx, "DEAL", { name: "A", amount: "100.00" });
      const pipelineId = a.pipelineId as string;
      const stages = (await loadBoard(t.ctx, "DEAL", pipelineId, {}, { limit: 1 })).pipeline.stages.map((s) => s.id);
      await moveRecord(t.ctx, "DEAL", a.id, { toStageId: stages[2]! });
      await dispatchPending(t.tenantId, 100);
      expect(await refreshJobs(t.tenantId)).toBe(0); // nothing viewed yet: the consumer queues nothing
      const asOf = new Date().toISOString();
      const query = { pipelineId, asOf };

      const metrics = await pipelineMetrics(t.ctx, pipelineId);
      const { freshness, ...figures } = metrics;
      expect(figures).toEqual(await computePipelineMetrics(t.ctx, pipelineId));
      const board = await boardAsOf(t.ctx, "DEAL", query);
      expect({ ...board, freshness: undefined }).toEqual({ ...(await computeBoardAsOf(t.ctx, "DEAL", query)), freshness: undefined });
      expect(freshness.stale).toBe(false);

      await moveRecord(t.ctx, "DEAL", a.id, { toStageId: stages[3]! });
      await dispatchPending(t.tenantId, 100);
      expect(await refreshJobs(t.tenantId)).toBe(1); // queued by the consumer, before anyone reads
      // until shortly before that job runs, the tenant's events are not offered to the consumer
      expect(analyticsConsumer.handles({ tenantId: t.tenantId } as DomainEvent)).toBe(false);
      const staleMetrics = await pipelineMetrics(t.ctx, pipelineId);
      expect(staleMetrics.freshness.stale).toBe(true);
      expect(staleMetrics.movedForward).toBe(metrics.movedForward);
      // the past board's cards show where a deal is now, so it goes stale too
      expect((await boardAsOf(t.ctx, "DEAL", query)).freshness?.stale).toBe(true);
      expect(await refreshJobs(t.tenantId)).toBe(1);

      expect(await refreshAnalytics(t.tenantId)).toEqual({ refreshed: 2, dropped: 0 });
      const fresh = await pipelineMetrics(t.ctx, pipelineId);
      expect(fresh.freshness.stale).toBe(false);
      expect({ ...fresh, freshness: undefined }).toEqual({ ...(await computePipelineMetrics(t.ctx, pipelineId)), freshness: undefined });
      expect(fresh.movedForward).toBe(metrics.movedForward + 1);
      const freshBoard = await boardAsOf(t.ctx, "DEAL", query);
      expect(freshBoard.freshness?.stale).toBe(false);
      expect({ ...freshBoard, freshness: undefined }).toEqual({ ...(await computeBoardAsOf(t.ctx, "DEAL", query)), freshness: undefined });
      expect(freshBoard.stages.flatMap((s) => s.records).find((r) => r.id === a.id)).toMatchObject({ movedSince: true, stageIdNow: stages[3] });
    } finally {
      unregister();
    }
  });
});
