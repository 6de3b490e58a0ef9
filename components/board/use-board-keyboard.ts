"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { findCard, planDrop, type DropTarget } from "@/lib/board/optimistic";
import type { BoardData, BoardKind } from "@/lib/board/types";
import type { CustomFieldLabels } from "@/lib/pipelines/required-fields";
import { sayCancelled, sayDropped, sayOver, sayPickedUp } from "./use-board-announcements";

/** A card moved by keyboard: the stage it is over (by index) and its place there. */
interface KeyboardMove {
  cardId: string;
  stageIndex: number;
  /** In its own stage: the index it would take; in another: the card it would go before (its index; the column's length = the end). */
  slot: number;
}

interface DragApi {
  pickUp: (cardId: string) => boolean;
  hover: (target: DropTarget | null) => void;
  drop: (cardId: string, target: DropTarget | null) => void;
  cancel: () => void;
}

export const BoardKeyboardContext = createContext<{ liftedId: string | null; pickUp: (cardId: string) => void }>({ liftedId: null, pickUp: () => {} });
export const useBoardKeyboardContext = () => useContext(BoardKeyboardContext);

/** The target of a keyboard move, in the terms of a pointer drop (so both take the same path). */
function targetOf(board: BoardData, m: KeyboardMove): { target: DropTarget; place: string } | null {
  const stage = board.pipeline.stages[m.stageIndex];
  const found = findCard(board, m.cardId);
  if (!stage || !found) return null;
  const cards = board.columns.find((c) => c.stageId === stage.id)?.cards ?? [];
  if (found.column.stageId === stage.id) {
    const over = cards[m.slot];
    return { target: { stageId: stage.id, overCardId: over && over.id !== m.cardId ? over.id : null, after: false }, place: `position ${m.slot + 1} of ${cards.length}` };
  }
  const before = cards[m.slot];
  return { target: { stageId: stage.id, overCardId: before?.id ?? null, after: false }, place: before ? `before ${before.title}` : cards.length ? "at the end" : "" };
}

/**
 * Moving a card with the keyboard, on the same path as a pointer drop: Space or Enter on
 * a card's handle picks it up; Left/Right go one stage (scrolled into view), Home/End to
 * the first/last stage, Up/Down choose the place; Space/Enter drop, Escape or Tab cancel.
 * Every step is announced in the board's live region, naming the stage and whether the
 * card may go there. Focus returns to the card's handle where it lands.
 */
export function useBoardKeyboard(opts: { kind: BoardKind; current: () => BoardData; stageName: (id: string) => string; labels: CustomFieldLabels; drag: DragApi; boardRef: React.RefObject<HTMLElement | null> }) {
  const { kind, current, stageName, labels, drag, boardRef } = opts;
  const [move, setMove] = useState<KeyboardMove | null>(null);
  const [message, setMessage] = useState("");
  const refocus = useRef<{ id: string; from: Element | null } | null>(null);

  const speaker = useCallback(() => ({ kind, board: current(), stageName, labels }), [kind, current, stageName, labels]);

  const pickUp = useCallback(
    (cardId: string) => {
      const board = current();
      const found = findCard(board, cardId);
      if (!found || !drag.pickUp(cardId)) return;
      const stageIndex = board.pipeline.stages.findIndex((s) => s.id === found.column.stageId);
      setMove({ cardId, stageIndex, slot: found.index });
      setMessage(sayPickedUp(speaker(), cardId));
    },
    [current, drag, speaker],
  );

  const go = useCallback(
    (next: KeyboardMove) => {
      const board = current();
      const t = targetOf(board, next);
      if (!t) return;
      setMove(next);
      drag.hover(t.target);
      setMessage(sayOver(speaker(), next.cardId, t.target, t.place));
      boardRef.current?.querySelector(`[data-stage-id="${t.target.stageId}"]`)?.scrollIntoView({ block: "nearest", inline: "nearest" });
    },
    [boardRef, current, drag, speaker],
  );

  const end = useCallback(
    (m: KeyboardMove, dropIt: boolean) => {
      setMove(null);
      const t = targetOf(current(), m);
      if (dropIt && t && planDrop(current(), m.cardId, t.target)) {
        setMessage(sayDropped(speaker(), m.cardId, t.target));
        drag.drop(m.cardId, t.target);
      } else {
        setMessage(sayCancelled(speaker(), m.cardId));
        drag.cancel();
      }
      refocus.current = { id: m.cardId, from: document.activeElement };
    },
    [current, drag, speaker],
  );

  useEffect(() => {
    if (!move) return;
    const m = move;
    const onKey = (e: KeyboardEvent) => {
      const board = current();
      const stages = board.pipeline.stages;
      const found = findCard(board, m.cardId);
      if (!found) return;
      const ownStage = (i: number) => stages[i]?.id === found.column.stageId;
      const columnLength = (i: number) => board.columns.find((c) => c.stageId === stages[i]?.id)?.cards.length ?? 0;
      const toStage = (i: number) => {
        const stageIndex = Math.max(0, Math.min(stages.length - 1, i));
        go({ cardId: m.cardId, stageIndex, slot: ownStage(stageIndex) ? found.index : 0 });
      };
      const lastSlot = ownStage(m.stageIndex) ? columnLength(m.stageIndex) - 1 : columnLength(m.stageIndex);
      switch (e.key) {
        case "ArrowRight":
          toStage(m.stageIndex + 1);
          break;
        case "ArrowLeft":
          toStage(m.stageIndex - 1);
          break;
        case "Home":
          toStage(0);
          break;
        case "End":
          toStage(stages.length - 1);
          break;
        case "ArrowUp":
          go({ ...m, slot: Math.max(0, m.slot - 1) });
          break;
        case "ArrowDown":
          go({ ...m, slot: Math.min(lastSlot, m.slot + 1) });
          break;
        case " ":
        case "Enter":
          end(m, true);
          break;
        case "Escape":
          end(m, false);
          break;
        case "Tab":
          end(m, false);
          return; // let focus move on
        default:
          return;
      }
      e.preventDefault();
      e.stopPropagation();
    };
    const onPointer = () => end(m, false);
    window.addEventListener("keydown", onKey, true);
    window.addEventListener("pointerdown", onPointer, true);
    return () => {
      window.removeEventListener("keydown", onKey, true);
      window.removeEventListener("pointerdown", onPointer, true);
    };
  }, [move, current, go, end]);

  // after a drop or cancel, focus goes back to the card's handle, which may have moved
  // column (the old one unmounts and focus falls to the body) — unless focus went elsewhere
  // (the lost-reason dialog, or the user moved on)
  useEffect(() => {
    const pending = refocus.current;
    if (!pending) return;
    const focused = document.activeElement;
    if (focused === pending.from && pending.from?.isConnected) return; // not moved (yet)
    refocus.current = null;
    if (focused && focused !== document.body) return;
    boardRef.current?.querySelector<HTMLElement>(`[data-card-id="${pending.id}"] [data-drag-handle]`)?.focus();
  });

  return { liftedId: move?.cardId ?? null, pickUp, message };
}
