// "My tasks" groups: pure, so the boundaries are tested without a database or a clock.
import { endOfDay } from "date-fns";

export interface TaskBuckets<T> {
  overdue: T[];
  today: T[];
  upcoming: T[];
  /** Open tasks nobody gave a date: listed on their own, so they are not mistaken for "later". */
  noDueDate: T[];
}

/**
 * Overdue: due before now. Today: due from now to the end of today. Upcoming: later. No
 * due date: the rest (oldest id first, for a stable order). Each dated group is soonest first. `endOfToday` defaults to the
 * end of `now`'s day in the server's time zone.
 */
export function bucketTasks<T extends { dueAt: Date | null; id: string }>(tasks: readonly T[], now: Date, endOfToday: Date = endOfDay(now)): TaskBuckets<T> {
  const byDue = [...tasks].sort((a, b) => {
    if (a.dueAt && b.dueAt) return a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id);
    if (a.dueAt) return -1;
    if (b.dueAt) return 1;
    return a.id.localeCompare(b.id);
  });
  const out: TaskBuckets<T> = { overdue: [], today: [], upcoming: [], noDueDate: [] };
  for (const t of byDue) {
    if (!t.dueAt) out.noDueDate.push(t);
    else if (t.dueAt < now) out.overdue.push(t);
    else if (t.dueAt <= endOfToday) out.today.push(t);
    else out.upcoming.push(t);
  }
  return out;
}
