"use client";
// The timeline's "Pinned" section: the record's pinned notes, above the timeline. Shares
// the timeline's query key prefix, so whatever refreshes the timeline refreshes it too.
import { useQuery } from "@tanstack/react-query";
import { Pin } from "lucide-react";
import { actionData } from "@/lib/action-result";
import { pinnedNotesAction } from "@/lib/timeline/actions";
import type { TimelineEntry } from "@/lib/timeline/types";
import { DateTime } from "@/components/ui/date-time";
import { EntryBody, timelineKey } from "./timeline";

type Kind = Parameters<typeof timelineKey>[0];

export function PinnedNotes({ kind, id, initial, canPin }: { kind: Kind; id: string; initial: TimelineEntry[]; canPin: boolean }) {
  const query = useQuery({
    queryKey: [...timelineKey(kind, id), "pinned"],
    queryFn: () => actionData(pinnedNotesAction({ kind, id })),
    initialData: initial,
    gcTime: 0,
  });
  if (query.data.length === 0) return null;
  return (
    <section aria-labelledby="pinned-heading" className="rounded-lg border border-amber-200 bg-amber-50/60 p-3">
      <h3 id="pinned-heading" className="mb-2 flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide text-amber-800">
        <Pin className="size-3.5" aria-hidden /> Pinned
      </h3>
      <ol aria-label="Pinned notes" className="space-y-2">
        {query.data.map((e) => (
          <li key={e.id} className="flex gap-3 rounded-md border border-slate-200 bg-white p-3">
            <EntryBody entry={e} canLog={canPin} />
            <DateTime value={e.at} className="shrink-0 text-xs text-slate-500" />
          </li>
        ))}
      </ol>
    </section>
  );
}
