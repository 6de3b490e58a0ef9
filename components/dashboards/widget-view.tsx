"use client";
// A widget's figures: KPI, bar, stacked bar, line, funnel, pie or table, each with its table
// view and CSV (ChartFigure). Clicking a bar, a slice or a point (or a row's link in the
// table view) opens the matching records as a filtered table (WidgetRow.href).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Cell, Funnel, FunnelChart, LabelList, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "@/components/charts/chart-figure";
import { useReader } from "@/components/ui/use-reader";
import type { WidgetResult } from "@/lib/dashboards/query";
import type { QueryChart } from "@/lib/dashboards/schemas";
import { formatMoney, formatNumber } from "@/lib/format/money";

export const PALETTE = ["#4f46e5", "#10b981", "#f59e0b", "#ef4444", "#0ea5e9", "#8b5cf6", "#14b8a6", "#f97316", "#64748b", "#ec4899", "#84cc16", "#a855f7"];
const MAX_SERIES = PALETTE.length;

type Datum = Record<string, string | number | null>;

/** Rows → one datum per first key with a column per second key (s0, s1, ...) and its link (h0, h1, ...). */
function pivot(result: WidgetResult) {
  const cats = new Map<string, Datum>();
  const series = new Map<string, { id: string; label: string }>();
  for (const r of result.rows) {
    const k1 = String(r.key1);
    const k2 = String(r.key2);
    if (!series.has(k2)) {
      if (series.size >= MAX_SERIES) continue;
      series.set(k2, { id: `s${series.size}`, label: r.label2 });
    }
    const s = series.get(k2)!;
    const d = cats.get(k1) ?? { name: r.label1 };
    d[s.id] = r.value;
    d[`h${s.id.slice(1)}`] = r.href;
    cats.set(k1, d);
  }
  return { data: [...cats.values()], series: [...series.values()] };
}

/** The first dimension alone (pie, funnel): the second summed away; links only when there is no second. */
function firstOnly(result: WidgetResult): Datum[] {
  const m = new Map<string, Datum>();
  for (const r of result.rows) {
    const k = String(r.key1);
    const d = m.get(k) ?? { name: r.label1, value: 0, href: result.dimensions.length < 2 ? r.href : null };
    d.value = Number(d.value) + (r.value ?? 0);
    m.set(k, d);
  }
  return [...m.values()];
}

export function WidgetChart({ title, chart, result, currency, tall, actions }: { title: string; chart: QueryChart; result: WidgetResult; currency: string; tall: boolean; actions?: React.ReactNode }) {
  const router = useRouter();
  const { locale } = useReader();
  const fmt = (v: number | null) => (v === null ? "—" : result.money ? formatMoney(v, currency, { locale }) : formatNumber(v, locale, 2));
  const go = (href: unknown) => {
    if (typeof href === "string" && href) router.push(href);
  };
  const columns = [...result.dimensions.map((d, i) => ({ key: `label${i + 1}`, label: d })), { key: "value", label: result.measureLabel }];
  const rows = result.rows.map((r) => ({ label1: r.label1, label2: r.label2, value: r.value }));
  const file = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "widget";
  const height = tall ? "h-[28rem]" : "h-56";
  const common = { title, fileName: file, columns, rows, rowHref: (i: number) => result.rows[i]?.href ?? null, chartClassName: height, actions, bare: true };

  if (result.rows.length === 0 && chart !== "kpi") {
    return <EmptyFigure title={title} actions={actions} />;
  }
  if (chart === "kpi") {
    const row = result.rows[0];
    const total = result.dimensions.length ? result.rows.reduce((a, r) => a + (r.value ?? 0), 0) : (row?.value ?? null);
    const href = result.dimensions.length ? null : (row?.href ?? null);
    return (
      <ChartFigure {...common} chartClassName="h-auto">
        <p className="py-3 text-3xl font-semibold tabular-nums text-slate-900">{fmt(total)}</p>
        <p className="text-xs text-slate-600">{result.measureLabel}</p>
        {href ? (
          // the picture is hidden from assistive technology; the table view's link is theirs
          <Link href={href} tabIndex={-1} className="mt-1 inline-block text-xs text-brand-700 underline">
            See the records
          </Link>
        ) : null}
      </ChartFigure>
    );
  }
  if (chart === "table") {
    return (
      <ChartFigure {...common} showTable>
        {null}
      </ChartFigure>
    );
  }
  const cursor = { cursor: "pointer" };
  const axis = { tick: { fontSize: 11 } };
  if (chart === "pie" || chart === "funnel") {
    const data = firstOnly(result);
    return (
      <ChartFigure {...common}>
        <ResponsiveContainer width="100%" height="100%">
          {chart === "pie" ? (
            <PieChart accessibilityLayer={false}>
              <Tooltip formatter={(v) => fmt(Number(v))} />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              <Pie data={data} dataKey="value" nameKey="name" outerRadius="75%" rootTabIndex={-1} isAnimationActive={false} onClick={(d) => go((d as { payload?: Datum }).payload?.href)} style={cursor}>
                {data.map((_, i) => (
                  <Cell key={i} fill={PALETTE[i % PALETTE.length]} />
                ))}
              </Pie>
            </PieChart>
          ) : (
            <FunnelChart accessibilityLayer={false}>
              <Tooltip formatter={(v) => fmt(Number(v))} />
              <Funnel data={data.map((d, i) => ({ ...d, fill: PALETTE[i % PALETTE.length] }))} dataKey="value" nameKey="name" isAnimationActive={false} onClick={(d) => go((d as { payload?: Datum }).payload?.href)} style={cursor}>
                <LabelList position="right" fill="#334155" stroke="none" dataKey="name" fontSize={11} />
              </Funnel>
            </FunnelChart>
          )}
        </ResponsiveContainer>
      </ChartFigure>
    );
  }
  const two = result.dimensions.length === 2;
  const { data, series } = two ? pivot(result) : { data: result.rows.map((r) => ({ name: r.label1, s0: r.value, h0: r.href }) as Datum), series: [{ id: "s0", label: result.measureLabel }] };
  const hrefOf = (d: unknown, id: string) => (d as { payload?: Datum } | undefined)?.payload?.[`h${id.slice(1)}`];
  return (
    <ChartFigure {...common}>
      <ResponsiveContainer width="100%" height="100%">
        {chart === "line" ? (
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="name" {...axis} />
            <YAxis {...axis} width={48} />
            <Tooltip formatter={(v) => fmt(Number(v))} />
            {two ? <Legend wrapperStyle={{ fontSize: 11 }} /> : null}
            {series.map((s, i) => (
              <Line
                key={s.id}
                dataKey={s.id}
                name={s.label}
                stroke={PALETTE[i % PALETTE.length]}
                isAnimationActive={false}
                activeDot={{ r: 6, style: cursor, onClick: (_e: unknown, d: unknown) => go(hrefOf(d, s.id)) }}
              />
            ))}
          </LineChart>
        ) : (
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="name" {...axis} />
            <YAxis {...axis} width={48} />
            <Tooltip formatter={(v) => fmt(Number(v))} />
            {two ? <Legend wrapperStyle={{ fontSize: 11 }} /> : null}
            {series.map((s, i) => (
              <Bar key={s.id} dataKey={s.id} name={s.label} stackId={chart === "stackedBar" ? "a" : undefined} fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} onClick={(d) => go(hrefOf(d, s.id))} style={cursor} />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function EmptyFigure({ title, actions, message }: { title: string; actions?: React.ReactNode; message?: React.ReactNode }) {
  return (
    <figure className="flex h-full flex-col">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <figcaption className="text-sm font-semibold text-slate-800">{title}</figcaption>
        <div className="flex flex-wrap gap-1">{actions}</div>
      </div>
      <p className="p-4 text-center text-sm text-slate-600">{message ?? "No records match this widget yet. Add records, or edit the widget to widen its filter or period."}</p>
    </figure>
  );
}
