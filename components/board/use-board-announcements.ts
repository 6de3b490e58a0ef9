"use client";

import type { Announcements } from "@dnd-kit/core";
import { useMemo } from "react";
import { BOARD_KINDS, capitalize } from "@/lib/board/kinds";
import { findCard, type DropTarget } from "@/lib/board/optimistic";
import type { BoardData, BoardKind } from "@/lib/board/types";
import type { CustomFieldLabels } from "@/lib/pipelines/required-fields";
import { judgeDrop, targetOf } from "./drag-and-drop";

const lowerFirst = (s: string) => `${s.charAt(0).toLowerCase()}${s.slice(1)}`;

interface Speaker {
  kind: BoardKind;
  board: BoardData;
  stageName: (id: string) => string;
  labels?: CustomFieldLabels;
}

/** "deal Acme renewal" (or just "deal" when the card is gone). */
function cardLabel({ kind, board }: Speaker, cardId: string) {
  const found = findCard(board, cardId);
  return found ? `${BOARD_KINDS[kind].singular} ${found.card.title}` : BOARD_KINDS[kind].singular;
}

export function sayPickedUp(s: Speaker, cardId: string): string {
  const found = findCard(s.board, cardId);
  return `Picked up ${cardLabel(s, cardId)} from ${found ? s.stageName(found.column.stageId) : "its stage"}.`;
}

/** Where the card is over and whether it may be dropped there; `place` adds where in the column (keyboard). */
export function sayOver(s: Speaker, cardId: string, target: DropTarget | null, place = ""): string {
  const j = judgeDrop(s.kind, s.board, cardId, target, s.labels);
  if (!target || !j) return `${capitalize(cardLabel(s, cardId))} is not over a stage.`;
  const stage = s.stageName(target.stageId);
  if (!j.verdict.ok) return `Cannot move into ${stage}: ${lowerFirst(j.verdict.short)}.`;
  const where = place ? `, ${place}` : "";
  if (target.stageId === j.found.column.stageId) return `${capitalize(cardLabel(s, cardId))} is over ${stage}, its own stage${where}.`;
  const ask = j.verdict.note ? ` ${j.verdict.note} on the drop.` : j.verdict.needsLostReason ? " Dropping it here asks for a lost reason." : " It can be dropped here.";
  return `${capitalize(cardLabel(s, cardId))} is over ${stage}${where}.${ask}`;
}

export function sayDropped(s: Speaker, cardId: string, target: DropTarget | null): string {
  const j = judgeDrop(s.kind, s.board, cardId, target, s.labels);
  if (!target || !j) return `${capitalize(cardLabel(s, cardId))} was dropped outside the board and stays where it was.`;
  const stage = s.stageName(target.stageId);
  if (!j.verdict.ok) return `Cannot move into ${stage}: ${lowerFirst(j.verdict.short)}. ${j.verdict.reason}.`;
  if (j.verdict.needsFields.length) return `${stage} asks for more: fill in the dialog to move ${cardLabel(s, cardId)}.`;
  if (j.verdict.needsLostReason) return `Give a lost reason to move ${cardLabel(s, cardId)} to ${stage}.`;
  if (target.stageId === j.found.column.stageId) return `${capitalize(cardLabel(s, cardId))} reordered in ${stage}.`;
  return `${capitalize(cardLabel(s, cardId))} moved to ${stage}.`;
}

export const sayCancelled = (s: Speaker, cardId: string) => `Move cancelled. ${capitalize(cardLabel(s, cardId))} stays where it was.`;

/**
 * What a screen reader hears while a card is dragged by pointer (dnd-kit's live region);
 * the keyboard mode (use-board-keyboard) says the same sentences in its own region.
 * `current` reads the board as the columns show it, at the moment of the announcement.
 */
export function useBoardAnnouncements(kind: BoardKind, current: () => BoardData, stageName: (id: string) => string, labels: CustomFieldLabels = {}) {
  const info = BOARD_KINDS[kind];
  const announcements = useMemo<Announcements>(() => {
    const speaker = () => ({ kind, board: current(), stageName, labels });
    return {
      onDragStart: ({ active: a }) => sayPickedUp(speaker(), String(a.id)),
      // still over its own place: "picked up" says enough
      onDragOver: ({ active: a, over }) => (over?.id === a.id ? undefined : sayOver(speaker(), String(a.id), targetOf(over, a))),
      onDragEnd: ({ active: a, over }) => sayDropped(speaker(), String(a.id), targetOf(over, a)),
      onDragCancel: ({ active: a }) => sayCancelled(speaker(), String(a.id)),
    };
  }, [current, kind, stageName, labels]);

  const screenReaderInstructions = useMemo(
    () => ({
      draggable: `To move this ${info.singular}, press Space or Enter. Left and Right arrows choose the stage (Home and End: the first and last), Up and Down the place in it. Press Space or Enter again to drop it, or Escape to cancel. Each stage is announced with whether the ${info.singular} may go there.`,
    }),
    [info.singular],
  );

  return { announcements, screenReaderInstructions };
}
