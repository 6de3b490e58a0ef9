// The stages of a pipeline: add, edit, reorder, delete. Every change locks the pipeline
// row first, so concurrent edits of one pipeline's stages apply one after the other.
import "server-only";
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import { pipelineStages, stageHistory, type PipelineStage } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, notFound, validationError } from "@/lib/errors";
import { columnOf, RECORD_KINDS, tableOf } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { stageTypeFor } from "./defaults";
import { requiredFieldIssues } from "./fields";
import { assertSameSet, enteredMeanwhile, lockPipeline, orderBy, stageValues } from "./pipeline-service";
import { loadPipelines, stageJson, type ObjectType, type PipelineJson, type StageJson } from "./queries";
import { stageCreateSchema, stageOrderSchema, stagePatchSchema, stagesPatchSchema, type StageCreateInput, type StagePatchInput } from "./schemas";

async function stagesOf(tx: Tx, tenantId: string, pipelineId: string): Promise<PipelineStage[]> {
  return tx
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.pipelineId, pipelineId)))
    .orderBy(asc(pipelineStages.displayOrder));
}

function findStage(stages: PipelineStage[], stageId: string): PipelineStage {
  const stage = isUuid(stageId) ? stages.find((s) => s.id === stageId) : undefined;
  if (!stage) throw notFound("Stage");
  return stage;
}

/** Live (not trashed) records of the pipeline's object type in this stage. */
async function liveRecordsIn(tx: Tx, tenantId: string, objectType: ObjectType, stageId: string): Promise<number> {
  const t = tableOf(RECORD_KINDS[objectType]);
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.stageId, stageId), isNull(t.deletedAt)));
  return r?.n ?? 0;
}

const stillIn = (n: number) => `${n} ${n === 1 ? "record is" : "records are"} still in this stage`;

function checkFields(objectType: ObjectType, data: { name?: string; requiredFields?: string[] }, others: PipelineStage[]) {
  const issues = requiredFieldIssues(objectType, data.requiredFields ?? []);
  const name = data.name?.trim().toLowerCase();
  if (name && others.some((s) => s.name.trim().toLowerCase() === name)) issues.push({ path: "name", message: `another stage is already named ${data.name}` });
  if (issues.length) throw validationError(issues);
}

/** Appends a stage to the pipeline. */
export async function addStage(ctx: TenantContext, pipelineId: string, input: StageCreateInput): Promise<StageJson> {
  assertCan(ctx.actor.role, "pipelines.manage");
  const data = stageCreateSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const p = await lockPipeline(tx, ctx.tenantId, pipelineId);
    const stages = await stagesOf(tx, ctx.tenantId, pipelineId);
    checkFields(p.objectType, data, stages);
    const next = stages.reduce((m, s) => Math.max(m, s.displayOrder + 1), 0);
    const [row] = await tx
      .insert(pipelineStages)
      .values({ tenantId: ctx.tenantId, pipelineId, ...stageValues(data, next) })
      .returning();
    return stageJson(row!);
  });
}

/**
 * Edits a stage. The legacy stage_type follows stage_state. The state of a stage that
 * holds records cannot change (their status, e.g. a deal's won/lost, follows the stage
 * they entered): 409 with `recordCount`.
 */
export async function updateStage(ctx: TenantContext, pipelineId: string, stageId: string, input: StagePatchInput): Promise<StageJson> {
  assertCan(ctx.actor.role, "pipelines.manage");
  const data = stagePatchSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const p = await lockPipeline(tx, ctx.tenantId, pipelineId);
    const stages = await stagesOf(tx, ctx.tenantId, pipelineId);
    return applyStagePatch(tx, ctx.tenantId, p.objectType, stages, stageId, data);
  });
}

/**
 * The stage editor's one Save: several stages' edits in one transaction, all or none.
 * Names are checked against the stages as they will be (two stages may swap names); a
 * refusal names the stage it is about.
 */
export async function updateStages(ctx: TenantContext, pipelineId: string, input: z.input<typeof stagesPatchSchema>): Promise<StageJson[]> {
  assertCan(ctx.actor.role, "pipelines.manage");
  const { stages: patches } = stagesPatchSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const p = await lockPipeline(tx, ctx.tenantId, pipelineId);
    let stages = await stagesOf(tx, ctx.tenantId, pipelineId);
    for (const { stageId } of patches) findStage(stages, stageId);
    // names first, as a set: a rename onto a name another patch frees is fine
    const finalName = (s: PipelineStage) => (patches.find((x) => x.stageId === s.id)?.name ?? s.name).trim().toLowerCase();
    const seen = new Map<string, PipelineStage>();
    for (const s of stages) {
      const clash = seen.get(finalName(s));
      if (clash) throw validationError([{ path: `stages[${patches.findIndex((x) => x.stageId === s.id || x.stageId === clash.id)}].name`, message: `two stages would be named ${finalName(s)}` }]);
      seen.set(finalName(s), s);
    }
    const out: StageJson[] = [];
    for (const [i, { stageId, ...patch }] of patches.entries()) {
      try {
        const others = stages.filter((s) => s.id !== stageId && !patches.some((x) => x.stageId === s.id && x.name !== undefined));
        const row = await applyStagePatch(tx, ctx.tenantId, p.objectType, [...others, findStage(stages, stageId)], stageId, patch);
        out.push(row);
        stages = stages.map((s) => (s.id === stageId ? { ...s, name: row.name } : s));
      } catch (err) {
        throw prefixed(err, i, findStage(stages, stageId).name);
      }
    }
    return out;
  });
}

/** A refusal about one stage of a batch: its message names the stage, its paths point into `stages[i]`. */
function prefixed(err: unknown, index: number, name: string): unknown {
  if (!(err instanceof AppError)) return err;
  const errors = (err.extensions.errors as { path: string; message: string }[] | undefined)?.map((e) => ({ ...e, path: `stages[${index}].${e.path}` }));
  return new AppError(err.code, `Stage ${name}: ${err.message}`, { ...err.extensions, ...(errors ? { errors } : {}) });
}

async function applyStagePatch(tx: Tx, tenantId: string, objectType: ObjectType, stages: PipelineStage[], stageId: string, data: z.output<typeof stagePatchSchema>): Promise<StageJson> {
  const stage = findStage(stages, stageId);
  const pipelineId = stage.pipelineId;
  checkFields(objectType, data, stages.filter((s) => s.id !== stageId));
  const set: Partial<typeof pipelineStages.$inferInsert> = {};
  for (const k of ["name", "probability", "color", "requiredFields", "expectedDays", "inheritPipelineActions"] as const) {
    if (data[k] !== undefined) (set as Record<string, unknown>)[k] = data[k];
  }
  if (data.stageState !== undefined && data.stageState !== stage.stageState) {
    const n = await liveRecordsIn(tx, tenantId, objectType, stageId);
    if (n > 0) {
      throw new AppError("conflict", `${stillIn(n)}: move them out before changing its state`, { recordCount: n, errors: [{ path: "stageState", message: stillIn(n) }] });
    }
    set.stageState = data.stageState;
    set.stageType = stageTypeFor(data.stageState);
  }
  if (Object.keys(set).length === 0) return stageJson(stage);
  const [row] = await tx
    .update(pipelineStages)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.pipelineId, pipelineId), eq(pipelineStages.id, stageId)))
    .returning();
  return stageJson(row!);
}

/** New order of all the pipeline's stages: each stage id exactly once (422 otherwise). */
export async function reorderStages(ctx: TenantContext, pipelineId: string, input: z.input<typeof stageOrderSchema>): Promise<PipelineJson> {
  assertCan(ctx.actor.role, "pipelines.manage");
  const { stageIds } = stageOrderSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    await lockPipeline(tx, ctx.tenantId, pipelineId);
    const stages = await stagesOf(tx, ctx.tenantId, pipelineId);
    assertSameSet(stageIds, stages.map((s) => s.id), "stageIds", "stage");
    await tx
      .update(pipelineStages)
      .set({ displayOrder: orderBy(stageIds, pipelineStages.id), updatedAt: sql`now()` })
      .where(and(eq(pipelineStages.tenantId, ctx.tenantId), eq(pipelineStages.pipelineId, pipelineId)));
    return (await loadPipelines(tx, ctx.tenantId, { id: pipelineId }))[0]!;
  });
}

/**
 * Deletes a stage that holds no live record (409 `conflict` with `recordCount`) and is not
 * the pipeline's last. Trashed records in it move to the first remaining stage, so a
 * restore finds them a place; history rows keep their times with this stage cleared.
 */
export async function deleteStage(ctx: TenantContext, pipelineId: string, stageId: string): Promise<void> {
  assertCan(ctx.actor.role, "pipelines.manage");
  await withTenant(ctx, async (tx) => {
    await deleteStageIn(tx, ctx, pipelineId, stageId);
  }).catch(enteredMeanwhile);
}

async function deleteStageIn(tx: Tx, ctx: TenantContext, pipelineId: string, stageId: string) {
  const p = await lockPipeline(tx, ctx.tenantId, pipelineId);
  const stages = await stagesOf(tx, ctx.tenantId, pipelineId);
  const stage = findStage(stages, stageId);
  if (stages.length === 1) throw new AppError("conflict", "A pipeline needs at least one stage: this is its last");
  const n = await liveRecordsIn(tx, ctx.tenantId, p.objectType, stageId);
  if (n > 0) throw new AppError("conflict", `${stillIn(n)}: move them to another stage first`, { recordCount: n });
  const remaining = stages.filter((s) => s.id !== stage.id);
  const def = RECORD_KINDS[p.objectType];
  const t = tableOf(def);
  await tx
    .update(t)
    .set({ stageId: remaining[0]!.id } as never)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.stageId, stageId), eq(columnOf(def, "pipelineId")!, pipelineId)));
  await tx.update(stageHistory).set({ toStageId: null }).where(and(eq(stageHistory.tenantId, ctx.tenantId), eq(stageHistory.toStageId, stageId)));
  await tx.update(stageHistory).set({ fromStageId: null }).where(and(eq(stageHistory.tenantId, ctx.tenantId), eq(stageHistory.fromStageId, stageId)));
  await tx.delete(pipelineStages).where(and(eq(pipelineStages.tenantId, ctx.tenantId), eq(pipelineStages.id, stageId)));
  // keep the order contiguous: 0..n-1
  await tx
    .update(pipelineStages)
    .set({ displayOrder: orderBy(remaining.map((s) => s.id), pipelineStages.id) })
    .where(and(eq(pipelineStages.tenantId, ctx.tenantId), eq(pipelineStages.pipelineId, pipelineId), ne(pipelineStages.id, stageId)));
}
