"use client";

import type { DragEndEvent, DragMoveEvent, DragStartEvent } from "@dnd-kit/core";
import { useState } from "react";
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
 * A card's drag: which card is up and where it came from, where it would land (the drop
 * hint), and on drop either a toast saying why not, a request for the fields the stage
 * requires (`onNeedsFields`) or for a lost reason, or the move (`onMove`).
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

  function onDragStart(e: DragStartEvent) {
    const found = findCard(current(), String(e.active.id));
    if (found) setActive({ card: found.card, fromStageId: found.column.stageId });
  }

  function onDragMove(e: DragMoveEvent) {
    const target = targetOf(e.over, e.active);
    setHint((h) => (sameTarget(h, target) ? h : target));
  }

  function onDragEnd(e: DragEndEvent) {
    const target = targetOf(e.over, e.active);
    setActive(null);
    setHint(null);
    const board = current();
    const j = judgeDrop(kind, board, String(e.active.id), target);
    if (!target || !j) return;
    if (!j.verdict.ok) {
      toast.error(`Cannot move into ${stageName(target.stageId)}`, { description: j.verdict.reason });
      return;
    }
    const plan = planDrop(board, String(e.active.id), target);
    if (!plan) return;
    if (j.verdict.needsFields.length) onNeedsFields(plan, j.found.card, [...j.verdict.needsFields, ...(j.verdict.needsLostReason ? ["lostReason"] : [])]);
    else if (j.verdict.needsLostReason) setLostFor({ plan, card: j.found.card, stageName: stageName(plan.toStageId) });
    else onMove(plan);
  }

  function onDragCancel() {
    setActive(null);
    setHint(null);
  }

  return {
    active,
    hint,
    lostFor,
    closeLostReason: () => setLostFor(null),
    handlers: { onDragStart, onDragMove, onDragOver: onDragMove, onDragEnd, onDragCancel },
  };
}
