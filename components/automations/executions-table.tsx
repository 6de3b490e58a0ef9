"use client";

// The execution log: one row per execution, a link to its detail, and (for admins) a
// selection that can be redelivered.
import { RotateCcw } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { redeliverExecutionsAction } from "@/lib/automations/actions";
import { actionMessage } from "@/lib/action-result";
import { MaybeDateTime } from "@/components/ui/date-time";
import { formatDateTime } from "@/lib/format/dates";
import { Button } from "@/components/ui/button";
import { entitySingular, recordHref, triggerLabel } from "./labels";
import { StatusBadge } from "./shared";

export interface ExecutionRow {
  id: string;
  automationId: string;
  automationName: string;
  status: string;
  triggerEvent: string;
  entityType: string;
  entityId: string;
  /** null once the record is deleted */
  entityTitle: string | null;
  attempts: number;
  responseCode: number | null;
  triggeredAt: string;
  completedAt: string | null;
}

export function ExecutionsTable({ rows, canManage, showAutomation = true }: { rows: ExecutionRow[]; canManage: boolean; showAutomation?: boolean }) {
  const router = useRouter();
  const redeliver = useAction(redeliverExecutionsAction);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const visible = rows.filter((r) => selected.has(r.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  if (rows.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No executions match.</p>;

  return (
    <div className="space-y-2">
      {canManage ? (
        <div className="flex items-center gap-3">
          <Button
            size="sm"
            variant="secondary"
            disabled={visible.length === 0 || redeliver.isExecuting}
            onClick={async () => {
              const r = await redeliver.executeAsync({ ids: visible.map((v) => v.id) });
              const err = actionMessage(r);
              if (err) return void toast.error(err);
              const n = r.data?.requeued ?? 0;
              toast.success(`${n} execution${n === 1 ? "" : "s"} queued for redelivery`);
              setSelected(new Set());
              router.refresh();
            }}
          >
            <RotateCcw className="size-4" aria-hidden /> Redeliver{visible.length ? ` ${visible.length}` : ""}
          </Button>
          <span className="text-sm text-slate-600" aria-live="polite">
            {visible.length ? `${visible.length} selected` : "Select executions to deliver them again."}
          </span>
        </div>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Executions, newest first</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              {canManage ? (
                <th scope="col" className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select all executions"
                    checked={visible.length === rows.length}
                    onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                  />
                </th>
              ) : null}
              <th scope="col" className="px-3 py-2">Status</th>
              {showAutomation ? <th scope="col" className="px-3 py-2">Automation</th> : null}
              <th scope="col" className="px-3 py-2">Trigger</th>
              <th scope="col" className="px-3 py-2">Record</th>
              <th scope="col" className="px-3 py-2">Attempts</th>
              <th scope="col" className="px-3 py-2">Response</th>
              <th scope="col" className="px-3 py-2">Triggered</th>
              <th scope="col" className="px-3 py-2">Completed</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id} className="hover:bg-slate-50" data-execution-id={r.id}>
                {canManage ? (
                  <td className="px-3 py-2">
                    <input type="checkbox" aria-label={`Select execution of ${r.automationName} at ${formatDateTime(r.triggeredAt, { timeZone: "UTC", precise: true })}`} checked={selected.has(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} />
                  </td>
                ) : null}
                <td className="px-3 py-2">
                  <Link href={`/settings/automations/executions/${r.id}`} className="hover:underline" aria-label={`Execution ${r.status.toLowerCase()}: ${r.automationName}, details`}>
                    <StatusBadge status={r.status} />
                  </Link>
                </td>
                {showAutomation ? (
                  <td className="px-3 py-2">
                    <Link href={`/settings/automations/${r.automationId}`} className="text-brand-700 hover:underline">
                      {r.automationName}
                    </Link>
                  </td>
                ) : null}
                <td className="px-3 py-2 whitespace-nowrap">{triggerLabel(r.triggerEvent)}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <Link href={recordHref(r.entityType, r.entityId)} className="text-brand-700 hover:underline">
                    {r.entityTitle ?? `${entitySingular(r.entityType)} ${r.entityId.slice(0, 8)} (deleted)`}
                  </Link>
                </td>
                <td className="px-3 py-2">{r.attempts}</td>
                <td className="px-3 py-2 font-mono text-xs" data-testid="response-code">{r.responseCode ?? "—"}</td>
                <td className="px-3 py-2 whitespace-nowrap"><MaybeDateTime value={r.triggeredAt} mode="absolute" precise />
                </td>
                <td className="px-3 py-2 whitespace-nowrap"><MaybeDateTime value={r.completedAt} mode="absolute" precise />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
