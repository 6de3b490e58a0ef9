"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { useLiveEvents } from "@/components/live/live-events";
import type { LiveClientMessage } from "@/lib/live/topics";

/**
 * Re-reads the page when executions change (queued, started, settled, retried): all of
 * them, or only those of one automation or one execution. A change of too many at once
 * to name (ids null) re-reads too.
 */
export function LiveExecutions({ automationId, executionId }: { automationId?: string; executionId?: string }) {
  const router = useRouter();
  const accept = useCallback(
    (m: LiveClientMessage) => {
      if (m.topic !== "executions") return false;
      if (executionId) return m.executionIds === null || m.executionIds.includes(executionId);
      if (automationId) return m.automationIds === null || m.automationIds.includes(automationId);
      return true;
    },
    [automationId, executionId],
  );
  const refresh = useCallback(() => router.refresh(), [router]);
  useLiveEvents("executions", refresh, { accept, throttleMs: 1_000 });
  return null;
}
