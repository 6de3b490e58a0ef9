// The leads section of /reports (server-rendered tables, with charts beside them): by
// source and status, conversion rate, time to first contact and to conversion, scores.
import { LEAD_STATUSES } from "@/db/schema/enums";
import { formatDays } from "@/lib/format/durations";
import { labelFor } from "@/lib/format/labels";
import type { LeadsReport } from "@/lib/reports/leads";
import { LeadsBySourceChart, ScoreDistributionChart } from "./leads-charts";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
const thNum = `${th} text-right`;
const td = "px-3 py-2 text-sm";
const tdNum = `${td} text-right tabular-nums`;
const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);
const hours = (v: number | null) => (v === null ? "—" : formatDays(v / 24));
const days = (v: number | null) => (v === null ? "—" : formatDays(v));

export function LeadsReportSection({ report, periodLabel }: { report: LeadsReport; periodLabel: string }) {
  const empty = !report.sources.some((s) => s.total && s.leads > 0);
  return (
    <section aria-labelledby="report-leads" className="space-y-3">
      <h2 id="report-leads" className="text-base font-semibold">
        Leads <span className="font-normal text-slate-500">· created in {periodLabel}</span>
      </h2>
      {empty ? (
        <p className="text-sm text-slate-600">No leads were created in this period.</p>
      ) : (
        <>
          <div className="grid gap-4 lg:grid-cols-2">
            <LeadsBySourceChart rows={report.sources} />
            <ScoreDistributionChart buckets={report.scores} />
          </div>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200">
              <caption className="px-3 pt-3 text-left text-sm font-semibold text-slate-800">Leads by source: status today, conversion, median time to first contact and to conversion</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={th}>
                    Source
                  </th>
                  <th scope="col" className={thNum}>
                    Leads
                  </th>
                  {LEAD_STATUSES.map((s) => (
                    <th key={s} scope="col" className={thNum}>
                      {labelFor("LEAD_STATUSES", s)}
                    </th>
                  ))}
                  <th scope="col" className={thNum}>
                    Conversion rate
                  </th>
                  <th scope="col" className={thNum}>
                    First contact
                  </th>
                  <th scope="col" className={thNum}>
                    To conversion
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.sources.map((r) => (
                  <tr key={r.total ? "(total)" : (r.source ?? "(none)")} className={r.total ? "bg-slate-50 font-medium" : undefined}>
                    <th scope="row" className={`${td} text-left font-medium`}>
                      {r.total ? "All sources" : (r.source ?? "No source")}
                    </th>
                    <td className={tdNum}>{r.leads}</td>
                    {LEAD_STATUSES.map((s) => (
                      <td key={s} className={tdNum}>
                        {r.byStatus[s]}
                      </td>
                    ))}
                    <td className={tdNum}>{pct(r.conversionRate)}</td>
                    <td className={tdNum}>{hours(r.medianHoursToFirstContact)}</td>
                    <td className={tdNum}>{days(r.medianDaysToConversion)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200">
              <caption className="px-3 pt-3 text-left text-sm font-semibold text-slate-800">Score distribution of the period&apos;s leads</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={th}>
                    Score
                  </th>
                  <th scope="col" className={thNum}>
                    Leads
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.scores.map((b) => (
                  <tr key={b.label}>
                    <th scope="row" className={`${td} text-left font-medium`}>
                      {b.label}
                    </th>
                    <td className={tdNum}>{b.leads}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="text-xs text-slate-500">First contact: the first call, email or meeting logged on a lead after it came in. Conversion: leads converted into a contact (and deal).</p>
        </>
      )}
    </section>
  );
}
