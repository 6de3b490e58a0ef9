// What a new stage probably is, from its name: "Won" and "Closed Won" are won, "Lost" and
// "Disqualified" are lost, and their colours say so (green, red) instead of following
// their position. Pure: used by the service (a stage created without a state) and by the
// New pipeline dialog (which shows what it inferred before creating).
import type { PIPELINE_STAGE_STATES } from "@/db/schema/enums";

type StageState = (typeof PIPELINE_STAGE_STATES)[number];

export const WON_COLOR = "#10B981";
export const LOST_COLOR = "#EF4444";
/** Colours of open stages by position: neither the won green nor the lost red. */
export const OPEN_STAGE_PALETTE = ["#6B7280", "#3B82F6", "#8B5CF6", "#F59E0B", "#14B8A6", "#EC4899", "#0EA5E9", "#A855F7"];

// Failure words first: "Closed Unresolved" is not resolved, "Closed Lost" is not closed-won.
const FAILED = /\b(lost|disqualified|unqualified|unresolved|rejected|declined|cancel+ed|churned|failed|dead|abandoned|closed[ -]lost)\b/i;
const SUCCEEDED = /\b(won|win|converted|resolved|closed[ -]won|signed|completed|done|success|successful|accepted|hired)\b/i;

/** DONE_SUCCESS / DONE_FAILED when the name says so; otherwise null (the caller decides). */
export function doneStateFromName(name: string): "DONE_SUCCESS" | "DONE_FAILED" | null {
  if (FAILED.test(name)) return "DONE_FAILED";
  if (SUCCEEDED.test(name)) return "DONE_SUCCESS";
  return null;
}

/** The state of the stage at `index` of a new pipeline: the first has not started, the others are in progress, unless the name says won or lost. */
export function inferStageState(name: string, index: number): StageState {
  return doneStateFromName(name) ?? (index === 0 ? "NOT_STARTED" : "IN_PROGRESS");
}

/** A colour that fits the state: green when won, red when lost, else by position among the open colours. */
export function stageColorFor(state: StageState, index: number): string {
  if (state === "DONE_SUCCESS") return WON_COLOR;
  if (state === "DONE_FAILED") return LOST_COLOR;
  return OPEN_STAGE_PALETTE[index % OPEN_STAGE_PALETTE.length]!;
}
