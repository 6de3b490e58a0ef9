import type { Metadata } from "next";
import { PipelineMetricsView } from "@/components/analytics/pipeline-metrics";
import { DwellChart } from "@/components/reports/dwell-chart";
import { ReportFilters } from "@/components/reports/report-filters";
import { FreshnessNote } from "@/components/ui/freshness-note";
import { ForecastTable, StageTable } from "@/components/reports/report-tables";
import { LeadsReportSection } from "@/components/reports/leads-report";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageSession } from "@/lib/auth/session";
import { BOARD_KINDS } from "@/lib/board/kinds";
import { leadsReport } from "@/lib/reports/leads";
import { pipelineMetrics } from "@/lib/analytics/metrics";
import { previousPeriod, dayPeriod, reportDays } from "@/lib/analytics/period";
import { formatDay } from "@/lib/format/dates";
import { parsePeriod } from "@/lib/reports/period";
import { getWorkspace } from "@/lib/workspace/service";
import { listReportPipelines, pipelineReport } from "@/lib/reports/queries";

export const metadata: Metadata = { title: "Reports" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const s = await requirePageSession();
  const params = await searchParams;
  const pipelines = await listReportPipelines(s.ctx);
  const requested = typeof params.pipeline === "string" ? params.pipeline : null;
  const pipeline = pipelines.find((p) => p.id === requested) ?? pipelines.find((p) => p.objectType === "DEAL" && p.isDefault) ?? pipelines[0];
  const header = <PageHeader title="Reports" description="Pipeline summary: how long records stay in each stage (from stage history), what each stage holds now, and the deal forecast." />;
  if (!pipeline) {
    return (
      <>
        {header}
        <p className="text-sm text-slate-600">There are no deal, lead or ticket pipelines yet.</p>
      </>
    );
  }
  const period = parsePeriod(params);
  const workspace = await getWorkspace(s.ctx);
  const days = dayPeriod(reportDays(period, workspace.timeZone), workspace.timeZone);
  const before = previousPeriod(days);
  const [report, leads, metrics, previousMetrics] = await Promise.all([
    pipelineReport(s.ctx, pipeline, { from: period.from, to: period.to }),
    leadsReport(s.ctx, { from: period.from, to: period.to }),
    pipelineMetrics(s.ctx, pipeline.id, days),
    pipelineMetrics(s.ctx, pipeline.id, before),
  ]);
  const kind = BOARD_KINDS[pipeline.objectType];
  const deals = pipeline.objectType === "DEAL";
  return (
    <div className="space-y-6">
      {header}
      <ReportFilters pipelines={pipelines} pipelineId={pipeline.id} period={period.key} fromDay={period.fromDay} toDay={period.toDay} />
      {period.error ? (
        <p role="alert" className="rounded-md bg-amber-50 p-2 text-sm text-amber-800">
          {period.error}
        </p>
      ) : null}
      <section aria-labelledby="report-metrics" className="space-y-3">
        <h2 id="report-metrics" className="text-base font-semibold">
          Pipeline metrics{" "}
          <span className="font-normal text-slate-500">
            · {formatDay(days.from)} – {formatDay(days.to)} ({workspace.timeZone}), compared with {formatDay(before.from)} – {formatDay(before.to)}
          </span>
        </h2>
        <PipelineMetricsView current={metrics} previous={previousMetrics} currency={workspace.currency} plural={kind.plural.charAt(0).toUpperCase() + kind.plural.slice(1)} />
        <FreshnessNote freshness={metrics.freshness} />
        <p className="text-xs text-slate-500">
          From stage history: won and lost count the {kind.plural} in a closed stage at the period&apos;s end that closed in it; active, those in an open stage then. Conversion = share of a stage&apos;s entries that later reached the next stage.
        </p>
      </section>
      <section aria-labelledby="report-stages" className="space-y-3">
        <h2 id="report-stages" className="text-base font-semibold">
          {pipeline.name} <span className="font-normal text-slate-500">· {kind.plural}, stage entries in {period.label}</span>
        </h2>
        <DwellChart stages={report.stages} />
        <StageTable stages={report.stages} deals={deals} periodLabel={period.label} plural={kind.plural} />
        <p className="text-xs text-slate-500">
          A stay counts in the period when it began in it; stays still open count up to now. Weighted = amount × the stage&apos;s probability.
        </p>
      </section>
      {deals ? (
        <section aria-labelledby="report-forecast" className="space-y-3">
          <h2 id="report-forecast" className="text-base font-semibold">
            Forecast by close month
          </h2>
          <ForecastTable months={report.forecast} thisMonth={new Date().toISOString().slice(0, 7)} />
        </section>
      ) : null}
      <LeadsReportSection report={leads} periodLabel={period.label} />
    </div>
  );
}
