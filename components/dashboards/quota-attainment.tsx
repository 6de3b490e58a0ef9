"use client";
// Quota attainment of each rep in the current period (lib/dashboards/team.ts): won and
// committed against the target, the gap, and the pace line — where they should be today.
import Link from "next/link";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "@/components/charts/chart-figure";
import { useReader } from "@/components/ui/use-reader";
import type { TeamAttainment } from "@/lib/dashboards/team";
import { formatDay } from "@/lib/format/dates";
import { formatMoney, formatPercent } from "@/lib/format/money";
import { EmptyFigure } from "./widget-view";

const PERIOD = { MONTH: "Month", QUARTER: "Quarter", YEAR: "Year" } as const;

export function QuotaAttainmentView({ title, team, actions, tall = false, bare = true }: { title: string; team: TeamAttainment; actions?: React.ReactNode; tall?: boolean; bare?: boolean }) {
  const { locale } = useReader();
  const money = (v: number | null) => (v === null ? "—" : formatMoney(v, team.currency, { locale }));
  if (team.reps.length === 0) {
    return (
      <EmptyFigure
        title={title}
        actions={actions}
        message={
          <>
            No quota covers today ({formatDay(team.today, { locale })}). An admin or a manager sets them in{" "}
            <Link href="/settings/quotas" className="text-brand-700 underline">
              Settings → Quotas
            </Link>
            .
          </>
        }
      />
    );
  }
  const rows = team.reps.map((r) => ({
    rep: r.name,
    period: `${PERIOD[r.period]}, ${formatDay(r.start, { locale })} – ${formatDay(r.end, { locale })}`,
    target: money(r.revenueTarget),
    won: money(r.won),
    committed: money(r.committed),
    gap: money(r.gap),
    pace: money(r.pace),
    attainment: r.attainment === null ? "—" : formatPercent(r.attainment, locale),
    status: r.pace === null ? "—" : r.won >= r.pace ? "On pace" : "Behind pace",
  }));
  const data = team.reps.map((r) => ({ name: r.name, won: r.won, committed: r.committed, pace: r.pace, target: r.revenueTarget }));
  return (
    <ChartFigure
      title={title}
      fileName="quota-attainment"
      bare={bare}
      actions={actions}
      chartClassName={tall ? "h-[28rem]" : "h-56"}
      columns={[
        { key: "rep", label: "Rep" },
        { key: "period", label: "Period" },
        { key: "target", label: "Target" },
        { key: "won", label: "Won" },
        { key: "committed", label: "Committed (weighted)" },
        { key: "gap", label: "Gap" },
        { key: "pace", label: "Pace today" },
        { key: "attainment", label: "Attainment" },
        { key: "status", label: "Status" },
      ]}
      rows={rows}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} width={56} />
          <Tooltip formatter={(v) => money(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Bar dataKey="won" name="Won" stackId="a" fill="#10b981" isAnimationActive={false} />
          <Bar dataKey="committed" name="Committed" stackId="a" fill="#a7f3d0" isAnimationActive={false} />
          <Line dataKey="pace" name="Pace today" stroke="#f59e0b" strokeWidth={2} isAnimationActive={false} />
          <Line dataKey="target" name="Target" stroke="#475569" strokeDasharray="4 4" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
