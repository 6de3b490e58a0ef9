"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { BoardKind } from "@/lib/board/types";

/** Events closer together than this coalesce into one refetch. */
const THROTTLE_MS = 500;

export type LiveStatus = "connecting" | "live" | "offline";

/**
 * Follows the tenant's committed events over server-sent events and calls `onChange`
 * (throttled) when a record of this kind was created, changed, moved or deleted — or
 * when the stream reconnected and events may have been missed. While `busy` (a drag or a
 * move in flight) the call waits, so the board never shifts under the user's hand.
 */
export function useLiveBoard(kind: BoardKind, onChange: () => void, busy: boolean): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const onChangeRef = useRef(onChange);
  const busyRef = useRef(busy);
  const pendingRef = useRef(false);
  const lastRunRef = useRef(0);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  const run = useCallback(() => {
    if (busyRef.current) {
      pendingRef.current = true;
      return;
    }
    pendingRef.current = false;
    lastRunRef.current = Date.now();
    onChangeRef.current();
  }, []);

  const schedule = useCallback(() => {
    if (timerRef.current !== null) return; // a run is already planned: it will see this change too
    const wait = Math.max(0, lastRunRef.current + THROTTLE_MS - Date.now());
    timerRef.current = setTimeout(() => {
      timerRef.current = null;
      run();
    }, wait);
  }, [run]);

  useEffect(() => {
    busyRef.current = busy;
    if (!busy && pendingRef.current) schedule();
  }, [busy, schedule]);

  useEffect(() => {
    const source = new EventSource(`/api/board-stream?entityType=${kind}`);
    let opened = false;
    source.onopen = () => {
      setStatus("live");
      if (opened) schedule(); // reconnected: catch up on what was missed
      opened = true;
    };
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    source.onmessage = (m: MessageEvent<string>) => {
      try {
        const e = JSON.parse(m.data) as { type?: string; entityType?: string | null };
        const relevant = e.type === "live.resync" || (e.entityType === kind && (e.type === "stage.changed" || e.type?.startsWith("record.")));
        if (relevant) schedule();
      } catch {
        // not ours
      }
    };
    return () => {
      source.close();
      if (timerRef.current !== null) clearTimeout(timerRef.current);
      timerRef.current = null;
    };
  }, [kind, schedule]);

  return status;
}
