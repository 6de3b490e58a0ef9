// When a person's sequence stops, and when a step falls due (pure).
import { describe, expect, it } from "vitest";
import { stepDueAt, stopReasonFor, type StopSignal } from "./rules";

describe("stopReasonFor", () => {
  const wonOrLost = { stopOnStageStates: ["DONE_SUCCESS", "DONE_FAILED"] };
  it.each<[StopSignal, { stopOnStageStates: string[] }, string | null]>([
    [{ kind: "reply" }, wonOrLost, "REPLIED"],
    [{ kind: "bounce" }, wonOrLost, "BOUNCED"],
    [{ kind: "unsubscribe" }, wonOrLost, "UNSUBSCRIBED"],
    [{ kind: "complaint" }, wonOrLost, "UNSUBSCRIBED"],
    [{ kind: "suppressed" }, wonOrLost, "SUPPRESSED"],
    [{ kind: "stage", stageState: "DONE_SUCCESS" }, wonOrLost, "STAGE_CHANGED"],
    [{ kind: "stage", stageState: "DONE_FAILED" }, wonOrLost, "STAGE_CHANGED"],
    [{ kind: "stage", stageState: "IN_PROGRESS" }, wonOrLost, null],
    [{ kind: "stage", stageState: "DONE_SUCCESS" }, { stopOnStageStates: [] }, null],
    [{ kind: "stage", stageState: "IN_PROGRESS" }, { stopOnStageStates: ["IN_PROGRESS"] }, "STAGE_CHANGED"],
    // a reply stops whatever the stage rules say
    [{ kind: "reply" }, { stopOnStageStates: [] }, "REPLIED"],
  ])("%o with %o → %s", (signal, rules, reason) => {
    expect(stopReasonFor(signal, rules)).toBe(reason);
  });
});

describe("stepDueAt", () => {
  const window = { days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 };
  it("adds the delay; an email waits for the send window, a task does not", () => {
    const friday4pm = new Date("2026-12-04T16:00:00Z");
    expect(stepDueAt(friday4pm, { kind: "EMAIL", delayDays: 0, delayHours: 2 }, window, "UTC").toISOString()).toBe("2026-12-07T09:00:00.000Z");
    expect(stepDueAt(friday4pm, { kind: "TASK", delayDays: 0, delayHours: 2 }, window, "UTC").toISOString()).toBe("2026-12-04T18:00:00.000Z");
    expect(stepDueAt(friday4pm, { kind: "EMAIL", delayDays: 3, delayHours: 0 }, null, "UTC").toISOString()).toBe("2026-12-07T16:00:00.000Z");
  });
});
