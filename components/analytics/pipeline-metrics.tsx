"use client";
// /reports → Pipeline metrics: KPI tiles beside the previous period of equal length, a
// funnel of stage conversion, velocity (average days) per stage, and moves forward and
// backward. Every chart has its table view and CSV (ChartFigure). Figures come from
// lib/analytics/metrics.ts, the same query as GET /pipelines/{id}/metrics.
import { Bar, BarChart, CartesianGrid, Funnel, FunnelChart, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "@/components/charts/chart-figure";
import { useReader } from "@/components/ui/use-reader";
import type { PipelineMetrics } from "@/lib/analytics/metrics";
import { formatDays } from "@/lib/format/durations";
import { formatCount, formatMoney, formatPercent } from "@/lib/format/money";

const FUNNEL_COLORS = ["#4f46e5", "#6366f1", "#818cf8", "#a5b4fc", "#c7d2fe", "#e0e7ff"];

interface Tile {
  label: string;
  now: number | null;
  before: number | null;
  format: (v: number) => string;
  /** A rise is bad news (lost deals, lost value). */
  lowerIsBetter?: boolean;
}

function Delta({ tile }: { tile: Tile }) {
  if (tile.now === null || tile.before === null || tile.now === tile.before) return <span className="text-slate-500">no change</span>;
  const up = tile.now > tile.before;
  const good = up !== !!tile.lowerIsBetter;
  const pct = tile.before !== 0 ? ` (${up ? "+" : ""}${formatPercent((tile.now - tile.before) / Math.abs(tile.before))})` : "";
  return <span className={good ? "text-emerald-700" : "text-rose-700"}>{up ? "▲ up" : "▼ down"}{pct}</span>;
}

export function PipelineMetricsView({ current, previous, currency, plural }: { current: PipelineMetrics; previous: PipelineMetrics; currency: string; plural: string }) {
  const { locale } = useReader();
  const money = (v: number) => formatMoney(v, currency, { locale });
  const n = (v: string | null) => (v === null ? null : Number(v));
  const count = (v: number) => formatCount(v, locale);
  const days = (v: number) => formatDays(v, locale);
  const pct = (v: number) => formatPercent(v, locale);
  const deals = current.pipelineValue !== null;
  const tiles: Tile[] = [
    { label: `${plural} created`, now: current.created, before: previous.created, format: count },
    { label: "Won", now: current.won, before: previous.won, format: count },
    { label: "Lost", now: current.lost, before: previous.lost, format: count, lowerIsBetter: true },
    { label: "Active at period end", now: current.active, before: previous.active, format: count },
    { label: "Win rate", now: current.winRate, before: previous.winRate, format: pct },
    ...(deals
      ? [
          { label: "Pipeline value", now: n(current.pipelineValue), before: n(previous.pipelineValue), format: money },
          { label: "Weighted value", now: n(current.weightedValue), before: n(previous.weightedValue), format: money },
          { label: "Won value", now: n(current.wonValue), before: n(previous.wonValue), format: money },
          { label: "Lost value", now: n(current.lostValue), before: n(previous.lostValue), format: money, lowerIsBetter: true },
          { label: "Average deal size", now: n(current.averageDealSize), before: n(previous.averageDealSize), format: money },
        ]
      : []),
    { label: "Average cycle", now: current.averageCycleDays, before: previous.averageCycleDays, format: days, lowerIsBetter: true },
    { label: "Moved forward", now: current.movedForward, before: previous.movedForward, format: count },
    { label: "Moved backward", now: current.movedBackward, before: previous.movedBackward, format: count, lowerIsBetter: true },
  ];
  const prevOf = new Map(previous.stages.map((s) => [s.stageId, s]));
  const funnel = current.stages.filter((s) => s.stageState !== "DONE_FAILED");
  const funnelRows = funnel.map((s) => ({ stage: s.name, entered: s.entered, conversion: s.conversionToNext === null ? null : pct(s.conversionToNext), previousEntered: prevOf.get(s.stageId)?.entered ?? 0 }));
  const velocityRows = current.stages.map((s) => ({ stage: s.name, averageDays: s.averageDays === null ? null : Math.round(s.averageDays * 10) / 10, previousDays: prevOf.get(s.stageId)?.averageDays == null ? null : Math.round(prevOf.get(s.stageId)!.averageDays! * 10) / 10, exited: s.exited }));
  const moveRows = [
    { direction: "Forward", current: current.movedForward, previous: previous.movedForward },
    { direction: "Backward", current: current.movedBackward, previous: previous.movedBackward },
  ];
  const file = (what: string) => `pipeline-${what}-${current.from}-${current.to}`;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-5">
        {tiles.map((t) => (
          <div key={t.label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs font-medium text-slate-600">{t.label}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums text-slate-900">{t.now === null ? "—" : t.format(t.now)}</dd>
            <dd className="mt-0.5 text-xs text-slate-600">
              <Delta tile={t} /> <span className="text-slate-500">vs {t.before === null ? "—" : t.format(t.before)}</span>
            </dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartFigure
          title="Stage funnel: entries and conversion"
          fileName={file("funnel")}
          columns={[{ key: "stage", label: "Stage" }, { key: "entered", label: "Entered" }, { key: "conversion", label: "Conversion to next" }, { key: "previousEntered", label: "Entered, previous period" }]}
          rows={funnelRows}
        >
          <ResponsiveContainer width="100%" height="100%">
            <FunnelChart accessibilityLayer={false}>
              <Tooltip />
              <Funnel dataKey="value" data={funnel.map((s, i) => ({ name: s.name, value: s.entered, fill: FUNNEL_COLORS[i % FUNNEL_COLORS.length] }))} isAnimationActive={false}>
                <LabelList position="right" fill="#334155" stroke="none" dataKey="name" fontSize={12} />
                <LabelList position="center" fill="#fff" stroke="none" dataKey="value" fontSize={12} />
              </Funnel>
            </FunnelChart>
          </ResponsiveContainer>
        </ChartFigure>
        <ChartFigure
          title="Velocity: average days in stage"
          fileName={file("velocity")}
          columns={[{ key: "stage", label: "Stage" }, { key: "averageDays", label: "Average days" }, { key: "previousDays", label: "Average days, previous period" }, { key: "exited", label: "Exited" }]}
          rows={velocityRows}
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={velocityRows} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
              <XAxis dataKey="stage" tick={{ fontSize: 12 }} interval={0} />
              <YAxis tick={{ fontSize: 12 }} width={36} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="averageDays" name="Current" fill="#6366f1" radius={[3, 3, 0, 0]} isAnimationActive={false} />
              <Bar dataKey="previousDays" name="Previous" fill="#cbd5e1" radius={[3, 3, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
        <ChartFigure title="Moves forward and backward" fileName={file("moves")} columns={[{ key: "direction", label: "Direction" }, { key: "current", label: "This period" }, { key: "previous", label: "Previous period" }]} rows={moveRows}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={moveRows} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
              <XAxis dataKey="direction" tick={{ fontSize: 12 }} />
              <YAxis tick={{ fontSize: 12 }} allowDecimals={false} width={36} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="current" name="Current" fill="#10b981" radius={[3, 3, 0, 0]} isAnimationActive={false} />
              <Bar dataKey="previous" name="Previous" fill="#cbd5e1" radius={[3, 3, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      </div>
    </div>
  );
}
