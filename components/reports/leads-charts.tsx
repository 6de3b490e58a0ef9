"use client";
// Pictures of the leads tables next to them (which carry the same figures for screen
// readers, so the charts are hidden from them): leads by source stacked by status, and
// the distribution of scores.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { LEAD_STATUSES } from "@/db/schema/enums";
import { labelFor } from "@/lib/format/labels";
import type { LeadSourceRow, ScoreBucket } from "@/lib/reports/leads";

const STATUS_COLORS: Record<(typeof LEAD_STATUSES)[number], string> = { new: "#94a3b8", contacted: "#60a5fa", qualified: "#6366f1", unqualified: "#f87171", converted: "#10b981" };

function ChartFrame({ caption, children }: { caption: string; children: React.ReactElement }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">{caption}</figcaption>
      <div aria-hidden className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function LeadsBySourceChart({ rows }: { rows: LeadSourceRow[] }) {
  const data = rows.filter((r) => !r.total).map((r) => ({ name: r.source ?? "No source", ...r.byStatus }));
  if (!data.length) return null;
  return (
    <ChartFrame caption="Leads by source and status">
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
        <YAxis tick={{ fontSize: 12 }} allowDecimals={false} width={36} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {LEAD_STATUSES.map((s) => (
          <Bar key={s} dataKey={s} name={labelFor("LEAD_STATUSES", s)} stackId="status" fill={STATUS_COLORS[s]} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}

export function ScoreDistributionChart({ buckets }: { buckets: ScoreBucket[] }) {
  if (!buckets.some((b) => b.leads > 0)) return null;
  return (
    <ChartFrame caption="Scores of the period's leads">
      <BarChart accessibilityLayer={false} data={buckets} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
        <YAxis tick={{ fontSize: 12 }} allowDecimals={false} width={36} />
        <Tooltip />
        <Bar dataKey="leads" name="Leads" fill="#6366f1" radius={[3, 3, 0, 0]} />
      </BarChart>
    </ChartFrame>
  );
}
