"use client";
// Average and median days per stage as bars. A picture of the table next to it, which
// carries the same figures for screen readers (so the chart itself is hidden from them).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDays } from "@/lib/format/durations";

export interface DwellBar {
  name: string;
  averageDays: number | null;
  medianDays: number | null;
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export function DwellChart({ stages }: { stages: DwellBar[] }) {
  const data = stages.map((s) => ({ name: s.name, average: round1(s.averageDays), median: round1(s.medianDays) }));
  // Nothing to draw until some stay lasted long enough to show at this scale.
  if (!data.some((d) => (d.average ?? 0) > 0)) return null;
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">Days in stage</figcaption>
      <div aria-hidden className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
            <YAxis tick={{ fontSize: 12 }} allowDecimals={false} width={36} />
            <Tooltip formatter={(v) => formatDays(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="average" name="Average" fill="#6366f1" radius={[3, 3, 0, 0]} />
            <Bar dataKey="median" name="Median" fill="#a5b4fc" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
