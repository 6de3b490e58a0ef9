"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { BoardMoveInput } from "@/lib/board/schemas";
import { applyMove, type MovePlan } from "@/lib/board/optimistic";
import { moveMutationKey } from "@/lib/board/query-keys";
import type { BoardData, BoardKind } from "@/lib/board/types";
import { actionMessage, type ActionResult } from "@/lib/action-result";

export type MoveAction = (input: BoardMoveInput) => Promise<ActionResult<{ id: string; stageId: string; moved: boolean }>>;

/**
 * A move, shown at once and undone if the server refuses it. The optimistic board is the
 * board as the columns show it (current()) with the move applied, written to the board's
 * query: the columns' loaded pages are folded in, so nothing is lost or shown twice.
 */
export function useBoardMove(opts: { kind: BoardKind; queryKey: readonly unknown[]; current: () => BoardData; moveAction: MoveAction; stageName: (id: string) => string }) {
  const { kind, queryKey, current, moveAction, stageName } = opts;
  const qc = useQueryClient();
  return useMutation({
    mutationKey: moveMutationKey(kind),
    mutationFn: async ({ plan, lostReason }: { plan: MovePlan; lostReason?: string }) => {
      const result = await moveAction({
        id: plan.cardId,
        move: { toStageId: plan.toStageId, afterId: plan.afterId, beforeId: plan.beforeId, ...(lostReason ? { lostReason } : {}) },
      });
      const message = actionMessage(result);
      if (message) throw new Error(message);
      return result!.data!;
    },
    onMutate: async ({ plan }) => {
      await qc.cancelQueries({ queryKey, exact: true });
      const previous = qc.getQueryData<BoardData>(queryKey);
      qc.setQueryData<BoardData>(queryKey, applyMove(current(), plan));
      return { previous };
    },
    onError: (err, { plan }, context) => {
      if (context?.previous) qc.setQueryData(queryKey, context.previous);
      toast.error(`Could not move to ${stageName(plan.toStageId)}`, { description: err.message });
    },
    onSettled: () => {
      // with several moves in flight, only the last one refetches (earlier answers would undo later optimism)
      if (qc.isMutating({ mutationKey: moveMutationKey(kind) }) === 1) void qc.invalidateQueries({ queryKey, exact: true });
    },
  });
}
