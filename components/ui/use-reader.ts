"use client";

// The reader's locale and time zone. The server does not know them, so the server render
// and the hydration pass use a fixed locale and UTC, and the browser then re-renders in
// its own (no hydration mismatch). `now` ticks so relative times stay true on an open page.
import { useSyncExternalStore } from "react";
import { APP_LOCALE } from "@/lib/format/money";

export const SERVER_LOCALE = APP_LOCALE;
export const SERVER_TIME_ZONE = "UTC";

const noop = () => () => {};

/** False while rendering on the server and hydrating; true once in the browser. */
export const useIsClient = () => useSyncExternalStore(noop, () => true, () => false);

export interface Reader {
  locale: string;
  timeZone: string;
  /** Whether locale and zone are the reader's own (false on the server and while hydrating). */
  local: boolean;
}

const SERVER_READER: Reader = { locale: SERVER_LOCALE, timeZone: SERVER_TIME_ZONE, local: false };
let clientReader: Reader | null = null;
const readClient = (): Reader =>
  (clientReader ??= { locale: navigator.language || SERVER_LOCALE, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, local: true });

export const useReader = (): Reader => useSyncExternalStore(noop, readClient, () => SERVER_READER);

// One shared clock for every relative time on the page, ticking every 30 s while watched.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
function subscribeClock(listener: () => void) {
  listeners.add(listener);
  now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const readNow = () => now;
const serverNow = () => null;
const never = () => 0;

/** The current time in the browser (null on the server and while hydrating); `watch` false reads no clock (no re-render every tick). */
export const useNow = (watch = true): number | null => useSyncExternalStore(watch ? subscribeClock : noop, watch ? readNow : never, serverNow);
