import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createRecord } from "@/lib/records/service";
import { createPipeline } from "./pipeline-service";
import { listPipelines } from "./queries";
import { updateStages } from "./stage-service";

describe("updateStages (the stage editor's one Save)", () => {
  it("saves several stages at once, and two stages may swap names", async () => {
    const { ctx } = await makeTenant();
    const p = await createPipeline(ctx, { name: "Swap", objectType: "DEAL", stages: [{ name: "A" }, { name: "B" }, { name: "C" }] });
    const [a, b, c] = p.stages;
    await updateStages(ctx, p.id, { stages: [{ stageId: a!.id, name: "B", probability: "0.2" }, { stageId: b!.id, name: "A" }, { stageId: c!.id, expectedDays: 9 }] });
    const after = (await listPipelines(ctx, "DEAL")).find((x) => x.id === p.id)!;
    expect(after.stages.map((s) => [s.name, s.probability, s.expectedDays])).toEqual([["B", 0.2, null], ["A", 0, null], ["C", 0, 9]]);
  });

  it("is all or nothing: a refused stage names itself and nothing else changes", async () => {
    const { ctx } = await makeTenant();
    const p = await createPipeline(ctx, { name: "Busy", objectType: "DEAL", stages: [{ name: "Open" }, { name: "Later" }] });
    await createRecord(ctx, "DEAL", { name: "Held", pipelineId: p.id, stageId: p.stages[0]!.id });
    await expect(
      updateStages(ctx, p.id, { stages: [{ stageId: p.stages[1]!.id, probability: "0.5" }, { stageId: p.stages[0]!.id, stageState: "DONE_FAILED" }] }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/^Stage Open: 1 record is still in this stage/), extensions: { errors: [{ path: "stages[1].stageState" }] } });
    await expect(updateStages(ctx, p.id, { stages: [{ stageId: p.stages[1]!.id, name: "open" }] })).rejects.toMatchObject({ code: "validation" });
    const after = (await listPipelines(ctx, "DEAL")).find((x) => x.id === p.id)!;
    expect(after.stages.map((s) => [s.name, s.probability])).toEqual([["Open", 0], ["Later", 0]]);
  });

  it("is for admins only", async () => {
    const t = await makeTenant();
    const p = await createPipeline(t.ctx, { name: "Mine", objectType: "DEAL", stages: [{ name: "One" }] });
    const manager = await makeMember(t.tenantId, "manager");
    await expect(updateStages(manager.ctx, p.id, { stages: [{ stageId: p.stages[0]!.id, name: "Two" }] })).rejects.toMatchObject({ code: "forbidden" });
  });
});
