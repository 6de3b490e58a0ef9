"use client";
// Rep performance (lib/dashboards/team.ts): a table per rep and two charts (activities by
// type; deals won and lost), each with its table view and CSV.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "@/components/charts/chart-figure";
import { useReader } from "@/components/ui/use-reader";
import { ACTIVITY_TYPES } from "@/db/schema/enums";
import type { PerformanceReport } from "@/lib/dashboards/team";
import { formatDay } from "@/lib/format/dates";
import { formatMoney, formatPercent } from "@/lib/format/money";
import { PALETTE } from "./widget-view";

const TYPE_LABELS: Record<(typeof ACTIVITY_TYPES)[number], string> = { CALL: "Calls", EMAIL: "Emails", MEETING: "Meetings", NOTE: "Notes", TASK: "Tasks" };

export function RepPerformanceView({ report }: { report: PerformanceReport }) {
  const { locale } = useReader();
  if (report.reps.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No members match. Choose another group, or invite your team in Settings → Users.</p>;
  const rows = report.reps.map((r) => ({
    rep: r.name,
    ...Object.fromEntries(ACTIVITY_TYPES.map((t) => [t, r.activities[t]])),
    created: r.dealsCreated,
    won: r.dealsWon,
    lost: r.dealsLost,
    winRate: r.winRate === null ? "—" : formatPercent(r.winRate, locale),
    cycle: r.averageCycleDays,
    wonValue: formatMoney(r.wonValue, report.currency, { locale }),
    converted: r.leadsConverted,
  }));
  const columns = [
    { key: "rep", label: "Rep" },
    ...ACTIVITY_TYPES.map((t) => ({ key: t, label: TYPE_LABELS[t] })),
    { key: "created", label: "Deals created" },
    { key: "won", label: "Won" },
    { key: "lost", label: "Lost" },
    { key: "winRate", label: "Win rate" },
    { key: "cycle", label: "Avg cycle (days)" },
    { key: "wonValue", label: "Won value" },
    { key: "converted", label: "Leads converted" },
  ];
  const file = (what: string) => `team-${what}-${report.from}-${report.to}`;
  const chartData = report.reps.map((r) => ({ name: r.name, ...r.activities, won: r.dealsWon, lost: r.dealsLost, created: r.dealsCreated }));
  return (
    <div className="space-y-4">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">
            Rep performance, {formatDay(report.from, { locale })} to {formatDay(report.to, { locale })}
          </caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              {columns.map((c) => (
                <th key={c.key} scope="col" className="px-3 py-2 font-medium">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.rep} className="border-b border-slate-100">
                {columns.map((c, j) =>
                  j === 0 ? (
                    <th key={c.key} scope="row" className="px-3 py-1.5 font-medium">
                      {String(r.rep)}
                    </th>
                  ) : (
                    <td key={c.key} className="px-3 py-1.5 tabular-nums">
                      {String((r as Record<string, unknown>)[c.key] ?? "—")}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartFigure title="Activities logged by type" fileName={file("activities")} columns={[{ key: "rep", label: "Rep" }, ...ACTIVITY_TYPES.map((t) => ({ key: t, label: TYPE_LABELS[t] }))]} rows={rows}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={chartData} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
              <XAxis dataKey="name" tick={{ fontSize: 11 }} />
              <YAxis tick={{ fontSize: 11 }} allowDecimals={false} width={36} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              {ACTIVITY_TYPES.map((t, i) => (
                <Bar key={t} dataKey={t} name={TYPE_LABELS[t]} stackId="a" fill={PALETTE[i]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
        <ChartFigure title="Deals created, won and lost" fileName={file("deals")} columns={[{ key: "rep", label: "Rep" }, { key: "created", label: "Created" }, { key: "won", label: "Won" }, { key: "lost", label: "Lost" }, { key: "winRate", label: "Win rate" }]} rows={rows}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={chartData} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
              <XAxis dataKey="name" tick={{ fontSize: 11 }} />
              <YAxis tick={{ fontSize: 11 }} allowDecimals={false} width={36} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              <Bar dataKey="created" name="Created" fill="#6366f1" isAnimationActive={false} />
              <Bar dataKey="won" name="Won" fill="#10b981" isAnimationActive={false} />
              <Bar dataKey="lost" name="Lost" fill="#ef4444" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      </div>
    </div>
  );
}
