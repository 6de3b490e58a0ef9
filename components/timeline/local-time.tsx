"use client";

import { format, formatDistanceToNowStrict } from "date-fns";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
/** False while rendering on the server and hydrating; true once in the browser. */
export const useIsClient = () => useSyncExternalStore(subscribe, () => true, () => false);

/**
 * A time in the reader's time zone. The server does not know it, so the server (and the
 * hydration pass) print UTC, and the browser then re-renders in local time.
 */
export function LocalTime({ value, relative = false, className }: { value: Date | string; relative?: boolean; className?: string }) {
  const isClient = useIsClient();
  const d = typeof value === "string" ? new Date(value) : value;
  const absolute = isClient ? format(d, "d MMM yyyy, HH:mm") : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const text = relative && isClient ? formatDistanceToNowStrict(d, { addSuffix: true }) : absolute;
  return (
    <time dateTime={d.toISOString()} title={absolute} className={className}>
      {text}
    </time>
  );
}
