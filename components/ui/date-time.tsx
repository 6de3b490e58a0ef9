"use client";

import { formatDateTime, formatDay, formatFull, formatRelative } from "@/lib/format/dates";
import { useNow, useReader } from "./use-reader";

export type DateTimeMode = "auto" | "absolute" | "day";

/**
 * An instant or a calendar day as a <time>, in the reader's locale and zone. "auto" is
 * relative when recent ("3 minutes ago", "just now") and absolute otherwise; the title
 * always carries the full date, time and zone. `precise` shows seconds and the zone (logs).
 */
export function DateTime({ value, mode = "auto", precise = false, className }: { value: Date | string; mode?: DateTimeMode; precise?: boolean; className?: string }) {
  const reader = useReader();
  const now = useNow(mode === "auto");
  const opts = { locale: reader.locale, timeZone: reader.timeZone };
  const iso = typeof value === "string" ? value : value.toISOString();
  const full = formatFull(value, opts);
  let text: string;
  if (mode === "day") text = formatDay(value, opts);
  else {
    const relative = mode === "auto" && now !== null ? formatRelative(value, now, reader.locale) : null;
    const absolute = formatDateTime(value, { ...opts, precise });
    text = relative ?? (reader.local || precise ? absolute : `${absolute} UTC`);
  }
  return (
    <time dateTime={iso} title={full} className={className}>
      {text}
    </time>
  );
}

/** A DateTime that may be missing: "—" (or `empty`) when there is none. */
export function MaybeDateTime({ value, empty = "—", ...rest }: Omit<Parameters<typeof DateTime>[0], "value"> & { value: Date | string | null | undefined; empty?: string }) {
  return value ? <DateTime value={value} {...rest} /> : <>{empty}</>;
}
