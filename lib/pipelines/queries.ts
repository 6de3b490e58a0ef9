// Reads for pipelines: configuration with ordered stages, a record's stage history with
// time spent in each stage, and the dwell-time summary managers review. Server-only.
import "server-only";
import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { pipelines, pipelineStages, stageHistory, type Pipeline, type PipelineStage } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { columnOf, RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import type { PipelineKind } from "./move-record";

export type ObjectType = Pipeline["objectType"];

export interface StageJson {
  id: string;
  name: string;
  displayOrder: number;
  stageState: PipelineStage["stageState"];
  probability: number;
  color: string;
  requiredFields: string[];
  expectedDays: number | null;
  inheritPipelineActions: boolean;
}

export interface PipelineJson {
  id: string;
  name: string;
  description: string | null;
  objectType: ObjectType;
  pipelineKey: string;
  displayOrder: number;
  isActive: boolean;
  isDefault: boolean;
  movementMode: Pipeline["movementMode"];
  stages: StageJson[];
}

export function stageJson(s: PipelineStage): StageJson {
  return {
    id: s.id,
    name: s.name,
    displayOrder: s.displayOrder,
    stageState: s.stageState,
    probability: Number(s.probability),
    color: s.color,
    requiredFields: s.requiredFields,
    expectedDays: s.expectedDays,
    inheritPipelineActions: s.inheritPipelineActions,
  };
}

export function pipelineJson(p: Pipeline, stages: PipelineStage[]): PipelineJson {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    objectType: p.objectType,
    pipelineKey: p.pipelineKey,
    displayOrder: p.displayOrder,
    isActive: p.isActive,
    isDefault: p.isDefault,
    movementMode: p.movementMode,
    stages: stages.filter((s) => s.pipelineId === p.id).sort((a, b) => a.displayOrder - b.displayOrder).map(stageJson),
  };
}

/** Pipelines (of one object type, or one by id) with their stages, in display order. */
export async function loadPipelines(tx: Tx, tenantId: string, where: { objectType?: ObjectType; id?: string }): Promise<PipelineJson[]> {
  const rows = await tx
    .select()
    .from(pipelines)
    .where(and(eq(pipelines.tenantId, tenantId), where.objectType ? eq(pipelines.objectType, where.objectType) : undefined, where.id ? eq(pipelines.id, where.id) : undefined))
    .orderBy(asc(pipelines.objectType), asc(pipelines.displayOrder), asc(pipelines.createdAt));
  if (rows.length === 0) return [];
  const stages = await tx
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.tenantId, tenantId), where.id ? eq(pipelineStages.pipelineId, where.id) : undefined))
    .orderBy(asc(pipelineStages.displayOrder));
  return rows.map((p) => pipelineJson(p, stages));
}

export async function listPipelines(ctx: TenantContext, objectType?: ObjectType): Promise<PipelineJson[]> {
  assertCan(ctx.actor.role, "pipelines.read");
  return withTenant(ctx, (tx) => loadPipelines(tx, ctx.tenantId, { objectType }));
}

export async function getPipeline(ctx: TenantContext, id: string): Promise<PipelineJson> {
  assertCan(ctx.actor.role, "pipelines.read");
  if (!isUuid(id)) throw notFound("Pipeline");
  const [p] = await withTenant(ctx, (tx) => loadPipelines(tx, ctx.tenantId, { id }));
  if (!p) throw notFound("Pipeline");
  return p;
}

/** Live records per stage of a pipeline (stage id → count); stages without records are absent. */
export async function stageRecordCounts(ctx: TenantContext, pipelineId: string, objectType: ObjectType): Promise<Record<string, number>> {
  assertCan(ctx.actor.role, "pipelines.read");
  const def = RECORD_KINDS[objectType];
  const t = tableOf(def);
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ stageId: t.stageId, n: count() })
      .from(t)
      .where(and(eq(t.tenantId, ctx.tenantId), eq(columnOf(def, "pipelineId")!, pipelineId), isNull(t.deletedAt)))
      .groupBy(t.stageId),
  );
  return Object.fromEntries(rows.filter((r) => r.stageId).map((r) => [r.stageId as string, Number(r.n)]));
}

export interface TimelineEntry {
  id: string;
  pipelineId: string | null;
  fromStageId: string | null;
  toStageId: string | null;
  fromStageName: string | null;
  toStageName: string | null;
  changedAt: Date;
  changedByUserId: string | null;
  source: string;
  isOverride: boolean;
  overrideReason: string | null;
  reason: string | null;
  /** When the record left `toStageId` (the next history row), or null while it is still there. */
  leftAt: Date | null;
  /** Days spent in `toStageId`, up to now for the current stage. */
  durationDays: number;
}

/** A record's stage history, newest first, with the time spent in each stage. 404 for an unknown or trashed record. */
export async function recordStageTimeline(ctx: TenantContext, kind: PipelineKind, id: string): Promise<TimelineEntry[]> {
  assertCan(ctx.actor.role, "records.read");
  const def = RECORD_KINDS[kind as RecordKind];
  if (!isUuid(id)) throw notFound(def.singular);
  const t = tableOf(def);
  return withTenant(ctx, async (tx) => {
    const [exists] = await tx.select({ id: t.id }).from(t).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id), isNull(t.deletedAt)));
    if (!exists) throw notFound(def.singular);
    const fromStage = sql`(select s.name from ${pipelineStages} s where s.tenant_id = ${stageHistory.tenantId} and s.id = ${stageHistory.fromStageId})`;
    const toStage = sql`(select s.name from ${pipelineStages} s where s.tenant_id = ${stageHistory.tenantId} and s.id = ${stageHistory.toStageId})`;
    const leftAt = sql<Date | null>`lead(${stageHistory.changedAt}) over (order by ${stageHistory.seq})`;
    const rows = await tx
      .select({
        id: stageHistory.id,
        pipelineId: stageHistory.pipelineId,
        fromStageId: stageHistory.fromStageId,
        toStageId: stageHistory.toStageId,
        fromStageName: sql<string | null>`${fromStage}`,
        toStageName: sql<string | null>`${toStage}`,
        changedAt: stageHistory.changedAt,
        changedByUserId: stageHistory.changedByUserId,
        source: stageHistory.source,
        isOverride: stageHistory.isOverride,
        overrideReason: stageHistory.overrideReason,
        reason: stageHistory.reason,
        leftAt: sql<string | null>`${leftAt}`,
        durationDays: sql<string>`extract(epoch from (coalesce(${leftAt}, now()) - ${stageHistory.changedAt})) / 86400`,
      })
      .from(stageHistory)
      .where(and(eq(stageHistory.tenantId, ctx.tenantId), eq(stageHistory.entityType, kind), eq(stageHistory.entityId, id)))
      .orderBy(desc(stageHistory.seq));
    return rows.map((r) => ({ ...r, leftAt: r.leftAt === null ? null : new Date(r.leftAt), durationDays: Number(r.durationDays) }));
  });
}

export interface StageDwell {
  stageId: string;
  name: string;
  displayOrder: number;
  stageState: PipelineStage["stageState"];
  /** Entries into the stage within the window. */
  entries: number;
  /** Of those, the ones still in the stage (their time counts up to now). */
  openEntries: number;
  averageDays: number | null;
  medianDays: number | null;
}

export interface DwellSummary {
  pipelineId: string;
  from: Date | null;
  to: Date | null;
  stages: StageDwell[];
}

/**
 * Per stage: how many times records entered it in [from, to) and how long they stayed.
 * A stay runs from its stage_history row to the record's next row (window function
 * lead()), or to now — or the record's deletion — while it is still open.
 */
export async function pipelineDwellSummary(ctx: TenantContext, pipelineId: string, window: { from?: Date | null; to?: Date | null } = {}): Promise<DwellSummary> {
  assertCan(ctx.actor.role, "pipelines.read");
  if (!isUuid(pipelineId)) throw notFound("Pipeline");
  const from = window.from ?? null;
  const to = window.to ?? null;
  return withTenant(ctx, async (tx) => {
    const [p] = await tx.select().from(pipelines).where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.id, pipelineId)));
    if (!p) throw notFound("Pipeline");
    const records = tableOf(RECORD_KINDS[p.objectType]);
    // A stay's successor is always later, so rows before `from` are never needed.
    const rows = await tx.execute<{ stage_id: string; entries: string; open_entries: string; avg_days: string | null; median_days: string | null }>(sql`
      with stays as (
        select h.entity_id, h.to_stage_id, h.changed_at,
               lead(h.changed_at) over (partition by h.entity_id order by h.seq) as left_at
        from ${stageHistory} h
        where h.tenant_id = ${ctx.tenantId} and h.pipeline_id = ${pipelineId} and h.entity_type = ${p.objectType}
          ${from ? sql`and h.changed_at >= ${from.toISOString()}::timestamptz` : sql``}
      ), measured as (
        select s.to_stage_id, s.left_at is null as open,
               extract(epoch from (coalesce(s.left_at, r.deleted_at, now()) - s.changed_at)) / 86400 as days
        from stays s
        left join ${records} r on r.tenant_id = ${ctx.tenantId} and r.id = s.entity_id
        where s.to_stage_id is not null
          ${to ? sql`and s.changed_at < ${to.toISOString()}::timestamptz` : sql``}
      )
      select to_stage_id as stage_id, count(*) as entries, count(*) filter (where open) as open_entries,
             avg(days) as avg_days, percentile_cont(0.5) within group (order by days) as median_days
      from measured group by to_stage_id`);
    const byStage = new Map(rows.map((r) => [r.stage_id, r]));
    const stages = await tx
      .select()
      .from(pipelineStages)
      .where(and(eq(pipelineStages.tenantId, ctx.tenantId), eq(pipelineStages.pipelineId, pipelineId)))
      .orderBy(asc(pipelineStages.displayOrder));
    const round = (v: string | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000);
    return {
      pipelineId,
      from,
      to,
      stages: stages.map((s) => {
        const r = byStage.get(s.id);
        return {
          stageId: s.id,
          name: s.name,
          displayOrder: s.displayOrder,
          stageState: s.stageState,
          entries: Number(r?.entries ?? 0),
          openEntries: Number(r?.open_entries ?? 0),
          averageDays: round(r?.avg_days),
          medianDays: round(r?.median_days),
        };
      }),
    };
  });
}
