"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { listVersionAction } from "@/lib/lists/actions";
import { tableKeys } from "@/components/data-table/use-table-rows";

const POLL_MS = 2_000;

/**
 * Keeps a list page true while it is open: the worker changes dynamic members within
 * seconds of a record change, so the page asks (cheaply) whether anything changed and
 * then reloads the table and the server-rendered parts. Paused while the tab is hidden.
 */
export function LiveMembers({ listId, initialVersion }: { listId: string; initialVersion: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const version = useRef(initialVersion);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      if (document.visibilityState !== "visible") return;
      const r = await listVersionAction({ listId }).catch(() => null);
      const v = r?.data;
      if (stopped || !v) return;
      if (version.current !== v) {
        void queryClient.invalidateQueries({ queryKey: tableKeys.all });
        router.refresh();
      }
      version.current = v;
    };
    void tick();
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [listId, queryClient, router]);
  return null;
}
