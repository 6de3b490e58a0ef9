import { describe, expect, it } from "vitest";
import { allowedTargets, checkMove, missingRequiredFields, type RuleStage, type StageState } from "./rules";

const stage = (id: string, displayOrder: number, stageState: StageState = "IN_PROGRESS", requiredFields: string[] = []): RuleStage => ({ id, name: id, displayOrder, stageState, requiredFields });

// A, B, C, D in progress; W won; L1, L2 lost (L1 sits in the middle of the order on purpose)
const STAGES = [stage("A", 0, "NOT_STARTED"), stage("B", 1), stage("L1", 2, "DONE_FAILED"), stage("C", 3), stage("D", 4), stage("W", 5, "DONE_SUCCESS"), stage("L2", 6, "DONE_FAILED")];

describe("allowedTargets", () => {
  it("FLEXIBLE: any stage but the current one", () => {
    expect(allowedTargets({ mode: "FLEXIBLE", stages: STAGES, currentStageId: "B" })).toEqual(["A", "L1", "C", "D", "W", "L2"]);
  });

  it.each([
    ["A", ["B", "L1", "L2"]],
    ["B", ["A", "L1", "C", "L2"]], // next skips the DONE_FAILED stage L1
    ["C", ["B", "L1", "D", "L2"]], // previous skips L1 too
    ["D", ["L1", "C", "W", "L2"]],
    ["W", ["D"]], // from DONE_SUCCESS: only back one step, no failing
  ])("ENFORCED from %s → %j", (current, expected) => {
    expect(allowedTargets({ mode: "ENFORCED", stages: STAGES, currentStageId: current })).toEqual(expected);
  });

  it("ENFORCED from DONE_FAILED: only the stage it left, or the first stage without history", () => {
    expect(allowedTargets({ mode: "ENFORCED", stages: STAGES, currentStageId: "L2", returnStageId: "C" })).toEqual(["C"]);
    expect(allowedTargets({ mode: "ENFORCED", stages: STAGES, currentStageId: "L1", returnStageId: null })).toEqual(["A"]);
  });

  it("orders by displayOrder, not by array order", () => {
    const shuffled = [STAGES[3]!, STAGES[0]!, STAGES[6]!, STAGES[1]!, STAGES[5]!, STAGES[2]!, STAGES[4]!];
    expect(allowedTargets({ mode: "ENFORCED", stages: shuffled, currentStageId: "B" })).toEqual(["A", "L1", "C", "L2"]);
  });
});

describe("checkMove", () => {
  it("refuses a skip in ENFORCED and names the allowed stages", () => {
    const v = checkMove({ mode: "ENFORCED", stages: STAGES, currentStageId: "A", toStageId: "C" });
    expect(v).toMatchObject({ ok: false, code: "movement-not-allowed", allowedStageIds: ["B", "L1", "L2"] });
    expect(!v.ok && v.reason).toContain("Allowed from A: B, L1, L2");
  });

  it("refuses a move to the current stage, and to a stage of another pipeline, in both modes", () => {
    for (const mode of ["FLEXIBLE", "ENFORCED"] as const) {
      expect(checkMove({ mode, stages: STAGES, currentStageId: "B", toStageId: "B" }).ok).toBe(false);
      expect(checkMove({ mode, stages: STAGES, currentStageId: "B", toStageId: "elsewhere" }).ok).toBe(false);
    }
  });

  it("allows skips in FLEXIBLE and the one-step moves in ENFORCED", () => {
    expect(checkMove({ mode: "FLEXIBLE", stages: STAGES, currentStageId: "A", toStageId: "W" }).ok).toBe(true);
    expect(checkMove({ mode: "ENFORCED", stages: STAGES, currentStageId: "D", toStageId: "W" }).ok).toBe(true);
    expect(checkMove({ mode: "ENFORCED", stages: STAGES, currentStageId: "L1", toStageId: "B", returnStageId: "B" }).ok).toBe(true);
    expect(checkMove({ mode: "ENFORCED", stages: STAGES, currentStageId: "L1", toStageId: "C", returnStageId: "B" }).ok).toBe(false);
  });
});

describe("missingRequiredFields", () => {
  it("treats null, blank text and empty arrays as missing; reads custom fields", () => {
    const s = { requiredFields: ["amount", "closeDate", "tags", "customFields.budget", "customFields.approved"] };
    expect(missingRequiredFields(s, { amount: "10.00", closeDate: " ", tags: [], customFields: { approved: false } })).toEqual(["closeDate", "tags", "customFields.budget"]);
    expect(missingRequiredFields(s, { amount: "0", closeDate: "2026-01-01", tags: ["x"], customFields: { budget: 5, approved: true } })).toEqual([]);
  });
});
