"use client";
// A move of one record from outside the board (the record page's stage picker, the table
// view): moveRecord decides; when the stage requires fields the record lacks (a lost deal's
// reason among them), the answer names them and RequiredFieldsDialog asks for exactly those,
// then the same move goes again with their values, in one step.
import { useState, useTransition } from "react";
import { missingFieldsOf, type FieldsMoveExtras, type FieldsRequest } from "@/components/record-form/required-fields-dialog";
import { actionFailure } from "@/lib/action-result";
import { moveStageAction } from "@/lib/pipelines/actions";

export type StageKind = "DEAL" | "LEAD" | "TICKET";

export interface StageMove {
  toStageId: string;
  lostReason?: string;
  override?: boolean;
  reason?: string;
}

export function useStageMove(opts: {
  kind: StageKind;
  id: string;
  title: string;
  stageName: (stageId: string) => string;
  /** After an accepted move (refresh what shows the stage). */
  onMoved: (toStageId: string) => Promise<void> | void;
  /** A refusal that no input can fix here (the pipeline's rules), in the server's words. */
  onRefused: (message: string) => void;
}) {
  const { kind, id, title, stageName, onMoved, onRefused } = opts;
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState<{ request: FieldsRequest; move: StageMove } | null>(null);

  const move = (m: StageMove) =>
    start(async () => {
      const result = await moveStageAction({ kind, id, move: m });
      const missing = missingFieldsOf(result);
      if (missing) {
        setAsking({ request: { recordTitle: title, stage: { id: m.toStageId, name: stageName(m.toStageId) }, missing }, move: m });
        return;
      }
      const failure = actionFailure(result);
      if (failure) onRefused(failure.message);
      else await onMoved(m.toStageId);
    });

  /** The dialog's submit: the asked move with the values; the dialog shows a refusal itself. */
  const moveWith = async (extras: FieldsMoveExtras) => {
    if (!asking) return undefined;
    const result = await moveStageAction({ kind, id, move: { ...asking.move, ...extras } });
    if (!actionFailure(result)) await onMoved(asking.move.toStageId);
    return result;
  };

  return { move, pending, request: asking?.request ?? null, moveWith, close: () => setAsking(null) };
}
