import { describe, expect, it } from "vitest";
import { isStalled } from "./stalled";

describe("isStalled", () => {
  it.each([
    ["within the expected days", { stageState: "IN_PROGRESS", expectedDays: 14 }, 10, false],
    ["exactly on the expected days", { stageState: "IN_PROGRESS", expectedDays: 14 }, 14, false],
    ["past the expected days", { stageState: "IN_PROGRESS", expectedDays: 14 }, 15, true],
    ["a not-started stage past its days", { stageState: "NOT_STARTED", expectedDays: 3 }, 4, true],
    ["a stage without expected days", { stageState: "IN_PROGRESS", expectedDays: null }, 400, false],
    ["a won stage, however long", { stageState: "DONE_SUCCESS", expectedDays: 5 }, 400, false],
    ["a lost stage, however long", { stageState: "DONE_FAILED", expectedDays: 5 }, 400, false],
    ["no entry time", { stageState: "IN_PROGRESS", expectedDays: 5 }, null, false],
  ] as const)("%s", (_name, stage, days, stalled) => {
    expect(isStalled(stage, days)).toBe(stalled);
  });
});
