import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deals, pipelineStages, stageHistory } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createRecord, deleteRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { moveRecord } from "./move-record";
import { createPipeline, deletePipeline, reorderPipelines, updatePipeline } from "./pipeline-service";
import { getPipeline, listPipelines } from "./queries";
import { addStage, deleteStage, reorderStages, updateStage } from "./stage-service";

const STAGES = [
  { name: "Discovery" },
  { name: "Demo", stageState: "IN_PROGRESS" as const, probability: "0.3", requiredFields: ["amount"] },
  { name: "Contract", stageState: "IN_PROGRESS" as const, probability: 0.7, color: "#112233", expectedDays: 10 },
  { name: "Won", stageState: "DONE_SUCCESS" as const },
  { name: "Lost", stageState: "DONE_FAILED" as const, inheritPipelineActions: false },
];

async function enterprise(ctx: TenantContext, extra: Record<string, unknown> = {}) {
  return createPipeline(ctx, { name: "Enterprise", objectType: "DEAL", movementMode: "ENFORCED", stages: STAGES, ...extra });
}

const defaultDealPipeline = async (ctx: TenantContext) => (await listPipelines(ctx, "DEAL")).find((p) => p.isDefault)!;

describe("createPipeline", () => {
  it("creates a pipeline with its stages in order, appended after the existing ones, with defaults that fit each state", async () => {
    const { ctx } = await makeTenant();
    const p = await enterprise(ctx);
    expect(p).toMatchObject({ name: "Enterprise", objectType: "DEAL", pipelineKey: "enterprise", movementMode: "ENFORCED", isActive: true, isDefault: false, displayOrder: 1 });
    expect(p.stages.map((s) => [s.name, s.displayOrder, s.stageState, s.probability])).toEqual([
      ["Discovery", 0, "NOT_STARTED", 0],
      ["Demo", 1, "IN_PROGRESS", 0.3],
      ["Contract", 2, "IN_PROGRESS", 0.7],
      ["Won", 3, "DONE_SUCCESS", 1],
      ["Lost", 4, "DONE_FAILED", 0],
    ]);
    expect(p.stages[1]!.requiredFields).toEqual(["amount"]);
    expect(p.stages[2]).toMatchObject({ color: "#112233", expectedDays: 10 });
    expect(p.stages[4]!.inheritPipelineActions).toBe(false);
    const legacy = await withTenant(ctx, (tx) => tx.select({ name: pipelineStages.name, type: pipelineStages.stageType }).from(pipelineStages).where(eq(pipelineStages.pipelineId, p.id)));
    expect(Object.fromEntries(legacy.map((r) => [r.name, r.type]))).toEqual({ Discovery: "OPEN", Demo: "OPEN", Contract: "OPEN", Won: "SUCCESS", Lost: "FAILED" });

    // a second one with the same name gets a free derived key and the next position
    const again = await createPipeline(ctx, { name: "Enterprise", objectType: "DEAL" });
    expect(again).toMatchObject({ pipelineKey: "enterprise-2", displayOrder: 2, stages: [] });
    expect((await listPipelines(ctx, "DEAL")).map((x) => x.name)).toEqual(["Sales Pipeline", "Enterprise", "Enterprise"]);
  });

  it("refuses an explicit key already used for the same object type (409), but not for another object type", async () => {
    const { ctx } = await makeTenant();
    await expect(createPipeline(ctx, { name: "Sales 2", objectType: "DEAL", pipelineKey: "sales" })).rejects.toMatchObject({
      code: "conflict",
      extensions: { errors: [{ path: "pipelineKey" }] },
    });
    const lead = await createPipeline(ctx, { name: "Sales leads", objectType: "LEAD", pipelineKey: "sales" });
    expect(lead.pipelineKey).toBe("sales");
    const other = await createPipeline(ctx, { name: "Other", objectType: "DEAL", pipelineKey: "other" });
    await expect(updatePipeline(ctx, other.id, { pipelineKey: "sales" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("validates stages: unknown required fields and duplicate names are 422 with paths", async () => {
    const { ctx } = await makeTenant();
    await expect(
      createPipeline(ctx, { name: "Bad", objectType: "TICKET", stages: [{ name: "A", requiredFields: ["priority", "amount"] }, { name: "a" }] }),
    ).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [{ path: "stages[0].requiredFields[1]" }, { path: "stages[1].name" }] },
    });
    expect((await listPipelines(ctx, "TICKET")).map((p) => p.name)).toEqual(["Support"]);
  });

  it("appends concurrent creates of one object type to distinct positions", async () => {
    const { ctx } = await makeTenant();
    const [existing] = await listPipelines(ctx, "LEAD");
    const made = await Promise.all(["A", "B", "C"].map((name) => createPipeline(ctx, { name, objectType: "LEAD" })));
    const base = existing!.displayOrder;
    expect(new Set(made.map((p) => p.displayOrder))).toEqual(new Set([base + 1, base + 2, base + 3]));
  });

  it("makes the first pipeline of an object type its default", async () => {
    const { ctx } = await makeTenant();
    const first = await createPipeline(ctx, { name: "Onboarding", objectType: "COMPANY" });
    const second = await createPipeline(ctx, { name: "Renewals", objectType: "COMPANY" });
    expect([first.isDefault, second.isDefault]).toEqual([true, false]);
  });
});

describe("default pipeline switching", () => {
  it("setting a default unsets the previous one in the same transaction; new deals go to the new default", async () => {
    const { ctx } = await makeTenant();
    const sales = await defaultDealPipeline(ctx);
    const p = await enterprise(ctx, { isDefault: true });
    expect(p.isDefault).toBe(true);
    expect((await getPipeline(ctx, sales.id)).isDefault).toBe(false);
    const deal = await createRecord(ctx, "DEAL", { name: "Goes to the new default" });
    expect(deal).toMatchObject({ pipelineId: p.id, stageId: p.stages[0]!.id });

    const back = await updatePipeline(ctx, sales.id, { isDefault: true });
    expect(back.isDefault).toBe(true);
    expect((await listPipelines(ctx, "DEAL")).filter((x) => x.isDefault).map((x) => x.id)).toEqual([sales.id]);
  });

  it("refuses to unset, deactivate or delete the default (409) and changes nothing", async () => {
    const { ctx } = await makeTenant();
    const sales = await defaultDealPipeline(ctx);
    await expect(updatePipeline(ctx, sales.id, { isDefault: false })).rejects.toMatchObject({ code: "conflict", extensions: { errors: [{ path: "isDefault" }] } });
    await expect(updatePipeline(ctx, sales.id, { isActive: false, name: "Renamed" })).rejects.toMatchObject({ code: "conflict", extensions: { errors: [{ path: "isActive" }] } });
    await expect(deletePipeline(ctx, sales.id)).rejects.toMatchObject({ code: "conflict" });
    expect(await getPipeline(ctx, sales.id)).toMatchObject({ name: "Sales Pipeline", isActive: true, isDefault: true });
    const inactive = await createPipeline(ctx, { name: "Dormant", objectType: "DEAL", isActive: false });
    await expect(updatePipeline(ctx, inactive.id, { isDefault: true })).rejects.toMatchObject({ code: "conflict" });
    expect((await updatePipeline(ctx, inactive.id, { isDefault: true, isActive: true })).isDefault).toBe(true);
  });

  it("updates name, key, description and movement mode", async () => {
    const { ctx } = await makeTenant();
    const p = await createPipeline(ctx, { name: "X", objectType: "DEAL" });
    const u = await updatePipeline(ctx, p.id, { name: "Channel", pipelineKey: "channel", movementMode: "ENFORCED", description: "Partner deals" });
    expect(u).toMatchObject({ name: "Channel", pipelineKey: "channel", movementMode: "ENFORCED", description: "Partner deals" });
  });

  it("reorders the pipelines of an object type; the list must name each exactly once", async () => {
    const { ctx } = await makeTenant();
    const sales = await defaultDealPipeline(ctx);
    const p = await enterprise(ctx);
    const reordered = await reorderPipelines(ctx, { objectType: "DEAL", pipelineIds: [p.id, sales.id] });
    expect(reordered.map((x) => [x.id, x.displayOrder])).toEqual([[p.id, 0], [sales.id, 1]]);
    await expect(reorderPipelines(ctx, { objectType: "DEAL", pipelineIds: [p.id] })).rejects.toMatchObject({ code: "validation", extensions: { errors: [{ path: "pipelineIds" }] } });
    await expect(reorderPipelines(ctx, { objectType: "DEAL", pipelineIds: [p.id, p.id] })).rejects.toMatchObject({ code: "validation" });
  });
});

describe("stages", () => {
  it("adds (appended), patches with the legacy type in step, and validates required fields against the object type", async () => {
    const { ctx } = await makeTenant();
    const p = await enterprise(ctx);
    const s = await addStage(ctx, p.id, { name: "Legal review", requiredFields: ["closeDate", "customFields.budget"] });
    expect(s).toMatchObject({ displayOrder: 5, stageState: "NOT_STARTED", requiredFields: ["closeDate", "customFields.budget"] });

    const patched = await updateStage(ctx, p.id, s.id, { name: "Legal", stageState: "IN_PROGRESS", probability: "0.85", color: "#abcdef", expectedDays: 7, inheritPipelineActions: false });
    expect(patched).toMatchObject({ name: "Legal", stageState: "IN_PROGRESS", probability: 0.85, color: "#abcdef", expectedDays: 7, inheritPipelineActions: false });
    await updateStage(ctx, p.id, s.id, { stageState: "DONE_FAILED" });
    const [row] = await withTenant(ctx, (tx) => tx.select().from(pipelineStages).where(eq(pipelineStages.id, s.id)));
    expect(row).toMatchObject({ stageState: "DONE_FAILED", stageType: "FAILED" });
    expect((await updateStage(ctx, p.id, s.id, { expectedDays: null })).expectedDays).toBeNull();

    await expect(updateStage(ctx, p.id, s.id, { requiredFields: ["amount", "subject"] })).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [{ path: "requiredFields[1]", message: "subject is not a field of a deal" }] },
    });
    await expect(updateStage(ctx, p.id, s.id, { requiredFields: ["customFields.not valid"] })).rejects.toMatchObject({ code: "validation" });
    await expect(updateStage(ctx, p.id, s.id, { name: "demo" })).rejects.toMatchObject({ code: "validation", extensions: { errors: [{ path: "name" }] } });
    await expect(updateStage(ctx, p.id, s.id, { probability: 1.5 })).rejects.toThrow();
    await expect(updateStage(ctx, p.id, s.id, { color: "red" })).rejects.toThrow();
    await expect(updateStage(ctx, p.id, s.id, { expectedDays: 0 })).rejects.toThrow();
  });

  it("a required field set on a stage is enforced by moveRecord", async () => {
    const { ctx } = await makeTenant();
    const sales = await defaultDealPipeline(ctx);
    const qualification = sales.stages[1]!;
    await updateStage(ctx, sales.id, qualification.id, { requiredFields: ["closeDate"] });
    const deal = await createRecord(ctx, "DEAL", { name: "No date" });
    await expect(moveRecord(ctx, "DEAL", deal.id, { toStageId: qualification.id })).rejects.toMatchObject({ code: "required-fields-missing", extensions: { missingFields: ["closeDate"] } });
  });

  it("refuses changing the state of a stage that holds records (409 with the count)", async () => {
    const { ctx } = await makeTenant();
    const sales = await defaultDealPipeline(ctx);
    await createRecord(ctx, "DEAL", { name: "Sits in Prospecting" });
    await expect(updateStage(ctx, sales.id, sales.stages[0]!.id, { stageState: "DONE_SUCCESS" })).rejects.toMatchObject({ code: "conflict", extensions: { recordCount: 1 } });
    expect((await updateStage(ctx, sales.id, sales.stages[0]!.id, { name: "Prospect", probability: 0.05 })).probability).toBe(0.05);
  });

  it("reorders stages with every id exactly once (422 otherwise); moves then follow the new order", async () => {
    const { ctx } = await makeTenant();
    const p = await enterprise(ctx);
    const ids = p.stages.map((s) => s.id);
    const swapped = [ids[0]!, ids[2]!, ids[1]!, ids[3]!, ids[4]!];
    const after = await reorderStages(ctx, p.id, { stageIds: swapped });
    expect(after.stages.map((s) => s.id)).toEqual(swapped);
    expect(after.stages.map((s) => s.displayOrder)).toEqual([0, 1, 2, 3, 4]);
    for (const bad of [ids.slice(1), [...ids, ids[0]!], [...ids.slice(1), ids[1]!], [...ids.slice(1), crypto.randomUUID()]]) {
      await expect(reorderStages(ctx, p.id, { stageIds: bad })).rejects.toMatchObject({ code: "validation" });
    }
    expect((await getPipeline(ctx, p.id)).stages.map((s) => s.id)).toEqual(swapped);

    // ENFORCED: from Discovery the next stage is now Contract
    const deal = await createRecord(ctx, "DEAL", { name: "Ordered", pipelineId: p.id });
    await expect(moveRecord(ctx, "DEAL", deal.id, { toStageId: ids[1]! })).rejects.toMatchObject({ code: "movement-not-allowed" });
    expect((await moveRecord(ctx, "DEAL", deal.id, { toStageId: ids[2]! })).record.stageId).toBe(ids[2]);
  });

  it("refuses deleting a stage that holds records (409 with recordCount) or the last stage; deletes an emptied one", async () => {
    const { ctx } = await makeTenant();
    const p = await enterprise(ctx);
    const [discovery, demo, contract] = p.stages;
    const a = await createRecord(ctx, "DEAL", { name: "A", pipelineId: p.id });
    await createRecord(ctx, "DEAL", { name: "B", pipelineId: p.id });
    await expect(deleteStage(ctx, p.id, discovery!.id)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("2 records are still in this stage"),
      extensions: { recordCount: 2 },
    });

    // A passes through Demo and moves on; a trashed deal sits in Demo
    await withTenant(ctx, (tx) => tx.update(deals).set({ amount: "10" }).where(eq(deals.id, a.id)));
    await moveRecord(ctx, "DEAL", a.id, { toStageId: demo!.id });
    await moveRecord(ctx, "DEAL", a.id, { toStageId: contract!.id });
    const trashed = await createRecord(ctx, "DEAL", { name: "Trashed", pipelineId: p.id, amount: "5" });
    await moveRecord(ctx, "DEAL", trashed.id, { toStageId: demo!.id });
    await deleteRecord(ctx, "DEAL", trashed.id);

    await deleteStage(ctx, p.id, demo!.id);
    const after = await getPipeline(ctx, p.id);
    expect(after.stages.map((s) => [s.name, s.displayOrder])).toEqual([["Discovery", 0], ["Contract", 1], ["Won", 2], ["Lost", 3]]);
    const [t] = await withTenant(ctx, (tx) => tx.select({ stageId: deals.stageId }).from(deals).where(eq(deals.id, trashed.id)));
    expect(t!.stageId).toBe(discovery!.id);
    const history = await withTenant(ctx, (tx) => tx.select().from(stageHistory).where(and(eq(stageHistory.entityId, a.id))));
    expect(history).toHaveLength(3);
    expect(history.some((h) => h.toStageId === demo!.id || h.fromStageId === demo!.id)).toBe(false);

    const single = await createPipeline(ctx, { name: "Single", objectType: "DEAL", stages: [{ name: "Only" }] });
    await expect(deleteStage(ctx, single.id, single.stages[0]!.id)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("deletePipeline", () => {
  it("refuses a pipeline records still use (409 with the count), deletes an unused one", async () => {
    const { ctx } = await makeTenant();
    const p = await enterprise(ctx);
    const d = await createRecord(ctx, "DEAL", { name: "In use", pipelineId: p.id });
    await expect(deletePipeline(ctx, p.id)).rejects.toMatchObject({ code: "conflict", extensions: { recordCount: 1 } });
    await deleteRecord(ctx, "DEAL", d.id);
    await deletePipeline(ctx, p.id);
    await expect(getPipeline(ctx, p.id)).rejects.toMatchObject({ code: "not-found" });
  });
});

describe("permissions and tenancy", () => {
  it("only admins manage pipelines; every role reads them", async () => {
    const { ctx, tenantId } = await makeTenant();
    const manager = await makeMember(tenantId, "manager");
    const viewer = await makeMember(tenantId, "readonly");
    const sales = await defaultDealPipeline(ctx);
    await expect(createPipeline(manager.ctx, { name: "Nope", objectType: "DEAL" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateStage(manager.ctx, sales.id, sales.stages[0]!.id, { name: "Nope" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await listPipelines(viewer.ctx, "DEAL")).map((p) => p.id)).toEqual([sales.id]);
  });

  it("tenant A cannot read, patch or delete tenant B's pipeline or stages: not found, and B's stays unchanged", async () => {
    const a = await makeTenant("A");
    const b = await makeTenant("B");
    const bp = await enterprise(b.ctx);
    const bs = bp.stages[0]!;
    const ap = await defaultDealPipeline(a.ctx);
    const attempts: [string, () => Promise<unknown>][] = [
      ["get", () => getPipeline(a.ctx, bp.id)],
      ["update", () => updatePipeline(a.ctx, bp.id, { name: "pwned" })],
      ["delete", () => deletePipeline(a.ctx, bp.id)],
      ["addStage", () => addStage(a.ctx, bp.id, { name: "pwned" })],
      ["updateStage", () => updateStage(a.ctx, bp.id, bs.id, { name: "pwned" })],
      ["updateStage via own pipeline", () => updateStage(a.ctx, ap.id, bs.id, { name: "pwned" })],
      ["deleteStage", () => deleteStage(a.ctx, bp.id, bs.id)],
      ["deleteStage via own pipeline", () => deleteStage(a.ctx, ap.id, bs.id)],
      ["reorder", () => reorderStages(a.ctx, bp.id, { stageIds: bp.stages.map((s) => s.id) })],
    ];
    for (const [what, run] of attempts) await expect(run(), what).rejects.toMatchObject({ code: "not-found" });
    await expect(reorderPipelines(a.ctx, { objectType: "DEAL", pipelineIds: [ap.id, bp.id] })).rejects.toMatchObject({ code: "validation" });
    expect(await getPipeline(b.ctx, bp.id)).toEqual(bp);
    expect((await listPipelines(a.ctx, "DEAL")).map((p) => p.id)).toEqual([ap.id]);
  });
});
