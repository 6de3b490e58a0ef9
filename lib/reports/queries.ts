// Reads for the pipeline report (/reports), server-only: the pipelines to choose from,
// dwell times per stage (pipelineDwellSummary, from stage_history), today's counts and
// money per stage (the board's own totals), and a forecast of open deals by close month.
import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { deals, pipelines, pipelineStages } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { loadBoard } from "@/lib/board/queries";
import type { BoardKind, MoneyTotal } from "@/lib/board/types";
import { notFound } from "@/lib/errors";
import { pipelineDwellSummary, type StageDwell } from "@/lib/pipelines/queries";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";

/** Pipelines whose records move on a board, and so have a stage history to report on. */
export const REPORT_OBJECT_TYPES = ["DEAL", "LEAD", "TICKET"] as const satisfies readonly BoardKind[];

export interface ReportPipeline {
  id: string;
  name: string;
  objectType: BoardKind;
  isDefault: boolean;
  isActive: boolean;
}

export interface ReportStage extends StageDwell {
  /** Records in the stage now. */
  count: number;
  /** Deals: amount and amount × stage probability now, per currency. */
  totals: MoneyTotal[];
}

export interface ForecastMonth {
  /** YYYY-MM, or null for open deals without a close date. */
  month: string | null;
  currency: string;
  deals: number;
  /** Decimal strings. */
  amount: string;
  weighted: string;
}

export interface PipelineReport {
  pipeline: ReportPipeline;
  from: Date | null;
  to: Date | null;
  stages: ReportStage[];
  /** Deal pipelines only (else empty). */
  forecast: ForecastMonth[];
}

/** Deal, lead and ticket pipelines, in the order of their types and then of display. */
export async function listReportPipelines(ctx: TenantContext): Promise<ReportPipeline[]> {
  assertCan(ctx.actor.role, "pipelines.read");
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ id: pipelines.id, name: pipelines.name, objectType: pipelines.objectType, isDefault: pipelines.isDefault, isActive: pipelines.isActive })
      .from(pipelines)
      .where(and(eq(pipelines.tenantId, ctx.tenantId), inArray(pipelines.objectType, [...REPORT_OBJECT_TYPES])))
      .orderBy(asc(pipelines.displayOrder), asc(pipelines.name)),
  );
  const rank = (t: string) => REPORT_OBJECT_TYPES.indexOf(t as BoardKind);
  return rows.map((r) => ({ ...r, objectType: r.objectType as BoardKind })).sort((a, b) => rank(a.objectType) - rank(b.objectType));
}

/**
 * Open deals of the pipeline by the month of their close date (in currency groups), with
 * their amount weighted by each deal's forecast probability (the stage's when unset).
 */
export async function dealForecast(ctx: TenantContext, pipelineId: string): Promise<ForecastMonth[]> {
  assertCan(ctx.actor.role, "pipelines.read");
  if (!isUuid(pipelineId)) throw notFound("Pipeline");
  return withTenant(ctx, async (tx) => {
    const [p] = await tx
      .select({ id: pipelines.id })
      .from(pipelines)
      .where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.id, pipelineId), eq(pipelines.objectType, "DEAL")));
    if (!p) throw notFound("Pipeline");
    const month = sql<string | null>`to_char(${deals.closeDate}, 'YYYY-MM')`;
    const rows = await tx
      .select({
        month,
        currency: deals.currency,
        deals: sql<number>`count(*)::int`,
        amount: sql<string>`coalesce(sum(${deals.amount}), 0)::numeric(18,2)::text`,
        weighted: sql<string>`coalesce(sum(${deals.amount} * coalesce(${deals.forecastProbability}, ${pipelineStages.probability})), 0)::numeric(18,2)::text`,
      })
      .from(deals)
      .innerJoin(pipelineStages, and(eq(pipelineStages.tenantId, deals.tenantId), eq(pipelineStages.id, deals.stageId)))
      .where(and(eq(deals.tenantId, ctx.tenantId), eq(deals.pipelineId, pipelineId), eq(deals.status, "open"), isNull(deals.deletedAt)))
      .groupBy(month, deals.currency)
      .orderBy(sql`${month} asc nulls last`, asc(deals.currency));
    return rows;
  });
}

/** Everything /reports shows for one pipeline; stage entries counted in [from, to). */
export async function pipelineReport(ctx: TenantContext, pipeline: ReportPipeline, window: { from?: Date | null; to?: Date | null }): Promise<PipelineReport> {
  const [dwell, board, forecast] = await Promise.all([
    pipelineDwellSummary(ctx, pipeline.id, window),
    // The board's own per-stage counts and money; one card per column is the least it loads.
    loadBoard(ctx, pipeline.objectType, pipeline.id, {}, { limit: 1 }),
    pipeline.objectType === "DEAL" ? dealForecast(ctx, pipeline.id) : Promise.resolve([]),
  ]);
  const columns = new Map(board.columns.map((c) => [c.stageId, c]));
  return {
    pipeline,
    from: dwell.from,
    to: dwell.to,
    stages: dwell.stages.map((s) => ({ ...s, count: columns.get(s.stageId)?.count ?? 0, totals: columns.get(s.stageId)?.totals ?? [] })),
    forecast,
  };
}
