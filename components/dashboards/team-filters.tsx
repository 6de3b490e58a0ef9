"use client";
// The Team page's period and group, kept in the URL with nuqs (lib/dashboards/team-url.ts):
// a change re-renders the page on the server, and the link can be shared.
import { useQueryStates } from "nuqs";
import { useId } from "react";
import { inputClass } from "@/components/ui/field";
import { PERIOD_LABELS, PERIOD_PRESETS } from "@/lib/dashboards/schemas";
import { teamUrlParsers } from "@/lib/dashboards/team-url";

export function TeamFilters({ groups }: { groups: { id: string; name: string }[] }) {
  const [url, setUrl] = useQueryStates(teamUrlParsers, { shallow: false, history: "push" });
  const id = useId();
  return (
    <form aria-label="Team report options" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" onSubmit={(e) => e.preventDefault()}>
      <div className="space-y-1">
        <label htmlFor={`${id}-period`} className="block text-sm font-medium text-slate-700">
          Period
        </label>
        <select id={`${id}-period`} value={url.period} onChange={(e) => void setUrl({ period: e.target.value as typeof url.period })} className={inputClass}>
          {PERIOD_PRESETS.map((p) => (
            <option key={p} value={p}>
              {PERIOD_LABELS[p]}
            </option>
          ))}
          <option value="custom">Custom range</option>
        </select>
      </div>
      {url.period === "custom" ? (
        <>
          <div className="space-y-1">
            <label htmlFor={`${id}-from`} className="block text-sm font-medium text-slate-700">
              From
            </label>
            <input id={`${id}-from`} type="date" value={url.from} onChange={(e) => void setUrl({ from: e.target.value })} className={inputClass} />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-to`} className="block text-sm font-medium text-slate-700">
              To
            </label>
            <input id={`${id}-to`} type="date" value={url.to} onChange={(e) => void setUrl({ to: e.target.value })} className={inputClass} />
          </div>
        </>
      ) : null}
      <div className="space-y-1">
        <label htmlFor={`${id}-group`} className="block text-sm font-medium text-slate-700">
          Group
        </label>
        <select id={`${id}-group`} value={url.group ?? ""} onChange={(e) => void setUrl({ group: e.target.value || null })} className={inputClass}>
          <option value="">Everyone</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
