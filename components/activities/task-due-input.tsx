"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { useReader } from "@/components/ui/use-reader";
import { actionMessage } from "@/lib/action-result";
import { dateInputValue, formatDay } from "@/lib/format/dates";
import { rescheduleTaskAction } from "@/lib/activities/actions";

/** The new due instant: the picked day at the task's time of day (9:00 for a task that had none), in the browser's zone. */
export function dueOnDay(day: string, previous: Date | null): Date | null {
  if (!day) return null;
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y!, m! - 1, d!, previous ? previous.getHours() : 9, previous ? previous.getMinutes() : 0);
}

/** My tasks' inline reschedule: a date input on the task; a change saves at once. */
export function TaskDueInput({ id, subject, dueAt }: { id: string; subject: string; dueAt: Date | null }) {
  const router = useRouter();
  const reader = useReader();
  const [pending, startTransition] = useTransition();
  // the day in the reader's zone; the server render (no zone known) shows UTC's day until hydrated
  const shown = dueAt ? dateInputValue(dueAt, reader.local ? undefined : "UTC") : "";
  // what was picked, shown until the refreshed task arrives (or the save fails)
  const [value, setValue] = useState<string | null>(null);
  const [seenDue, setSeenDue] = useState(dueAt?.getTime() ?? null);
  if (seenDue !== (dueAt?.getTime() ?? null)) {
    setSeenDue(dueAt?.getTime() ?? null);
    setValue(null);
  }
  const change = (day: string) => {
    setValue(day);
    startTransition(async () => {
      const next = dueOnDay(day, dueAt);
      const failure = actionMessage(await rescheduleTaskAction({ id, dueAt: next ? next.toISOString() : null }));
      if (failure) {
        setValue(null);
        toast.error(failure);
        return;
      }
      toast.success(next ? `${subject} is due ${formatDay(next, { locale: reader.locale, timeZone: reader.timeZone })}` : `${subject} has no due date now`);
      router.refresh();
    });
  };
  return (
    <input
      type="date"
      aria-label={`Due date of ${subject}`}
      className="rounded border border-slate-300 px-1.5 py-0.5 text-xs text-slate-700"
      value={value ?? shown}
      disabled={pending}
      onChange={(e) => change(e.target.value)}
    />
  );
}
