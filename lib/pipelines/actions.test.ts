// Settings → Pipelines actions and the record page's stage picker, through the real action
// client: permission, validation, a refused move as the browser sees it, and that a
// refusal changes nothing.
import { describe, expect, it, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createRecord, getRecord } from "@/lib/records/service";
import {
  addStageAction,
  createPipelineAction,
  deletePipelineAction,
  deleteStageAction,
  moveStageAction,
  reorderPipelinesAction,
  reorderStagesAction,
  updatePipelineAction,
  updateStageAction,
} from "./actions";
import { updatePipeline } from "./pipeline-service";
import { listPipelines } from "./queries";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

async function setup() {
  const f = await tenantWithRoles();
  const pipeline = (await listPipelines(f.ctx, "DEAL"))[0]!;
  const [first, second, third] = pipeline.stages;
  const deal = await createRecord(f.ctx, "DEAL", { name: "Acme renewal", amount: "1000" });
  return { ...f, pipeline, first: first!, second: second!, third: third!, deal };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => ({ pipelines: await listPipelines(f.ctx), deal: (await getRecord(f.ctx, "DEAL", f.deal.id)).stageId });

describe("pipeline actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      { action: "createPipelineAction", refused: () => createPipelineAction({ name: "Renewals", objectType: "DEAL" }), invalid: { call: () => createPipelineAction({ name: "", objectType: "SHIP" as never }), paths: ["name", "objectType"] } },
      { action: "updatePipelineAction", refused: (f) => updatePipelineAction({ pipelineId: f.pipeline.id, name: "New sales" }), invalid: { call: (f) => updatePipelineAction({ pipelineId: f.pipeline.id, movementMode: "STRICT" as never }), paths: ["movementMode"] } },
      { action: "reorderPipelinesAction", refused: (f) => reorderPipelinesAction({ objectType: "DEAL", pipelineIds: [f.pipeline.id] }), invalid: { call: () => reorderPipelinesAction({ objectType: "DEAL", pipelineIds: [] }), paths: ["pipelineIds"] } },
      { action: "deletePipelineAction", refused: (f) => deletePipelineAction({ pipelineId: f.pipeline.id }), invalid: { call: () => deletePipelineAction({ pipelineId: "sales" }), paths: ["pipelineId"] } },
      { action: "addStageAction", refused: (f) => addStageAction({ pipelineId: f.pipeline.id, name: "Demo" }), invalid: { call: (f) => addStageAction({ pipelineId: f.pipeline.id, name: "Demo", probability: 2 }), paths: ["probability"] } },
      { action: "updateStageAction", refused: (f) => updateStageAction({ pipelineId: f.pipeline.id, stageId: f.first.id, name: "Discovery" }), invalid: { call: (f) => updateStageAction({ pipelineId: f.pipeline.id, stageId: f.first.id, color: "blue" }), paths: ["color"] } },
      { action: "reorderStagesAction", refused: (f) => reorderStagesAction({ pipelineId: f.pipeline.id, stageIds: [f.second.id, f.first.id] }), invalid: { call: (f) => reorderStagesAction({ pipelineId: f.pipeline.id, stageIds: ["first"] }), paths: ["stageIds[0]"] } },
      { action: "deleteStageAction", refused: (f) => deleteStageAction({ pipelineId: f.pipeline.id, stageId: f.third.id }), invalid: { call: (f) => deleteStageAction({ pipelineId: f.pipeline.id, stageId: "" }), paths: ["stageId"] } },
      {
        action: "moveStageAction",
        refused: (f) => moveStageAction({ kind: "DEAL", id: f.deal.id, move: { toStageId: f.second.id } }),
        invalid: { call: (f) => moveStageAction({ kind: "DEAL", id: f.deal.id, move: { toStageId: "next" } }), paths: ["move.toStageId"] },
      },
    ],
  });

  it("a move the pipeline refuses comes back with its code and the allowed stages, and changes nothing", async () => {
    const f = await setup();
    await updatePipeline(f.ctx, f.pipeline.id, { movementMode: "ENFORCED" });
    signedIn.claims = f.claims.admin;
    const r = await moveStageAction({ kind: "DEAL", id: f.deal.id, move: { toStageId: f.third.id } });
    expect(r?.serverError).toMatchObject({ code: "movement-not-allowed", allowedStageIds: expect.arrayContaining([f.second.id]) });
    expect((await getRecord(f.ctx, "DEAL", f.deal.id)).stageId).toBe(f.first.id);
    expect((await moveStageAction({ kind: "DEAL", id: f.deal.id, move: { toStageId: f.second.id } }))?.data).toMatchObject({ stageId: f.second.id });
  });
});
