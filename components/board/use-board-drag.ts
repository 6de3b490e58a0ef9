"use client";

import type { DragEndEvent, DragMoveEvent, DragStartEvent } from "@dnd-kit/core";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { findCard, planDrop, type DropTarget, type MovePlan } from "@/lib/board/optimistic";
import type { BoardCard, BoardData, BoardKind } from "@/lib/board/types";
import { judgeDrop, sameTarget, targetOf } from "./drag-and-drop";

export interface LostReasonRequest {
  plan: MovePlan;
  card: BoardCard;
  stageName: string;
}

/**
 * A card's drag, by pointer (dnd-kit's handlers) or keyboard (use-board-keyboard calls
 * pickUp / hover / drop / cancel): which card is up and where it came from, where it would
 * land (the drop hint), and on drop either a toast saying why not, a request for the
 * fields the stage requires (`onNeedsFields`) or for a lost reason, or the move (`onMove`).
 */
export function useBoardDrag(opts: {
  kind: BoardKind;
  current: () => BoardData;
  stageName: (id: string) => string;
  onMove: (plan: MovePlan) => void;
  /** The target stage requires fields the card lacks (`missing`, with `lostReason` when a lost deal needs one too). */
  onNeedsFields: (plan: MovePlan, card: BoardCard, missing: string[]) => void;
}) {
  const { kind, current, stageName, onMove, onNeedsFields } = opts;
  const [active, setActive] = useState<{ card: BoardCard; fromStageId: string } | null>(null);
  const [hint, setHint] = useState<DropTarget | null>(null);
  const [lostFor, setLostFor] = useState<LostReasonRequest | null>(null);

  const pickUp = useCallback(
    (cardId: string) => {
      const found = findCard(current(), cardId);
      if (found) setActive({ card: found.card, fromStageId: found.column.stageId });
      return !!found;
    },
    [current],
  );

  const hover = useCallback((target: DropTarget | null) => setHint((h) => (sameTarget(h, target) ? h : target)), []);

  const cancel = useCallback(() => {
    setActive(null);
    setHint(null);
  }, []);

  /** Ends the drag over `target` (null: outside the board). */
  const drop = useCallback(
    (cardId: string, target: DropTarget | null) => {
      cancel();
      const board = current();
      const j = judgeDrop(kind, board, cardId, target);
      if (!target || !j) return;
      if (!j.verdict.ok) {
        toast.error(`Cannot move into ${stageName(target.stageId)}`, { description: j.verdict.reason });
        return;
      }
      const plan = planDrop(board, cardId, target);
      if (!plan) return;
      if (j.verdict.needsFields.length) onNeedsFields(plan, j.found.card, [...j.verdict.needsFields, ...(j.verdict.needsLostReason ? ["lostReason"] : [])]);
      else if (j.verdict.needsLostReason) setLostFor({ plan, card: j.found.card, stageName: stageName(plan.toStageId) });
      else onMove(plan);
    },
    [cancel, kind, current, stageName, onMove, onNeedsFields],
  );

  const handlers = {
    onDragStart: (e: DragStartEvent) => void pickUp(String(e.active.id)),
    onDragMove: (e: DragMoveEvent) => hover(targetOf(e.over, e.active)),
    onDragOver: (e: DragMoveEvent) => hover(targetOf(e.over, e.active)),
    onDragEnd: (e: DragEndEvent) => drop(String(e.active.id), targetOf(e.over, e.active)),
    onDragCancel: cancel,
  };

  return { active, hint, lostFor, closeLostReason: () => setLostFor(null), pickUp, hover, drop, cancel, handlers };
}
