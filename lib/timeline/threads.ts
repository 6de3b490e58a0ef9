// The timeline's email threads (pure, client-safe): the email entries of one thread (sent
// from the record, or synced from a mailbox) shown together, where the thread's newest one is.
import type { TimelineEntry } from "./types";

export type TimelineItem = { kind: "entry"; entry: TimelineEntry } | { kind: "thread"; threadId: string; entries: TimelineEntry[] };

export function threadOfEntry(e: TimelineEntry): string | null {
  if (e.kind !== "activity" || e.activity.activityType !== "EMAIL") return null;
  return e.activity.synced?.threadId ?? e.activity.email?.threadId ?? null;
}

/** Entries in order (newest first); a thread with two or more entries becomes one item, newest first inside. */
export function groupByThread(entries: readonly TimelineEntry[]): TimelineItem[] {
  const byThread = new Map<string, TimelineEntry[]>();
  for (const e of entries) {
    const t = threadOfEntry(e);
    if (t) byThread.set(t, [...(byThread.get(t) ?? []), e]);
  }
  const out: TimelineItem[] = [];
  const placed = new Set<string>();
  for (const e of entries) {
    const t = threadOfEntry(e);
    const group = t ? byThread.get(t)! : null;
    if (!t || !group || group.length < 2) out.push({ kind: "entry", entry: e });
    else if (!placed.has(t)) {
      placed.add(t);
      out.push({ kind: "thread", threadId: t, entries: group });
    }
  }
  return out;
}
