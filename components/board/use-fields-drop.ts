"use client";
// A drop into a stage whose required fields the card lacks: the dialog asks for them
// (RequiredFieldsDialog), then the move goes with their values in one request. Not
// optimistic: the card moves when the server has accepted the values and the move, so a
// refused value leaves the card where it was and the dialog open with the error.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import type { FieldsMoveExtras, FieldsRequest } from "@/components/record-form/required-fields-dialog";
import { actionFailure } from "@/lib/action-result";
import { applyMove, type MovePlan } from "@/lib/board/optimistic";
import type { BoardData } from "@/lib/board/types";
import type { MoveAction } from "./use-board-move";

export interface FieldsDrop {
  plan: MovePlan;
  request: FieldsRequest;
}

export function useFieldsDrop(opts: { queryKey: readonly unknown[]; current: () => BoardData; moveAction: MoveAction; refetch: () => void }) {
  const { queryKey, current, moveAction, refetch } = opts;
  const qc = useQueryClient();
  const [drop, setDrop] = useState<FieldsDrop | null>(null);

  const move = useCallback(
    async (extras: FieldsMoveExtras) => {
      if (!drop) return undefined;
      const { plan, request } = drop;
      const result = await moveAction({ id: plan.cardId, move: { toStageId: plan.toStageId, afterId: plan.afterId, beforeId: plan.beforeId, ...extras } });
      if (!actionFailure(result)) {
        qc.setQueryData<BoardData>(queryKey, applyMove(current(), plan));
        // the card's values changed with it (amounts, totals): the board's own read
        refetch();
        toast.success(`Moved to ${request.stage.name}`);
      }
      return result;
    },
    [drop, moveAction, qc, queryKey, current, refetch],
  );

  return { drop, ask: setDrop, close: useCallback(() => setDrop(null), []), move };
}
