"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { LiveClientMessage, LiveTopic } from "@/lib/live/topics";
import { LiveHub, type LiveStatus } from "./live-hub";

export type { LiveStatus } from "./live-hub";

const LiveHubContext = createContext<LiveHub | null>(null);

/** The tab's one live connection (live-hub.ts), for every useLiveEvents below it. */
export function LiveEventsProvider({ children }: { children: React.ReactNode }) {
  // opens nothing until a view follows a topic, from an effect: safe to create while rendering on the server
  const [hub] = useState(() => new LiveHub({ open: (url) => new EventSource(url) }));
  useEffect(() => {
    hub.start();
    return () => hub.stop();
  }, [hub]);
  return <LiveHubContext.Provider value={hub}>{children}</LiveHubContext.Provider>;
}

export interface LiveEventsOptions {
  /** While true (a drag, a move in flight) `onChange` waits, so nothing shifts under the user's hand. */
  busy?: boolean;
  /** Which messages of the topic matter (live.resync always does). Default: all. */
  accept?: (message: LiveClientMessage) => boolean;
  /** Changes closer together than this coalesce into one call. */
  throttleMs?: number;
}

/**
 * Follows a topic of the tab's live stream and calls `onChange` (throttled) when something
 * on it changed, or when changes may have been missed (reconnect, live.resync): the view
 * then re-reads. `topic` null follows nothing. Returns the connection's status for it.
 */
export function useLiveEvents(topic: LiveTopic | null, onChange: () => void, { busy = false, accept, throttleMs = 500 }: LiveEventsOptions = {}): LiveStatus {
  const hub = useContext(LiveHubContext);
  const onChangeRef = useRef(onChange);
  const acceptRef = useRef(accept);
  const busyRef = useRef(busy);
  const pendingRef = useRef(false);
  const lastRunRef = useRef(0);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    onChangeRef.current = onChange;
    acceptRef.current = accept;
  }, [onChange, accept]);

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
    const wait = Math.max(0, lastRunRef.current + throttleMs - Date.now());
    timerRef.current = setTimeout(() => {
      timerRef.current = null;
      run();
    }, wait);
  }, [run, throttleMs]);

  useEffect(() => {
    busyRef.current = busy;
    if (!busy && pendingRef.current) schedule();
  }, [busy, schedule]);

  // following the topic is the subscription of the status store
  const subscribe = useCallback(
    (statusChanged: () => void) => {
      if (!hub || !topic) return () => {};
      const unfollow = hub.follow(topic, {
        onMessage: (m) => {
          if (m.type === "live.resync" || (acceptRef.current?.(m) ?? true)) schedule();
        },
        onStatus: statusChanged,
      });
      return () => {
        unfollow();
        if (timerRef.current !== null) clearTimeout(timerRef.current);
        timerRef.current = null;
      };
    },
    [hub, topic, schedule],
  );
  return useSyncExternalStore(
    subscribe,
    () => (hub && topic ? hub.status(topic) : "offline"),
    () => "connecting",
  );
}
