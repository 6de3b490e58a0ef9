// The report's tables (server-rendered): per stage entries and days in the period, with
// today's counts and money; and for deals the forecast by close month.
import { Money } from "@/components/ui/money";
import { addMoney } from "@/lib/board/money";
import { formatMonth } from "@/lib/format/dates";
import { formatDays } from "@/lib/format/durations";
import type { MoneyTotal } from "@/lib/board/types";
import type { ForecastMonth, ReportStage } from "@/lib/reports/queries";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
const thNum = `${th} text-right`;
const td = "px-3 py-2 text-sm";
const tdNum = `${td} text-right tabular-nums`;

const days = (v: number | null) => (v === null ? "—" : formatDays(v));
const money = (totals: readonly MoneyTotal[], key: "amount" | "weighted") =>
  totals.length === 0
    ? "—"
    : totals.map((t, i) => (
        <span key={t.currency}>
          {i > 0 ? " · " : null}
          <Money amount={t[key]} currency={t.currency} />
        </span>
      ));
const isOpen = (s: ReportStage) => s.stageState === "NOT_STARTED" || s.stageState === "IN_PROGRESS";

/** Per-currency sums of several stages' totals. */
function sumTotals(list: readonly MoneyTotal[]): MoneyTotal[] {
  const by = new Map<string, MoneyTotal>();
  for (const t of list) {
    const cur = by.get(t.currency) ?? { currency: t.currency, amount: "0.00", weighted: "0.00" };
    by.set(t.currency, { currency: t.currency, amount: addMoney(cur.amount, t.amount), weighted: addMoney(cur.weighted, t.weighted) });
  }
  return [...by.values()];
}

function Table({ caption, children }: { caption: string; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200">
        <caption className="px-3 pt-3 text-left text-sm font-semibold text-slate-800">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function StageTable({ stages, deals, periodLabel, plural }: { stages: ReportStage[]; deals: boolean; periodLabel: string; plural: string }) {
  const open = stages.filter(isOpen);
  const openTotals = sumTotals(open.flatMap((s) => s.totals));
  return (
    <Table caption={`Stages: entries and days in stage for ${periodLabel}; ${plural} in each stage now`}>
      <thead className="bg-slate-50">
        <tr>
          <th scope="col" className={th}>
            Stage
          </th>
          <th scope="col" className={thNum}>
            Entries
          </th>
          <th scope="col" className={thNum}>
            Still there
          </th>
          <th scope="col" className={thNum}>
            Average days
          </th>
          <th scope="col" className={thNum}>
            Median days
          </th>
          <th scope="col" className={thNum}>
            {deals ? "Deals now" : "Now"}
          </th>
          {deals ? (
            <>
              <th scope="col" className={thNum}>
                Amount
              </th>
              <th scope="col" className={thNum}>
                Weighted
              </th>
            </>
          ) : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {stages.map((s) => (
          <tr key={s.stageId}>
            <th scope="row" className={`${td} text-left font-medium`}>
              {s.name}
              {isOpen(s) ? null : <span className="ml-1.5 text-xs font-normal text-slate-500">{`(${s.stageState === "DONE_SUCCESS" ? "won" : "lost"})`}</span>}
            </th>
            <td className={tdNum}>{s.entries}</td>
            <td className={tdNum}>{s.openEntries}</td>
            <td className={tdNum}>{days(s.averageDays)}</td>
            <td className={tdNum}>{days(s.medianDays)}</td>
            <td className={tdNum}>{s.count}</td>
            {deals ? (
              <>
                <td className={tdNum}>{money(s.totals, "amount")}</td>
                <td className={tdNum}>{isOpen(s) ? money(s.totals, "weighted") : "—"}</td>
              </>
            ) : null}
          </tr>
        ))}
      </tbody>
      {deals ? (
        <tfoot className="bg-slate-50">
          <tr>
            <th scope="row" colSpan={5} className={`${td} text-left font-semibold`}>
              Open pipeline
            </th>
            <td className={`${tdNum} font-semibold`}>{open.reduce((n, s) => n + s.count, 0)}</td>
            <td className={`${tdNum} font-semibold`}>{money(openTotals, "amount")}</td>
            <td className={`${tdNum} font-semibold`}>{money(openTotals, "weighted")}</td>
          </tr>
        </tfoot>
      ) : null}
    </Table>
  );
}

const monthLabel = (m: string | null) => (m ? formatMonth(m) : "No close date");

/** A bar's length in % of its track: proportional to the value, at least a sliver for a non-zero one. */
export function barPercent(value: number, max: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  return Math.max(0.5, (value / max) * 100);
}

export function ForecastTable({ months, thisMonth }: { months: ForecastMonth[]; thisMonth: string }) {
  if (months.length === 0) return <p className="text-sm text-slate-600">No open deals in this pipeline.</p>;
  // bars compare months of one currency: the longest is that currency's largest weighted amount
  const max = new Map<string, number>();
  for (const m of months) max.set(m.currency, Math.max(max.get(m.currency) ?? 0, Number(m.weighted)));
  return (
    <Table caption="Forecast: open deals by close month, weighted by each deal's forecast probability">
      <thead className="bg-slate-50">
        <tr>
          <th scope="col" className={th}>
            Close month
          </th>
          <th scope="col" className={thNum}>
            Deals
          </th>
          <th scope="col" className={thNum}>
            Amount
          </th>
          <th scope="col" className={`${th} w-1/3`}>
            Weighted
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {months.map((m) => (
          <tr key={`${m.month ?? "none"}:${m.currency}`}>
            <th scope="row" className={`${td} text-left font-medium`}>
              {monthLabel(m.month)}
              {m.month && m.month < thisMonth ? <span className="ml-1.5 text-xs font-normal text-red-700">(past due)</span> : null}
            </th>
            <td className={tdNum}>{m.deals}</td>
            <td className={tdNum}>
              <Money amount={m.amount} currency={m.currency} />
            </td>
            <td className={td}>
              <div className="flex items-center gap-2">
                <Money amount={m.weighted} currency={m.currency} className="w-24 shrink-0 text-right tabular-nums" />
                {/* a track of its own: the bar's width is a share of it, not of the cell around the amount */}
                <span aria-hidden className="h-2.5 min-w-16 flex-1 rounded bg-slate-100">
                  <span data-testid="forecast-bar" className="block h-full rounded bg-brand-500" style={{ width: `${barPercent(Number(m.weighted), max.get(m.currency) ?? 0)}%` }} />
                </span>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
