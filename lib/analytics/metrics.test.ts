// Pipeline metrics against Postgres, compared with an independent computation in memory
// over a generated history (moves backward, reopened deals, deals moved between pipelines,
// deletions), for periods in the workspace's time zone.
import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { shiftDay } from "@/lib/days";
import { createRecord, deleteRecord } from "@/lib/records/service";
import { updateWorkspace } from "@/lib/workspace/service";
import { zonedDayOf } from "@/lib/workspace/zone";
import { pipelineMetrics } from "./metrics";
import { dayPeriod } from "./period";
import { expectedMetrics, generateDealHistory } from "./testing";

const money = (v: string | null) => (v === null ? null : Number(v));

describe("pipelineMetrics", () => {
  it("equals an independent computation over generated history, for several periods and both pipelines", async () => {
    const t = await makeTenant("Metrics Co");
    await updateWorkspace(t.ctx, { timeZone: "America/New_York" });
    const now = new Date();
    const world = await generateDealHistory(t.ctx, { seed: 18, count: 120, days: 240, now });
    const today = zonedDayOf(now, "America/New_York");
    const periods = [
      { from: shiftDay(today, -89), to: today },
      { from: shiftDay(today, -179), to: shiftDay(today, -90) },
      { from: shiftDay(today, -30), to: shiftDay(today, -30) },
      { from: shiftDay(today, -400), to: shiftDay(today, -120) },
    ];
    let sawBackward = false;
    for (const pipelineId of [world.mainPipelineId, world.otherPipelineId]) {
      for (const range of periods) {
        const got = await pipelineMetrics(t.ctx, pipelineId, range);
        const p = dayPeriod(range, "America/New_York");
        expect(got.periodStart).toBe(p.start.toISOString());
        const want = expectedMetrics(world, pipelineId, p.start, p.end, new Date());
        const label = `${pipelineId === world.mainPipelineId ? "main" : "other"} ${range.from}..${range.to}`;
        expect({ created: got.created, won: got.won, lost: got.lost, active: got.active, movedForward: got.movedForward, movedBackward: got.movedBackward, winRate: got.winRate }, label).toEqual({
          created: want.created,
          won: want.won,
          lost: want.lost,
          active: want.active,
          movedForward: want.movedForward,
          movedBackward: want.movedBackward,
          winRate: want.winRate,
        });
        expect(money(got.pipelineValue), label).toBeCloseTo(want.pipelineValue, 2);
        expect(money(got.weightedValue), label).toBeCloseTo(want.weightedValue, 1);
        expect(money(got.wonValue), label).toBeCloseTo(want.wonValue, 2);
        expect(money(got.lostValue), label).toBeCloseTo(want.lostValue, 2);
        if (want.won) expect(money(got.averageDealSize), label).toBeCloseTo(want.wonValue / want.won, 1);
        else expect(got.averageDealSize).toBeNull();
        if (want.averageCycleDays === null) expect(got.averageCycleDays).toBeNull();
        else expect(got.averageCycleDays, label).toBeCloseTo(want.averageCycleDays, 2);
        expect(got.stages.map((s) => s.stageId)).toEqual(want.stages.map((s) => s.stageId));
        got.stages.forEach((s, i) => {
          const w = want.stages[i]!;
          expect({ entered: s.entered, exited: s.exited }, `${label} stage ${i}`).toEqual({ entered: w.entered, exited: w.exited });
          if (w.conversionToNext === null) expect(s.conversionToNext, `${label} stage ${i}`).toBeNull();
          else expect(s.conversionToNext, `${label} stage ${i}`).toBeCloseTo(w.conversionToNext, 6);
          if (w.averageDays === null) expect(s.averageDays).toBeNull();
          // open stays count up to now: the in-memory "now" was taken a moment after the query's
          else expect(s.averageDays, `${label} stage ${i}`).toBeCloseTo(w.averageDays, 1);
        });
        sawBackward ||= got.movedBackward > 0;
      }
    }
    // the generated history exercised what it is for
    expect(sawBackward).toBe(true);
    expect(world.deals.some((d) => d.deletedAt)).toBe(true);
    expect(world.deals.some((d) => new Set(d.rows.map((r) => r.pipelineId)).size > 1)).toBe(true);
  }, 60_000);

  it("counts a deal created and won today in today's period, and a deleted one nowhere", async () => {
    const t = await makeTenant("Today Co");
    const deal = await createRecord(t.ctx, "DEAL", { name: "Quick win", amount: "1000.00" });
    const gone = await createRecord(t.ctx, "DEAL", { name: "Gone", amount: "5.00" });
    await deleteRecord(t.ctx, "DEAL", gone.id);
    const m = await pipelineMetrics(t.ctx, deal.pipelineId as string, {});
    expect(m).toMatchObject({ created: 1, active: 1, won: 0, pipelineValue: "1000.00", winRate: null, timeZone: "UTC" });
    expect(m.stages[0]).toMatchObject({ entered: 1, exited: 0 });
  });

  it("answers counts only for a lead pipeline, and 404 for another tenant's pipeline", async () => {
    const t = await makeTenant("Leads Co");
    const lead = await createRecord(t.ctx, "LEAD", { firstName: "Lou" });
    const m = await pipelineMetrics(t.ctx, lead.pipelineId as string, {});
    expect(m).toMatchObject({ created: 1, active: 1, pipelineValue: null, wonValue: null, averageDealSize: null });
    const other = await makeTenant("Other Co");
    await expect(pipelineMetrics(other.ctx, lead.pipelineId as string, {})).rejects.toMatchObject({ code: "not-found" });
    const rep = await makeMember(t.tenantId, "readonly");
    await expect(pipelineMetrics(rep.ctx, lead.pipelineId as string, {})).resolves.toMatchObject({ created: 1 });
  });
});
