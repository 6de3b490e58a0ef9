"use client";
// The report's choices as a GET form: pipeline and period land in the URL, so a report can
// be shared by link and works without JavaScript; the date inputs show for a custom range.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass, TextField } from "@/components/ui/field";
import { BOARD_KINDS, capitalize } from "@/lib/board/kinds";
import type { PeriodKey } from "@/lib/reports/period";
import type { ReportPipeline } from "@/lib/reports/queries";

const PERIODS: { value: PeriodKey; label: string }[] = [
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "365", label: "Last 365 days" },
  { value: "custom", label: "Custom range" },
];

export function ReportFilters({ pipelines, pipelineId, period, fromDay, toDay }: { pipelines: ReportPipeline[]; pipelineId: string; period: PeriodKey; fromDay: string; toDay: string }) {
  const [chosen, setChosen] = useState(period);
  const types = [...new Set(pipelines.map((p) => p.objectType))];
  return (
    <form method="get" action="/reports" aria-label="Report options" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="space-y-1">
        <label htmlFor="report-pipeline" className="block text-sm font-medium text-slate-700">
          Pipeline
        </label>
        <select id="report-pipeline" name="pipeline" defaultValue={pipelineId} className={inputClass}>
          {types.map((t) => (
            <optgroup key={t} label={capitalize(BOARD_KINDS[t].plural)}>
              {pipelines
                .filter((p) => p.objectType === t)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.isActive ? "" : " (inactive)"}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="report-period" className="block text-sm font-medium text-slate-700">
          Period
        </label>
        <select id="report-period" name="period" value={chosen} onChange={(e) => setChosen(e.target.value as PeriodKey)} className={inputClass}>
          {PERIODS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      {chosen === "custom" ? (
        <>
          <TextField label="From" name="from" type="date" defaultValue={fromDay} required />
          <TextField label="To" name="to" type="date" defaultValue={toDay} required />
        </>
      ) : null}
      <Button type="submit">Show report</Button>
    </form>
  );
}
