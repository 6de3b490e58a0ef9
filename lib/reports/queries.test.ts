import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createPipeline } from "@/lib/pipelines/pipeline-service";
import { moveRecord } from "@/lib/pipelines/move-record";
import { createRecord, updateRecord } from "@/lib/records/service";
import { dealForecast, listReportPipelines, pipelineReport } from "./queries";

async function setup() {
  const t = await makeTenant();
  const p = await createPipeline(t.ctx, {
    name: "Report",
    objectType: "DEAL",
    stages: [
      { name: "Open", probability: 0.1 },
      { name: "Proposal", probability: 0.5 },
      { name: "Won", stageState: "DONE_SUCCESS", probability: 1 },
    ],
  });
  const [open, proposal, won] = p.stages.map((s) => s.id) as [string, string, string];
  const deal = (name: string, extra: Record<string, unknown>) => createRecord(t.ctx, "DEAL", { name, pipelineId: p.id, ...extra });
  return { ...t, p, open, proposal, won, deal };
}

describe("dealForecast", () => {
  it("groups open deals by close month and currency, weighted by the deal's forecast probability (the stage's by default)", async () => {
    const { ctx, p, proposal, won, deal } = await setup();
    const a = await deal("A", { amount: "1000.00", closeDate: "2026-05-10" }); // Open: 0.1
    const b = await deal("B", { amount: "3000.00", closeDate: "2026-05-28" });
    await moveRecord(ctx, "DEAL", b.id, { toStageId: proposal }); // 0.5 from the stage
    await deal("C", { amount: "500.00", closeDate: "2026-05-01", currency: "EUR", forecastProbability: "0.8" });
    await deal("D", { amount: "200.00" }); // no close date
    const gone = await deal("E", { amount: "9999.00", closeDate: "2026-06-01" });
    await moveRecord(ctx, "DEAL", gone.id, { toStageId: won }); // won: not open any more
    await updateRecord(ctx, "DEAL", a.id, { forecastProbability: "0.2" });

    expect(await dealForecast(ctx, p.id)).toEqual([
      { month: "2026-05", currency: "EUR", deals: 1, amount: "500.00", weighted: "400.00" },
      { month: "2026-05", currency: "USD", deals: 2, amount: "4000.00", weighted: "1700.00" },
      { month: null, currency: "USD", deals: 1, amount: "200.00", weighted: "20.00" },
    ]);
  });

  it("is not found for another tenant's pipeline or a non-deal pipeline", async () => {
    const { p } = await setup();
    const other = await makeTenant();
    await expect(dealForecast(other.ctx, p.id)).rejects.toMatchObject({ code: "not-found" });
    const leads = (await listReportPipelines(other.ctx)).find((x) => x.objectType === "LEAD")!;
    await expect(dealForecast(other.ctx, leads.id)).rejects.toMatchObject({ code: "not-found" });
  });
});

describe("pipelineReport", () => {
  it("joins dwell times with today's counts and money per stage; readable by a rep", async () => {
    const { ctx, tenantId, p, proposal, deal } = await setup();
    const a = await deal("A", { amount: "1000.00", closeDate: "2026-05-10" });
    await deal("B", { amount: "3000.00" });
    await moveRecord(ctx, "DEAL", a.id, { toStageId: proposal });
    const rep = await makeMember(tenantId, "sales_rep");

    const pipelinesSeen = await listReportPipelines(rep.ctx);
    expect(pipelinesSeen.map((x) => x.objectType)).toEqual(["DEAL", "DEAL", "LEAD", "TICKET"]);
    const report = await pipelineReport(rep.ctx, pipelinesSeen.find((x) => x.id === p.id)!, { from: new Date(Date.now() - 86_400_000) });
    const by = Object.fromEntries(report.stages.map((s) => [s.name, s]));
    expect(by.Open).toMatchObject({ entries: 2, openEntries: 1, count: 1, totals: [{ currency: "USD", amount: "3000.00", weighted: "300.00" }] });
    expect(by.Proposal).toMatchObject({ entries: 1, openEntries: 1, count: 1, totals: [{ currency: "USD", amount: "1000.00", weighted: "500.00" }] });
    expect(by.Won).toMatchObject({ entries: 0, count: 0, totals: [], averageDays: null });
    expect(report.forecast.map((f) => f.month)).toEqual(["2026-05", null]);

    // A window that ends before the moves counts none of them.
    const before = await pipelineReport(rep.ctx, pipelinesSeen.find((x) => x.id === p.id)!, { from: new Date("2020-01-01"), to: new Date("2020-02-01") });
    expect(before.stages.every((s) => s.entries === 0)).toBe(true);
  });

  it("refuses another tenant's pipeline, and lists only the tenant's own", async () => {
    const { p } = await setup();
    const other = await makeTenant();
    expect((await listReportPipelines(other.ctx)).some((x) => x.id === p.id)).toBe(false);
    await expect(pipelineReport(other.ctx, { id: p.id, name: "x", objectType: "DEAL", isDefault: false, isActive: true }, {})).rejects.toMatchObject({ code: "not-found" });
  });
});
