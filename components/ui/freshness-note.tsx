"use client";

import { DateTime } from "@/components/ui/date-time";
import type { Freshness } from "@/lib/analytics/cache";

/**
 * Says when cached figures were computed, only when the data has changed since and the
 * worker is recomputing them (lib/analytics/cache.ts); fresh figures say nothing.
 */
export function FreshnessNote({ freshness }: { freshness: Freshness | undefined }) {
  if (!freshness?.stale) return null;
  return (
    <p role="status" className="mt-1 text-xs text-slate-600">
      As of <DateTime value={freshness.computedAt} /> · refreshing…
    </p>
  );
}
