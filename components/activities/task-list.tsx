// "My tasks" in four groups (overdue, today, upcoming, no due date); each task can be
// completed with its checkbox, rescheduled with its date input, and links to its record.
import Link from "next/link";
import { KIND_WORDS } from "@/components/record-form/fields";
import { DateTime } from "@/components/ui/date-time";
import { labelFor } from "@/lib/format/labels";
import { cn } from "@/components/ui/cn";
import type { TaskBuckets } from "@/lib/activities/buckets";
import type { TaskItem } from "@/lib/activities/queries";
import { describeRecurrence } from "@/lib/activities/recurrence";
import { TaskCheckbox } from "./task-checkbox";
import { TaskDueInput } from "./task-due-input";

const GROUPS = [
  { key: "overdue", title: "Overdue", empty: "Nothing overdue." },
  { key: "today", title: "Today", empty: "Nothing else due today." },
  { key: "upcoming", title: "Upcoming", empty: "Nothing upcoming." },
  { key: "noDueDate", title: "No due date", empty: "Every task has a due date." },
] as const;

const PRIORITY_STYLE: Record<string, string> = { urgent: "bg-red-100 text-red-800", high: "bg-amber-100 text-amber-800", medium: "bg-slate-100 text-slate-700", low: "bg-slate-50 text-slate-500" };

function Task({ t, overdue }: { t: TaskItem; overdue: boolean }) {
  return (
    <li className="flex items-start gap-3 rounded-md border border-slate-200 bg-white p-3">
      <TaskCheckbox id={t.id} subject={t.subject} completed={false} />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium">{t.subject}</p>
        <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-600">
          {t.recordType && t.recordId ? (
            t.recordTitle ? (
              <Link href={`/${KIND_WORDS[t.recordType].collection}/${t.recordId}`} className="font-medium text-brand-700 underline decoration-brand-200 underline-offset-2 hover:decoration-brand-700">
                {t.recordTitle}
              </Link>
            ) : (
              <span>(record deleted)</span>
            )
          ) : null}
          {t.dueAt ? (
            <span className={overdue ? "font-medium text-red-700" : ""}>
              Due <DateTime value={t.dueAt} mode="absolute" />
            </span>
          ) : null}
          {t.assignedGroupName && !t.assignedUserId ? <span>For {t.assignedGroupName}</span> : null}
          {t.recurrenceRule ? <span>Repeats {describeRecurrence(t.recurrenceRule)}</span> : null}
        </p>
      </div>
      <TaskDueInput id={t.id} subject={t.subject} dueAt={t.dueAt} />
      {t.priority ? <span className={cn("rounded px-1.5 py-0.5 text-xs", PRIORITY_STYLE[t.priority])}>{labelFor("PRIORITIES", t.priority)}</span> : null}
    </li>
  );
}

export function TaskList({ buckets }: { buckets: TaskBuckets<TaskItem> }) {
  const none = GROUPS.every((g) => buckets[g.key].length === 0);
  return (
    <div className="space-y-6">
      {none ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          <p className="font-medium text-slate-800">No open tasks</p>
          <p className="mt-1">
            Open a contact, company or deal and use <strong>Create task</strong> beside Log activity: a follow-up with a due date lands here, grouped by when it is due.{" "}
            <Link href="/contacts" className="text-brand-700 underline underline-offset-2">
              Go to contacts
            </Link>
          </p>
        </div>
      ) : null}
      {GROUPS.map((g) => (
        <section key={g.key} aria-labelledby={`tasks-${g.key}`}>
          <h2 id={`tasks-${g.key}`} className="mb-2 text-sm font-semibold text-slate-800">
            {g.title} <span className="font-normal text-slate-500">({buckets[g.key].length})</span>
          </h2>
          {buckets[g.key].length === 0 ? (
            <p className="text-sm text-slate-500">{g.empty}</p>
          ) : (
            <ul aria-label={`${g.title} tasks`} className="space-y-2">
              {buckets[g.key].map((t) => (
                <Task key={t.id} t={t} overdue={g.key === "overdue"} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
