// Which columns a dragged card may enter, and why not — with the same pure rules the
// server's moveRecord applies (lib/pipelines/rules.ts), so the board dims exactly the
// columns the server would refuse.
import { allowedTargets, checkMove, missingRequiredFields } from "@/lib/pipelines/rules";
import type { BoardCard, BoardKind, BoardPipeline } from "./types";

export type DropVerdict =
  | { ok: true; /** Deals into a DONE_FAILED stage: ask for the lost reason first. */ needsLostReason: boolean }
  | { ok: false; /** The server's wording, naming the allowed stages. */ reason: string; /** A few words for the dimmed column. */ short: string };

export function dropVerdict(kind: BoardKind, pipeline: BoardPipeline, card: BoardCard, fromStageId: string, toStageId: string): DropVerdict {
  if (fromStageId === toStageId) return { ok: true, needsLostReason: false };
  const target = pipeline.stages.find((s) => s.id === toStageId);
  const input = { mode: pipeline.movementMode, stages: pipeline.stages, currentStageId: fromStageId, returnStageId: card.returnStageId ?? null };
  if (!target || !allowedTargets(input).includes(toStageId)) {
    const verdict = checkMove({ ...input, toStageId });
    const reason = verdict.ok ? "This move is not allowed" : verdict.reason;
    const from = pipeline.stages.find((s) => s.id === fromStageId);
    const short = from?.stageState === "DONE_FAILED" ? `Only back to the stage it left` : `Not reachable from ${from?.name ?? "here"}`;
    return { ok: false, reason, short };
  }
  const missing = missingRequiredFields(target, card.fields ?? {});
  if (missing.length) return { ok: false, reason: `${target.name} requires: ${missing.join(", ")}`, short: `Requires ${missing.join(", ")}` };
  return { ok: true, needsLostReason: kind === "DEAL" && target.stageState === "DONE_FAILED" };
}

/** The verdict for every column of the board (what the board shows while a card is dragged). */
export function dropVerdicts(kind: BoardKind, pipeline: BoardPipeline, card: BoardCard, fromStageId: string): Record<string, DropVerdict> {
  return Object.fromEntries(pipeline.stages.map((s) => [s.id, dropVerdict(kind, pipeline, card, fromStageId, s.id)]));
}
