"use client";

import { DateTime } from "@/components/ui/date-time";

/** Kept for callers written before components/ui/date-time.tsx: an instant, relative when asked. */
export function LocalTime({ value, relative = false, className }: { value: Date | string; relative?: boolean; className?: string }) {
  return <DateTime value={value} mode={relative ? "auto" : "absolute"} className={className} />;
}
