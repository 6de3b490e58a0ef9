"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { actionMessage } from "@/lib/action-result";
import { completeTaskAction, reopenTaskAction } from "@/lib/activities/actions";
import { formatDateTime } from "@/lib/format/dates";
import { useIsClient } from "@/components/ui/use-reader";

/** Done / not done for one task; a recurring task answers with its next occurrence. */
export function TaskCheckbox({ id, subject, completed }: { id: string; subject: string; completed: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [checked, setChecked] = useState(completed);
  const [pending, startTransition] = useTransition();
  // a click before hydration would tick the box and do nothing: it waits for the page's script
  const ready = useIsClient();
  const toggle = (next: boolean) => {
    setChecked(next);
    startTransition(async () => {
      const r = next ? await completeTaskAction({ id }) : await reopenTaskAction({ id });
      const failure = actionMessage(r);
      if (failure) {
        setChecked(!next);
        toast.error(failure);
        return;
      }
      if (next) {
        const nextDue = (r?.data as { nextDueAt?: Date | null } | undefined)?.nextDueAt;
        toast.success(nextDue ? `Task completed; the next one is due ${formatDateTime(nextDue)}` : "Task completed");
      } else toast.success("Task reopened");
      await queryClient.invalidateQueries({ queryKey: ["timeline"] });
      router.refresh();
    });
  };
  return (
    <label className="inline-flex items-center gap-1.5 text-sm">
      <input type="checkbox" className="size-4 rounded border-slate-300" checked={checked} disabled={pending || !ready} onChange={(e) => toggle(e.target.checked)} />
      <span className="sr-only">Complete {subject}</span>
    </label>
  );
}
