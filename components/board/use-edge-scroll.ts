"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** The band at each side of the board where a held card scrolls it, in px. */
export const EDGE_BAND_PX = 40;
/** Pixels per frame: about 240 px (most of a column) a second at 60 fps. */
const SPEED_PX = 4;

export type Edge = -1 | 0 | 1;

/** Which edge band of `rect` the pointer at `x` is in (past the edge counts as in it), on a side with more to scroll to. */
export function edgeAt(rect: { left: number; right: number }, x: number, room: { left: boolean; right: boolean }): Edge {
  if (room.left && x <= rect.left + EDGE_BAND_PX) return -1;
  if (room.right && x >= rect.right - EDGE_BAND_PX) return 1;
  return 0;
}

/** Whether the scroller has more to show on each side. */
function roomOf(el: HTMLElement | null) {
  return { left: !!el && el.scrollLeft > 0, right: !!el && el.scrollLeft + el.clientWidth < el.scrollWidth - 1 };
}

/**
 * Horizontal auto-scroll of the board while a card is held by pointer — only while the
 * pointer is in the thin band at the board's left or right edge (shown as a scroll strip),
 * slowly, and never while it is over a column: a card held still over a column stays
 * over it. (dnd-kit's own auto-scroll, which starts a fifth of the width from the edge
 * and speeds up, is off for the board; it still scrolls a column's cards.)
 */
export function useEdgeScroll(scrollerRef: React.RefObject<HTMLElement | null>) {
  const [edge, setEdge] = useState<Edge>(0);
  const [dragging, setDragging] = useState(false);
  const [room, setRoom] = useState({ left: false, right: false });
  const edgeRef = useRef<Edge>(0);

  useEffect(() => {
    if (edge === 0) return;
    let frame = requestAnimationFrame(function step() {
      const el = scrollerRef.current;
      if (!el) return;
      el.scrollLeft += edge * SPEED_PX;
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [edge, scrollerRef]);

  const set = useCallback((next: Edge) => {
    edgeRef.current = next;
    setEdge(next);
  }, []);

  /** The pointer's edge band, or 0 (used by collision detection: the band is not a column). */
  const pointerEdge = useCallback(
    (x: number): Edge => {
      const el = scrollerRef.current;
      return el ? edgeAt(el.getBoundingClientRect(), x, roomOf(el)) : 0;
    },
    [scrollerRef],
  );

  // the pointer itself, not dnd-kit's delta (which grows with the board's scroll: a pointer
  // held still in the band would seem to run on, and the board with it)
  useEffect(() => {
    if (!dragging) return;
    const onMove = (e: PointerEvent | TouchEvent) => {
      const x = "touches" in e ? e.touches[0]?.clientX : e.clientX;
      if (x === undefined) return;
      set(pointerEdge(x));
      const r = roomOf(scrollerRef.current);
      setRoom((prev) => (prev.left === r.left && prev.right === r.right ? prev : r));
    };
    window.addEventListener("pointermove", onMove, { passive: true });
    window.addEventListener("touchmove", onMove, { passive: true });
    return () => {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("touchmove", onMove);
    };
  }, [dragging, pointerEdge, scrollerRef, set]);

  const onDragStart = useCallback(() => {
    setDragging(true);
    setRoom(roomOf(scrollerRef.current));
  }, [scrollerRef]);
  const stop = useCallback(() => {
    setDragging(false);
    set(0);
  }, [set]);

  return { edge, dragging, room, pointerEdge, onDragStart, stop };
}
