// The analytics refresh end to end against the real worker: after a change, the relay
// dispatches its event, the analytics consumer queues the tenant's refresh_analytics job,
// graphile-worker runs it a few seconds later, and the dashboard's next read is fresh and
// equal to the raw computation — nobody had to read the stale figures first.
//
// Runs in its own database (as lib/events/outbox.test.ts): its worker sees only its jobs.
import type { Runner } from "graphile-worker";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createOwnDatabase, type OwnDatabase } from "@/db/testing/own-database";
import { dashboardData, queryWidget, type WidgetJson } from "@/lib/dashboards/service";
import type { WidgetDefinition, WidgetQueryInput } from "@/lib/dashboards/schemas";
import { createRecord } from "@/lib/records/service";
import { startWorker } from "@/lib/worker";

const COUNT_DEALS: WidgetQueryInput = { recordType: "deals", measure: { fn: "count" } };
const widget: WidgetJson = { id: "w1", title: "Deals", definition: { chart: "kpi", query: COUNT_DEALS } as WidgetDefinition, width: 1, height: 1, position: 0 };

describe("analytics refresh → worker", () => {
  let db: OwnDatabase;
  let owner: postgres.Sql;
  let runner: Runner | null = null;

  beforeAll(async () => {
    db = await createOwnDatabase("analytics_refresh_test");
    owner = postgres(db.ownerUrl, { max: 1, onnotice: () => {} });
    runner = await startWorker({ ownerUrl: db.ownerUrl, pollInterval: 100, concurrency: 2 });
  });

  afterAll(async () => {
    await runner?.stop();
    await owner?.end();
    await db?.drop();
  });

  it("refreshes a viewed widget after a change, from the change's event", async () => {
    const t = await makeTenant("Refresh Co");
    await createRecord(t.ctx, "DEAL", { name: "A", amount: "10.00" });
    const read = async () => {
      const d = (await dashboardData(t.ctx, [widget]))[widget.id];
      if (!d?.ok || d.kind !== "query") throw new Error("expected a query widget's data");
      return d;
    };
    const first = await read();
    expect(first.result.rows[0]?.value).toBe(1);

    await createRecord(t.ctx, "DEAL", { name: "B", amount: "20.00" });
    // watched from the side (the owner's connection), so no stale read queues the job instead
    const computedAt = async () => (await owner<{ at: Date }[]>`select computed_at as at from analytics_results where tenant_id = ${t.tenantId}`)[0]!.at.toISOString();
    await vi.waitFor(async () => expect(await computedAt()).not.toBe(first.freshness!.computedAt), { timeout: 20_000, interval: 200 });

    const fresh = await read();
    expect(fresh.freshness?.stale).toBe(false);
    expect(fresh.result).toEqual(await queryWidget(t.ctx, COUNT_DEALS));
    expect(fresh.result.rows[0]?.value).toBe(2);
  }, 30_000);
});
