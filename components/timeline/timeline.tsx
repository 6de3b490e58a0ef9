"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { ArrowRightLeft, CalendarClock, CheckSquare, Mail, PencilLine, Phone, Sparkles, StickyNote, Users } from "lucide-react";
import { actionData } from "@/lib/action-result";
import { timelinePageAction } from "@/lib/timeline/actions";
import { Button } from "@/components/ui/button";
import { activityNoun, fieldLabel, valueText } from "@/lib/timeline/labels";
import type { TimelineEntry } from "@/lib/timeline/types";
import type { TimelinePage } from "@/lib/timeline/queries";
import { PinButton } from "@/components/activities/pin-button";
import { TaskCheckbox } from "@/components/activities/task-checkbox";
import { communicationSummary } from "@/lib/activities/summary";
import { DateTime } from "@/components/ui/date-time";
import { labelFor } from "@/lib/format/labels";
import { EmailFacts } from "@/components/email/email-facts";
import { SyncedEmailFacts } from "@/components/email/synced-email";
import { groupByThread } from "@/lib/timeline/threads";

type Kind = "COMPANY" | "CONTACT" | "DEAL" | "LEAD" | "TICKET";

export const timelineKey = (kind: Kind, id: string) => ["timeline", kind, id] as const;

const ICONS = { CALL: Phone, EMAIL: Mail, MEETING: Users, NOTE: StickyNote, TASK: CheckSquare };

function Who({ entry }: { entry: TimelineEntry }) {
  return entry.actor ? <span className="font-medium text-slate-800">{entry.actor.name}</span> : <span className="font-medium text-slate-800">The system</span>;
}

export function EntryBody({ entry, canLog }: { entry: TimelineEntry; canLog: boolean }) {
  switch (entry.kind) {
    case "activity": {
      const a = entry.activity;
      const Icon = ICONS[a.activityType];
      const summary = a.activityType === "TASK" ? null : communicationSummary(a);
      return (
        <>
          <Icon className="mt-0.5 size-4 shrink-0 text-brand-600" aria-hidden />
          <div className="min-w-0 flex-1">
            {a.synced ? (
              <p className="text-sm">
                {a.synced.direction === "INBOUND" ? "Email received" : "Email sent"}: <span className="font-medium">{a.subject}</span>
              </p>
            ) : (
            <p className="text-sm">
              <Who entry={entry} /> {a.activityType === "TASK" ? "created a task" : a.email ? "sent an email" : `logged ${activityNoun(a.activityType) === "email" ? "an" : "a"} ${activityNoun(a.activityType)}`}:{" "}
              <span className={a.completedAt ? "font-medium line-through" : "font-medium"}>{a.subject}</span>
            </p>
            )}
            {a.synced ? <SyncedEmailFacts email={a.synced} subject={a.subject} /> : null}
            {summary && !a.email && !a.synced ? <p className="mt-0.5 text-xs font-medium text-slate-600">{summary}</p> : null}
            {a.email ? <EmailFacts email={a.email} /> : null}
            {a.body ? <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{a.body}</p> : null}
            {a.activityType === "TASK" ? (
              <div className="mt-1 flex flex-wrap items-center gap-3 text-xs text-slate-600">
                {canLog ? <TaskCheckbox id={entry.id} subject={a.subject} completed={!!a.completedAt} /> : null}
                {a.dueAt ? (
                  <span className="inline-flex items-center gap-1">
                    <CalendarClock className="size-3.5" aria-hidden /> Due <DateTime value={a.dueAt} mode="absolute" />
                  </span>
                ) : null}
                {a.assignedUserName || a.assignedGroupName ? <span>For {a.assignedUserName ?? a.assignedGroupName}</span> : null}
                {a.priority ? <span>{labelFor("PRIORITIES", a.priority)} priority</span> : null}
                {a.recurrenceRule ? <span>Repeats</span> : null}
              </div>
            ) : null}
            {a.activityType === "NOTE" && canLog ? (
              <div className="mt-1">
                <PinButton id={entry.id} subject={a.subject} pinned={!!a.pinnedAt} />
              </div>
            ) : null}
          </div>
        </>
      );
    }
    case "stage":
      return (
        <>
          <ArrowRightLeft className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
          <p className="min-w-0 flex-1 text-sm">
            <Who entry={entry} /> moved it from <span className="font-medium">{entry.stage.fromStageName ?? "a deleted stage"}</span> to{" "}
            <span className="font-medium">{entry.stage.toStageName ?? "a deleted stage"}</span>
            {entry.stage.isOverride ? <span className="text-red-700"> (forced{entry.stage.overrideReason ? `: ${entry.stage.overrideReason}` : ""})</span> : null}
            {entry.stage.reason ? <span className="text-slate-600"> — {entry.stage.reason}</span> : null}
          </p>
        </>
      );
    case "change":
      return (
        <>
          <PencilLine className="mt-0.5 size-4 shrink-0 text-slate-500" aria-hidden />
          <div className="min-w-0 flex-1 text-sm">
            <p>
              <Who entry={entry} /> changed {Object.keys(entry.changes).length === 1 ? "a field" : `${Object.keys(entry.changes).length} fields`}
              {entry.source !== "USER" ? <span className="text-slate-500"> (via {labelFor("CHANGE_SOURCES", entry.source)})</span> : null}
            </p>
            <ul className="mt-1 space-y-0.5 text-slate-700">
              {Object.entries(entry.changes).map(([field, c]) => (
                <li key={field}>
                  <span className="font-medium">{fieldLabel(field)}</span>: <span className="text-slate-500">{valueText(c.from, 80, field)}</span> → {valueText(c.to, 80, field)}
                </li>
              ))}
            </ul>
          </div>
        </>
      );
    default:
      return (
        <>
          <Sparkles className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden />
          <p className="min-w-0 flex-1 text-sm">
            <Who entry={entry} /> created it{entry.stageName ? <> in <span className="font-medium">{entry.stageName}</span></> : null}
          </p>
        </>
      );
  }
}

/** The record's merged history, newest first; more pages load on demand. */
export function Timeline({ kind, id, initial, canLog }: { kind: Kind; id: string; initial: TimelinePage; canLog: boolean }) {
  const query = useInfiniteQuery({
    queryKey: timelineKey(kind, id),
    queryFn: ({ pageParam }) => actionData(timelinePageAction({ kind, id, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initial], pageParams: [null] },
    // Each visit starts from the page the server just rendered, not an older cached copy.
    gcTime: 0,
  });
  const entries = query.data.pages.flatMap((p) => p.data);
  const items = groupByThread(entries);
  return (
    <div>
      {entries.length === 0 ? <p className="text-sm text-slate-500">Nothing has happened here yet.</p> : null}
      <ol aria-label="Timeline" className="space-y-3">
        {items.map((item) =>
          item.kind === "entry" ? (
            <li key={`${item.entry.kind}:${item.entry.id}`} className="flex gap-3 rounded-md border border-slate-200 bg-white p-3">
              <EntryBody entry={item.entry} canLog={canLog} />
              <DateTime value={item.entry.at} className="shrink-0 text-xs text-slate-500" />
            </li>
          ) : (
            <li key={`thread:${item.threadId}`} className="rounded-md border border-slate-200 bg-white p-3">
              <p className="mb-2 text-xs font-medium text-slate-600">Email thread · {item.entries.length} messages</p>
              <ol aria-label="Email thread" className="space-y-2 border-l-2 border-brand-100 pl-3">
                {item.entries.map((e) => (
                  <li key={`${e.kind}:${e.id}`} className="flex gap-3">
                    <EntryBody entry={e} canLog={canLog} />
                    <DateTime value={e.at} className="shrink-0 text-xs text-slate-500" />
                  </li>
                ))}
              </ol>
            </li>
          ),
        )}
      </ol>
      {query.isError ? (
        <p role="alert" className="mt-2 text-sm text-red-600">
          {query.error.message}
        </p>
      ) : null}
      {query.hasNextPage ? (
        <div className="mt-3 flex justify-center">
          <Button variant="secondary" size="sm" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {query.isFetchingNextPage ? "Loading…" : "Show older"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
