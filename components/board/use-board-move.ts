"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { BoardMoveInput } from "@/lib/board/schemas";
import { applyMove, findCard, type MovePlan } from "@/lib/board/optimistic";
import { MOVE_CONFIRMED_MEASURE } from "@/lib/board/measures";
import { moveMutationKey } from "@/lib/board/query-keys";
import type { BoardData, BoardKind } from "@/lib/board/types";
import { actionMessage, type ActionResult } from "@/lib/action-result";
import { judgeDrop } from "./drag-and-drop";

export type MoveAction = (input: BoardMoveInput) => Promise<ActionResult<{ id: string; stageId: string; moved: boolean }>>;

interface MoveVars {
  plan: MovePlan;
  lostReason?: string;
  /** This move undoes an earlier one (its toast offers no Undo of its own). */
  undo?: boolean;
}


/**
 * The plan that puts the card back where `plan` took it from: its stage and its place
 * between the neighbours it had, as far as they are still there.
 */
function undoPlan(board: BoardData, plan: MovePlan, neighbours: { afterId: string | null; beforeId: string | null }): MovePlan | null {
  const now = findCard(board, plan.cardId);
  const column = board.columns.find((c) => c.stageId === plan.fromStageId);
  if (!now || !column) return null;
  const rest = column.cards.filter((c) => c.id !== plan.cardId);
  const after = neighbours.afterId ? rest.findIndex((c) => c.id === neighbours.afterId) : -1;
  const before = neighbours.beforeId ? rest.findIndex((c) => c.id === neighbours.beforeId) : -1;
  const toIndex = after >= 0 ? after + 1 : before >= 0 ? before : 0;
  // from where the card is now: a later move (this user's or another's) may have taken it on
  return { cardId: plan.cardId, fromStageId: now.column.stageId, toStageId: plan.fromStageId, toIndex, afterId: rest[toIndex - 1]?.id ?? null, beforeId: rest[toIndex]?.id ?? null };
}

/**
 * A move, shown at once and undone if the server refuses it. The optimistic board is the
 * board as the columns show it (current()) with the move applied, written to the board's
 * query: the columns' loaded pages are folded in, so nothing is lost or shown twice.
 * Once the server has it, a toast says where the card went, with Undo: itself a move
 * through the same action, so the pipeline's rules and the stage history stay true (an
 * undo the rules refuse says why).
 */
export function useBoardMove(opts: { kind: BoardKind; queryKey: readonly unknown[]; current: () => BoardData; moveAction: MoveAction; stageName: (id: string) => string }) {
  const { kind, queryKey, current, moveAction, stageName } = opts;
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationKey: moveMutationKey(kind),
    mutationFn: async ({ plan, lostReason }: MoveVars) => {
      const result = await moveAction({
        id: plan.cardId,
        move: { toStageId: plan.toStageId, afterId: plan.afterId, beforeId: plan.beforeId, ...(lostReason ? { lostReason } : {}) },
      });
      const message = actionMessage(result);
      if (message) throw new Error(message);
      return result!.data!;
    },
    onMutate: async ({ plan }) => {
      const startedAt = performance.now();
      await qc.cancelQueries({ queryKey, exact: true });
      const previous = qc.getQueryData<BoardData>(queryKey);
      const board = current();
      const from = findCard(board, plan.cardId);
      const neighbours = { afterId: from?.column.cards[from.index - 1]?.id ?? null, beforeId: from?.column.cards[from.index + 1]?.id ?? null };
      qc.setQueryData<BoardData>(queryKey, applyMove(board, plan));
      return { previous, neighbours, startedAt };
    },
    onSuccess: (data, { plan, undo }, context) => {
      performance.measure(MOVE_CONFIRMED_MEASURE, { start: context.startedAt });
      if (!data.moved) return;
      const to = stageName(plan.toStageId);
      const title = plan.fromStageId === plan.toStageId ? `Reordered in ${to}` : `Moved to ${to}`;
      if (undo) {
        toast.success(plan.fromStageId === plan.toStageId ? `Put back in place in ${to}` : `Moved back to ${to}`);
        return;
      }
      toast.success(title, { duration: 10_000, action: { label: "Undo", onClick: () => undoMove(plan, context.neighbours) } });
    },
    onError: (err, { plan, undo }, context) => {
      if (context?.previous) qc.setQueryData(queryKey, context.previous);
      toast.error(undo ? `Could not undo the move to ${stageName(plan.fromStageId)}` : `Could not move to ${stageName(plan.toStageId)}`, { description: err.message });
    },
    onSettled: () => {
      // with several moves in flight, only the last one refetches (earlier answers would undo later optimism)
      if (qc.isMutating({ mutationKey: moveMutationKey(kind) }) === 1) void qc.invalidateQueries({ queryKey, exact: true });
    },
  });
  const { mutate } = mutation;

  function undoMove(plan: MovePlan, neighbours: { afterId: string | null; beforeId: string | null }) {
    const board = current();
    const back = undoPlan(board, plan, neighbours);
    const j = back ? judgeDrop(kind, board, plan.cardId, { stageId: back.toStageId, overCardId: null, after: false }) : null;
    if (!back || !j) {
      toast.error("Cannot undo: the card is no longer on this board");
      return;
    }
    if (!j.verdict.ok) {
      toast.error(`Cannot undo: ${stageName(back.fromStageId)} cannot go back to ${stageName(back.toStageId)}`, { description: j.verdict.reason });
      return;
    }
    if (j.verdict.needsLostReason) {
      toast.error(`Cannot undo: moving back to ${stageName(back.toStageId)} needs a lost reason`, { description: "Drag the deal there to give one." });
      return;
    }
    mutate({ plan: back, undo: true });
  }

  return mutation;
}
