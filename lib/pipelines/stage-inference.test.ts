import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createPipeline } from "./pipeline-service";
import { addStage } from "./stage-service";
import { doneStateFromName, inferStageState, LOST_COLOR, stageColorFor, WON_COLOR } from "./stage-inference";

describe("stage state from the name", () => {
  it.each([
    ["Won", 3, "DONE_SUCCESS"],
    ["Closed Won", 4, "DONE_SUCCESS"],
    ["Converted", 3, "DONE_SUCCESS"],
    ["Resolved", 3, "DONE_SUCCESS"],
    ["Lost", 4, "DONE_FAILED"],
    ["Closed Lost", 5, "DONE_FAILED"],
    ["Closed Unresolved", 4, "DONE_FAILED"],
    ["Disqualified", 4, "DONE_FAILED"],
    ["Qualified", 0, "NOT_STARTED"],
    ["Proposal", 1, "IN_PROGRESS"],
    ["Winning strategy review", 2, "IN_PROGRESS"],
    ["Glossary", 2, "IN_PROGRESS"],
  ] as const)("%s at %i is %s", (name, index, state) => {
    expect(inferStageState(name, index)).toBe(state);
  });

  it("colours follow the state: won green, lost red, open stages never green or red", () => {
    expect(stageColorFor("DONE_SUCCESS", 0)).toBe(WON_COLOR);
    expect(stageColorFor("DONE_FAILED", 4)).toBe(LOST_COLOR);
    for (let i = 0; i < 20; i++) expect([WON_COLOR, LOST_COLOR]).not.toContain(stageColorFor("IN_PROGRESS", i));
    expect(doneStateFromName("Negotiation")).toBeNull();
  });
});

describe("stages created without a state", () => {
  it("a new pipeline's Won and Lost stages are done, green and red; an added Lost stage too", async () => {
    const { ctx } = await makeTenant();
    const p = await createPipeline(ctx, { name: "Partners", objectType: "DEAL", stages: [{ name: "Intro" }, { name: "Won" }, { name: "Lost" }] });
    expect(p.stages.map((s) => [s.name, s.stageState, s.color, s.probability])).toEqual([
      ["Intro", "NOT_STARTED", "#6B7280", 0],
      ["Won", "DONE_SUCCESS", WON_COLOR, 1],
      ["Lost", "DONE_FAILED", LOST_COLOR, 0],
    ]);
    const added = await addStage(ctx, p.id, { name: "Churned" });
    expect(added).toMatchObject({ stageState: "DONE_FAILED", color: LOST_COLOR });
  });
});
