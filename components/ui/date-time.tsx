"use client";

import { formatDateTime, formatDay, formatFull, formatRelative } from "@/lib/format/dates";
import { useNow, useReader } from "./use-reader";

export type DateTimeMode = "auto" | "absolute" | "day";

/**
 * An instant or a calendar day as a <time>, in the reader's locale and zone. "auto" is
 * relative when recent ("3 minutes ago", "just now") and absolute otherwise; the title
 * always carries the full date, time and zone.
 */
export function DateTime({ value, mode = "auto", seconds = false, className }: { value: Date | string; mode?: DateTimeMode; seconds?: boolean; className?: string }) {
  const reader = useReader();
  const now = useNow();
  const opts = { locale: reader.locale, timeZone: reader.timeZone };
  const iso = typeof value === "string" ? value : value.toISOString();
  const full = formatFull(value, opts);
  let text: string;
  if (mode === "day") text = formatDay(value, opts);
  else {
    const relative = mode === "auto" && now !== null ? formatRelative(value, now, reader.locale) : null;
    text = relative ?? `${formatDateTime(value, { ...opts, seconds })}${reader.local ? "" : " UTC"}`;
  }
  return (
    <time dateTime={iso} title={full} className={className}>
      {text}
    </time>
  );
}
