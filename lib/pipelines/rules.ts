// The movement rules of ARCHITECTURE.md ("Movement modes"), as pure functions. The board
// uses them to dim columns; moveRecord re-checks them on the server under a row lock.
import type { PIPELINE_MOVEMENT_MODES, PIPELINE_STAGE_STATES } from "@/db/schema/enums";

export type MovementMode = (typeof PIPELINE_MOVEMENT_MODES)[number];
export type StageState = (typeof PIPELINE_STAGE_STATES)[number];

export interface RuleStage {
  id: string;
  name: string;
  displayOrder: number;
  stageState: StageState;
  requiredFields: readonly string[];
}

export interface MoveCheckInput {
  mode: MovementMode;
  stages: readonly RuleStage[];
  currentStageId: string;
  toStageId: string;
  /** For a record in a DONE_FAILED stage: the stage it left to get there (latest stage_history), if any. */
  returnStageId?: string | null;
}

export type MoveVerdict =
  | { ok: true }
  | { ok: false; code: "movement-not-allowed"; reason: string; allowedStageIds: string[] };

const isDone = (s: RuleStage) => s.stageState === "DONE_SUCCESS" || s.stageState === "DONE_FAILED";
const ordered = (stages: readonly RuleStage[]) => [...stages].sort((a, b) => a.displayOrder - b.displayOrder);

/** The stages a record in `currentStageId` may move to. */
export function allowedTargets(input: Omit<MoveCheckInput, "toStageId">): string[] {
  const stages = ordered(input.stages);
  const current = stages.find((s) => s.id === input.currentStageId);
  const others = stages.filter((s) => s.id !== input.currentStageId);
  if (input.mode === "FLEXIBLE" || !current) return others.map((s) => s.id);
  if (current.stageState === "DONE_FAILED") {
    const back = stages.find((s) => s.id === input.returnStageId) ?? stages[0];
    return back && back.id !== current.id ? [back.id] : [];
  }
  const lane = stages.filter((s) => s.stageState !== "DONE_FAILED");
  const i = lane.findIndex((s) => s.id === current.id);
  const out = [lane[i - 1], lane[i + 1]].filter((s): s is RuleStage => !!s).map((s) => s.id);
  if (!isDone(current)) out.push(...stages.filter((s) => s.stageState === "DONE_FAILED").map((s) => s.id));
  return stages.filter((s) => out.includes(s.id)).map((s) => s.id);
}

export function checkMove(input: MoveCheckInput): MoveVerdict {
  const stages = ordered(input.stages);
  const names = (ids: string[]) => ids.map((id) => stages.find((s) => s.id === id)?.name ?? id).join(", ") || "none";
  const target = stages.find((s) => s.id === input.toStageId);
  const allowed = allowedTargets(input);
  if (!target) return { ok: false, code: "movement-not-allowed", reason: `That stage is not in this record's pipeline. Allowed: ${names(allowed)}`, allowedStageIds: allowed };
  if (target.id === input.currentStageId) return { ok: false, code: "movement-not-allowed", reason: `The record is already in ${target.name}`, allowedStageIds: allowed };
  if (allowed.includes(target.id)) return { ok: true };
  const current = stages.find((s) => s.id === input.currentStageId);
  const why =
    current?.stageState === "DONE_FAILED"
      ? `From ${current.name} a record may only return to the stage it left`
      : `This pipeline is Enforced: stages are taken one at a time`;
  return { ok: false, code: "movement-not-allowed", reason: `${why}. Allowed from ${current?.name ?? "here"}: ${names(allowed)}`, allowedStageIds: allowed };
}

/** A value counts as present when it is not null/undefined, not blank text and not an empty array. */
export function isPresent(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === "string") return v.trim().length > 0;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** Field paths (`amount`, `customFields.budget`) the stage requires that the record lacks. */
export function missingRequiredFields(stage: Pick<RuleStage, "requiredFields">, record: Record<string, unknown>): string[] {
  return stage.requiredFields.filter((path) => {
    if (path.startsWith("customFields.")) {
      const cf = (record.customFields ?? {}) as Record<string, unknown>;
      return !isPresent(cf[path.slice("customFields.".length)]);
    }
    return !isPresent(record[path]);
  });
}

/** Deal status follows the stage state. */
export function dealStatusFor(state: StageState): "open" | "won" | "lost" {
  return state === "DONE_SUCCESS" ? "won" : state === "DONE_FAILED" ? "lost" : "open";
}
