"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { tableKeys } from "@/components/data-table/use-table-rows";
import { useLiveEvents } from "@/components/live/live-events";

/**
 * Keeps a list page true while it is open: when the list changes (members joined or left —
 * the worker changes dynamic members within a second of a record change — a refresh, an
 * edit), the live stream says so and the page reloads the table and its server-rendered parts.
 */
export function LiveMembers({ listId }: { listId: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: tableKeys.all });
    router.refresh();
  }, [queryClient, router]);
  useLiveEvents(`list:${listId}`, refresh);
  return null;
}
