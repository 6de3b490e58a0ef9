// The board's actions, bound to a kind by the page, through the real action client.
import { describe, expect, it, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import { actionFailure } from "@/lib/action-result";
import type { SessionClaims } from "@/lib/auth/session";
import { listPipelines } from "@/lib/pipelines/queries";
import { listRecords } from "@/lib/records/queries";
import { createRecord } from "@/lib/records/service";
import { moveOnBoardAction, quickCreateAction } from "./actions";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const moveDeal = moveOnBoardAction.bind(null, "DEAL");
const createDeal = quickCreateAction.bind(null, "DEAL");

async function setup() {
  const f = await tenantWithRoles();
  const pipeline = (await listPipelines(f.ctx, "DEAL"))[0]!;
  const deal = await createRecord(f.ctx, "DEAL", { name: "Acme renewal" });
  return { ...f, pipeline, stages: pipeline.stages, deal };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => (await listRecords(f.ctx, "DEAL", {})).data.map((d) => ({ id: d.id, stageId: d.stageId, position: d.position }));

describe("board actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      {
        action: "moveOnBoardAction",
        refused: (f) => moveDeal({ id: f.deal.id, move: { toStageId: f.stages[1]!.id } }),
        invalid: { call: (f) => moveDeal({ id: f.deal.id, move: { toStageId: "Qualification", lostReason: "" } }), paths: ["move.toStageId", "move.lostReason"] },
      },
      {
        action: "quickCreateAction",
        refused: (f) => createDeal({ pipelineId: f.pipeline.id, stageId: f.stages[0]!.id, title: "Globex" }),
        invalid: { call: (f) => createDeal({ pipelineId: f.pipeline.id, stageId: f.stages[0]!.id, title: "  " }), paths: ["title"] },
      },
    ],
  });

  it("a kind the page did not bind (a tampered request) is a validation error, and nothing is written", async () => {
    const f = await setup();
    signedIn.claims = f.claims.admin;
    const r = await quickCreateAction("SHIP" as never, { pipelineId: f.pipeline.id, stageId: f.stages[0]!.id, title: "Globex" });
    expect(actionFailure(r)).toMatchObject({ code: "validation", issues: [expect.objectContaining({ path: "bindArgs[0]" })] });
    expect(await state(f)).toHaveLength(1);
  });

  it("a service's own refusal (a bad amount) comes back as a validation error naming the field", async () => {
    const f = await setup();
    signedIn.claims = f.claims.admin;
    const r = await createDeal({ pipelineId: f.pipeline.id, stageId: f.stages[0]!.id, title: "Globex", amount: "lots" });
    expect(r?.serverError).toMatchObject({ code: "validation", errors: [expect.objectContaining({ path: "amount" })] });
    expect(await state(f)).toHaveLength(1);
  });
});
