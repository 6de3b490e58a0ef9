"use client";

import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { toast } from "sonner";
import { setAutomationEnabledAction } from "@/lib/automations/actions";
import { actionMessage } from "@/lib/action-result";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { actionTypeLabel, entityLabel, percent, scopeLabel, triggerLabel } from "./labels";
import { StatusBadge } from "./shared";

export interface AutomationRow {
  id: string;
  name: string;
  entityType: string;
  scopeType: string;
  targetLabel: string;
  triggerEvent: string;
  actionType: string;
  enabled: boolean;
  priority: number;
  lastRun: { status: string; at: string } | null;
  runs7d: number;
  successRate7d: number | null;
}

export function AutomationsTable({ rows, canManage }: { rows: AutomationRow[]; canManage: boolean }) {
  if (rows.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
        No automations yet.{canManage ? " Create one to call a webhook, run workflow steps, publish an event or ask the AI when something happens to a record." : ""}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Automations of this workspace, in priority order</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">Name</th>
            <th scope="col" className="px-4 py-2">Scope</th>
            <th scope="col" className="px-4 py-2">Trigger</th>
            <th scope="col" className="px-4 py-2">Action</th>
            <th scope="col" className="px-4 py-2">Enabled</th>
            <th scope="col" className="px-4 py-2">Last run</th>
            <th scope="col" className="px-4 py-2">7-day success</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((a) => (
            <tr key={a.id} className={a.enabled ? undefined : "text-slate-500"}>
              <th scope="row" className="px-4 py-2 text-left font-medium">
                <Link href={`/settings/automations/${a.id}`} className="text-brand-700 hover:underline">
                  {a.name}
                </Link>
                <span className="block text-xs font-normal text-slate-500">
                  {entityLabel(a.entityType)} · priority {a.priority}
                </span>
              </th>
              <td className="px-4 py-2">
                {scopeLabel(a.scopeType)}
                {a.targetLabel ? <span className="block text-xs text-slate-600">{a.targetLabel}</span> : null}
              </td>
              <td className="px-4 py-2 whitespace-nowrap">{triggerLabel(a.triggerEvent)}</td>
              <td className="px-4 py-2">{actionTypeLabel(a.actionType)}</td>
              <td className="px-4 py-2">{canManage ? <EnabledToggle id={a.id} name={a.name} enabled={a.enabled} /> : <Badge tone={a.enabled ? "green" : "neutral"}>{a.enabled ? "On" : "Off"}</Badge>}</td>
              <td className="px-4 py-2 whitespace-nowrap">
                {a.lastRun ? (
                  <>
                    <StatusBadge status={a.lastRun.status} />
                    <DateTime value={a.lastRun.at} className="block text-xs text-slate-600" />
                  </>
                ) : (
                  "Never"
                )}
              </td>
              <td className="px-4 py-2 whitespace-nowrap">
                {percent(a.successRate7d)}
                <span className="block text-xs text-slate-600">
                  {a.runs7d} run{a.runs7d === 1 ? "" : "s"}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A switch (a checkbox with role="switch"): on/off saves at once and says so. */
function EnabledToggle({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  const action = useAction(setAutomationEnabledAction);
  const pending = action.isExecuting;
  const shown = pending && action.input ? action.input.enabled : enabled;
  return (
    <label className="inline-flex cursor-pointer items-center gap-2">
      <input
        type="checkbox"
        role="switch"
        className="peer sr-only"
        checked={shown}
        disabled={pending}
        aria-label={`Enabled: ${name}`}
        onChange={async (e) => {
          const next = e.target.checked;
          const r = await action.executeAsync({ automationId: id, enabled: next });
          const err = actionMessage(r);
          if (err) toast.error(err);
          else toast.success(`${name} ${next ? "enabled" : "disabled"}`);
        }}
      />
      <span
        aria-hidden
        className="relative h-5 w-9 rounded-full bg-slate-300 transition-colors peer-checked:bg-brand-600 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 peer-focus-visible:ring-offset-1 after:absolute after:left-0.5 after:top-0.5 after:size-4 after:rounded-full after:bg-white after:transition-transform peer-checked:after:translate-x-4"
      />
      <span className="text-xs text-slate-600">{shown ? "On" : "Off"}</span>
    </label>
  );
}
