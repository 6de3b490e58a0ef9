"use client";

import { useCallback, useSyncExternalStore } from "react";

export type BoardDensity = "comfortable" | "compact";

const EVENT = "stageline:board-density";
const keyOf = (userId: string) => `stageline:board-density:${userId}`;

function subscribe(onChange: () => void) {
  window.addEventListener(EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/** The board's card density, remembered per user in this browser (localStorage). */
export function useBoardDensity(userId: string): [BoardDensity, (d: BoardDensity) => void] {
  const density = useSyncExternalStore(
    subscribe,
    () => (window.localStorage.getItem(keyOf(userId)) === "compact" ? "compact" : "comfortable"),
    () => "comfortable" as const,
  );
  const set = useCallback(
    (d: BoardDensity) => {
      window.localStorage.setItem(keyOf(userId), d);
      window.dispatchEvent(new Event(EVENT));
    },
    [userId],
  );
  return [density, set];
}
