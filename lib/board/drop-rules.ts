// Which columns a dragged card may enter, and why not — with the same pure rules the
// server's moveRecord applies (lib/pipelines/rules.ts), so the board dims exactly the
// columns the server would refuse.
import { requiredFieldLabel, type CustomFieldLabels } from "@/lib/pipelines/required-fields";
import { allowedTargets, checkMove, missingRequiredFields } from "@/lib/pipelines/rules";
import type { BoardCard, BoardKind, BoardPipeline } from "./types";

export type DropVerdict =
  | {
      ok: true;
      /** Deals into a DONE_FAILED stage: ask for the lost reason first. */
      needsLostReason: boolean;
      /** The field paths the stage requires that the card lacks: asked for on the drop (the move fills them). */
      needsFields: string[];
      /** What the column says while the card is over it, when the drop will ask for something. */
      note?: string;
    }
  | { ok: false; /** The server's wording, naming the allowed stages. */ reason: string; /** A few words for the dimmed column. */ short: string };

/** `labels`: custom fields' labels by key, so messages name fields as people know them. */
export function dropVerdict(kind: BoardKind, pipeline: BoardPipeline, card: BoardCard, fromStageId: string, toStageId: string, labels: CustomFieldLabels = {}): DropVerdict {
  if (fromStageId === toStageId) return { ok: true, needsLostReason: false, needsFields: [] };
  const target = pipeline.stages.find((s) => s.id === toStageId);
  const input = { mode: pipeline.movementMode, stages: pipeline.stages, currentStageId: fromStageId, returnStageId: card.returnStageId ?? null };
  if (!target || !allowedTargets(input).includes(toStageId)) {
    const verdict = checkMove({ ...input, toStageId });
    const reason = verdict.ok ? "This move is not allowed" : verdict.reason;
    const from = pipeline.stages.find((s) => s.id === fromStageId);
    const short = from?.stageState === "DONE_FAILED" ? `Only back to the stage it left` : `Not reachable from ${from?.name ?? "here"}`;
    return { ok: false, reason, short };
  }
  const needsFields = missingRequiredFields(target, card.fields ?? {});
  const needsLostReason = kind === "DEAL" && target.stageState === "DONE_FAILED";
  if (!needsFields.length) return { ok: true, needsLostReason, needsFields };
  return { ok: true, needsLostReason, needsFields, note: `Asks for ${needsFields.map((p) => requiredFieldLabel(p, labels)).join(", ")}` };
}

/** The verdict for every column of the board (what the board shows while a card is dragged). */
export function dropVerdicts(kind: BoardKind, pipeline: BoardPipeline, card: BoardCard, fromStageId: string, labels: CustomFieldLabels = {}): Record<string, DropVerdict> {
  return Object.fromEntries(pipeline.stages.map((s) => [s.id, dropVerdict(kind, pipeline, card, fromStageId, s.id, labels)]));
}
