// The rules of sequences, without I/O: when a person's sequence stops, and when a step is due.
import { nextOpenSlot, type SendWindow } from "@/lib/email/send-window";
import type { StopReason } from "@/db/schema/campaigns";

/** What happened to an enrolled person. */
export type StopSignal =
  | { kind: "reply" }
  | { kind: "bounce" }
  | { kind: "complaint" }
  | { kind: "unsubscribe" }
  | { kind: "suppressed" }
  /** One of their deals entered a stage of this state (NOT_STARTED, IN_PROGRESS, DONE_SUCCESS, DONE_FAILED). */
  | { kind: "stage"; stageState: string };

export interface StopRules {
  stopOnStageStates: readonly string[];
}

/** Why the sequence stops for this person, or null when it goes on. */
export function stopReasonFor(signal: StopSignal, rules: StopRules): StopReason | null {
  switch (signal.kind) {
    case "reply":
      return "REPLIED";
    case "bounce":
      return "BOUNCED";
    case "complaint":
    case "unsubscribe":
      return "UNSUBSCRIBED";
    case "suppressed":
      return "SUPPRESSED";
    case "stage":
      return rules.stopOnStageStates.includes(signal.stageState) ? "STAGE_CHANGED" : null;
  }
}

export interface StepTiming {
  kind: "EMAIL" | "TASK";
  delayDays: number;
  delayHours: number;
}

/** When a step falls due `after` the previous one: its delay later, and an email within the send window. */
export function stepDueAt(after: Date, step: StepTiming, window: SendWindow | null, zone: string): Date {
  const due = new Date(after.getTime() + (step.delayDays * 24 + step.delayHours) * 3_600_000);
  return step.kind === "EMAIL" ? nextOpenSlot(due, window, zone) : due;
}
