// Dwell times from constructed stage history: each deal's history is replaced by rows
// with chosen changed_at values, so averages and medians are known in advance.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deals, stageHistory } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createRecord, deleteRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createPipeline } from "./pipeline-service";
import { pipelineDwellSummary, recordStageTimeline } from "./queries";

const DAY = 86_400_000;
const T0 = new Date(Date.now() - 30 * DAY);
const at = (days: number) => new Date(T0.getTime() + days * DAY);

/** Replaces the deal's history with moves into `path` stages at the given day offsets. */
async function history(ctx: TenantContext, dealId: string, pipelineId: string, path: [stageId: string, day: number][]) {
  await withTenant(ctx, async (tx) => {
    await tx.delete(stageHistory).where(eq(stageHistory.entityId, dealId));
    let from: string | null = null;
    for (const [stageId, day] of path) {
      await tx.insert(stageHistory).values({ tenantId: ctx.tenantId, entityType: "DEAL", entityId: dealId, pipelineId, fromStageId: from, toStageId: stageId, changedAt: at(day) });
      from = stageId;
    }
    await tx.update(deals).set({ stageId: path.at(-1)![0] }).where(eq(deals.id, dealId));
  });
}

async function setup() {
  const { ctx, tenantId } = await makeTenant();
  const p = await createPipeline(ctx, { name: "Dwell", objectType: "DEAL", stages: [{ name: "S1" }, { name: "S2" }, { name: "S3" }, { name: "Never" }] });
  const [s1, s2, s3] = p.stages.map((s) => s.id) as [string, string, string];
  const mk = (name: string) => createRecord(ctx, "DEAL", { name, pipelineId: p.id });
  const [a, b, c] = await Promise.all([mk("A"), mk("B"), mk("C")]);
  // A: S1 2d, S2 3d, S3 open since day 5 (25d) · B: S1 4d, S2 6d, S3 open since day 10 (20d) · C: S1 1d (from day 1), S2 open since day 2 (28d)
  await history(ctx, a.id, p.id, [[s1, 0], [s2, 2], [s3, 5]]);
  await history(ctx, b.id, p.id, [[s1, 0], [s2, 4], [s3, 10]]);
  await history(ctx, c.id, p.id, [[s1, 1], [s2, 2]]);
  return { ctx, tenantId, p, s1, s2, s3, a, b, c };
}

describe("pipelineDwellSummary", () => {
  it("counts entries and averages/medians the days spent per stage, open stays up to now", async () => {
    const { ctx, p } = await setup();
    const sum = await pipelineDwellSummary(ctx, p.id);
    const by = Object.fromEntries(sum.stages.map((s) => [s.name, s]));
    expect(sum.stages.map((s) => s.name)).toEqual(["S1", "S2", "S3", "Never"]);
    expect(by.S1).toMatchObject({ entries: 3, openEntries: 0, averageDays: 2.333, medianDays: 2 });
    // S2: 3, 6 and C's open 28 days
    expect(by.S2).toMatchObject({ entries: 3, openEntries: 1, medianDays: 6 });
    expect(by.S2!.averageDays).toBeCloseTo((3 + 6 + 28) / 3, 2);
    expect(by.S3).toMatchObject({ entries: 2, openEntries: 2 });
    expect(by.S3!.averageDays).toBeCloseTo(22.5, 2);
    expect(by.S3!.medianDays).toBeCloseTo(22.5, 2);
    expect(by.Never).toMatchObject({ entries: 0, openEntries: 0, averageDays: null, medianDays: null });
  });

  it("counts only entries within [from, to), measuring each stay in full", async () => {
    const { ctx, p } = await setup();
    const sum = await pipelineDwellSummary(ctx, p.id, { from: at(3), to: at(7) });
    const by = Object.fromEntries(sum.stages.map((s) => [s.name, s]));
    expect(by.S1).toMatchObject({ entries: 0, averageDays: null });
    expect(by.S2).toMatchObject({ entries: 1, averageDays: 6, medianDays: 6 }); // B entered S2 on day 4
    expect(by.S3).toMatchObject({ entries: 1, openEntries: 1 }); // A on day 5; B's day 10 is outside
    expect(by.S3!.averageDays).toBeCloseTo(25, 2);
  });

  it("ends a trashed record's open stay at its deletion", async () => {
    const { ctx, p, a } = await setup();
    await deleteRecord(ctx, "DEAL", a.id);
    await withTenant(ctx, (tx) => tx.update(deals).set({ deletedAt: at(8) }).where(eq(deals.id, a.id)));
    const by = Object.fromEntries((await pipelineDwellSummary(ctx, p.id)).stages.map((s) => [s.name, s]));
    expect(by.S3!.averageDays).toBeCloseTo((3 + 20) / 2, 2);
  });

  it("is not found for another tenant's pipeline, and readable by every role", async () => {
    const { p, tenantId } = await setup();
    const other = await makeTenant();
    await expect(pipelineDwellSummary(other.ctx, p.id)).rejects.toMatchObject({ code: "not-found" });
    const viewer = await makeMember(tenantId, "readonly");
    expect((await pipelineDwellSummary(viewer.ctx, p.id)).stages).toHaveLength(4);
  });
});

describe("recordStageTimeline", () => {
  it("lists a record's history newest first with the days spent in each stage", async () => {
    const { ctx, b, s1, s2, s3 } = await setup();
    const rows = await recordStageTimeline(ctx, "DEAL", b.id);
    expect(rows.map((r) => [r.toStageName, r.fromStageId, r.toStageId])).toEqual([
      ["S3", s2, s3],
      ["S2", s1, s2],
      ["S1", null, s1],
    ]);
    expect(rows[0]!.leftAt).toBeNull();
    expect(rows[0]!.durationDays).toBeCloseTo(20, 2);
    expect(rows[1]).toMatchObject({ durationDays: 6, leftAt: at(10), fromStageName: "S1" });
    expect(rows[2]).toMatchObject({ durationDays: 4, leftAt: at(4) });
  });

  it("is not found for another tenant's record or a trashed one", async () => {
    const { ctx, a } = await setup();
    const other = await makeTenant();
    await expect(recordStageTimeline(other.ctx, "DEAL", a.id)).rejects.toMatchObject({ code: "not-found" });
    await deleteRecord(ctx, "DEAL", a.id);
    await expect(recordStageTimeline(ctx, "DEAL", a.id)).rejects.toMatchObject({ code: "not-found" });
  });
});
