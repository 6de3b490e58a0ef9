"use client";

import type { Announcements } from "@dnd-kit/core";
import { useMemo } from "react";
import { BOARD_KINDS, capitalize } from "@/lib/board/kinds";
import { findCard } from "@/lib/board/optimistic";
import type { BoardData, BoardKind } from "@/lib/board/types";
import { judgeDrop, targetOf } from "./drag-and-drop";

const lowerFirst = (s: string) => `${s.charAt(0).toLowerCase()}${s.slice(1)}`;

/**
 * What a screen reader hears while a card is dragged (by keyboard or pointer): what was
 * picked up, where it is over and whether it may go there, where it landed. `current`
 * reads the board as the columns show it, at the moment of the announcement.
 */
export function useBoardAnnouncements(kind: BoardKind, current: () => BoardData, stageName: (id: string) => string) {
  const info = BOARD_KINDS[kind];
  const announcements = useMemo<Announcements>(() => {
    const label = (id: unknown) => {
      const found = findCard(current(), String(id));
      return found ? `${info.singular} ${found.card.title}` : info.singular;
    };
    return {
      onDragStart: ({ active: a }) => {
        const found = findCard(current(), String(a.id));
        return `Picked up ${label(a.id)} from ${found ? stageName(found.column.stageId) : "its stage"}.`;
      },
      onDragOver: ({ active: a, over }) => {
        if (over?.id === a.id) return undefined; // still over its own place: "picked up" says enough
        const target = targetOf(over, a);
        const j = judgeDrop(kind, current(), String(a.id), target);
        if (!target || !j) return `${capitalize(label(a.id))} is not over a stage.`;
        if (!j.verdict.ok) return `Cannot move into ${stageName(target.stageId)}: ${lowerFirst(j.verdict.short)}.`;
        return `${capitalize(label(a.id))} is over ${stageName(target.stageId)}.`;
      },
      onDragEnd: ({ active: a, over }) => {
        const target = targetOf(over, a);
        const j = judgeDrop(kind, current(), String(a.id), target);
        if (!target || !j) return `${capitalize(label(a.id))} was dropped outside the board and stays where it was.`;
        if (!j.verdict.ok) return `Cannot move into ${stageName(target.stageId)}: ${lowerFirst(j.verdict.short)}. ${j.verdict.reason}.`;
        if (j.verdict.needsFields.length) return `${stageName(target.stageId)} asks for more: fill in the dialog to move ${label(a.id)}.`;
        if (j.verdict.needsLostReason) return `Give a lost reason to move ${label(a.id)} to ${stageName(target.stageId)}.`;
        if (target.stageId === j.found.column.stageId) return `${capitalize(label(a.id))} reordered in ${stageName(target.stageId)}.`;
        return `${capitalize(label(a.id))} moved to ${stageName(target.stageId)}.`;
      },
      onDragCancel: ({ active: a }) => `Move cancelled. ${capitalize(label(a.id))} stays where it was.`,
    };
  }, [current, info.singular, kind, stageName]);

  const screenReaderInstructions = useMemo(
    () => ({
      draggable: `To pick up a ${info.singular}, press Space or Enter. Use the arrow keys to move it to another stage or within its stage. Press Space or Enter again to drop it, or Escape to cancel. Stages the ${info.singular} may not enter are announced.`,
    }),
    [info.singular],
  );

  return { announcements, screenReaderInstructions };
}
