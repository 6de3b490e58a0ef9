// Pipelines as configuration: create (optionally with stages), update, reorder, delete.
// Changes to the pipelines of one object type are serialised by an advisory lock, so the
// appended display order and the one-default rule hold under concurrent admins.
import "server-only";
import { and, eq, isNull, like, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import { pipelines, pipelineStages, stageHistory } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, findPgError, isUniqueViolation, notFound, validationError, type ValidationIssue } from "@/lib/errors";
import { columnOf, RECORD_KINDS, tableOf } from "@/lib/records/registry";
import { slugify } from "@/lib/tenancy/create-tenant";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { stageTypeFor } from "./defaults";
import { requiredFieldIssues } from "./fields";
import { loadPipelines, type ObjectType, type PipelineJson } from "./queries";
import {
  pipelineCreateSchema,
  pipelineOrderSchema,
  pipelineUpdateSchema,
  stageCreateSchema,
  type PipelineCreateInput,
  type PipelineUpdateInput,
} from "./schemas";
import { doneStateFromName, stageColorFor } from "./stage-inference";

/** Serialises configuration changes of one tenant's pipelines of one object type. */
export async function lockObjectType(tx: Tx, tenantId: string, objectType: ObjectType): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`pipelines:${tenantId}:${objectType}`}))`);
}

/** The pipeline row, locked against concurrent stage changes; not-found for another tenant's id. */
export async function lockPipeline(tx: Tx, tenantId: string, id: string) {
  if (!isUuid(id)) throw notFound("Pipeline");
  const [p] = await tx
    .select()
    .from(pipelines)
    .where(and(eq(pipelines.tenantId, tenantId), eq(pipelines.id, id)))
    .for("no key update");
  if (!p) throw notFound("Pipeline");
  return p;
}

async function objectTypeOf(tx: Tx, tenantId: string, id: string): Promise<ObjectType> {
  if (!isUuid(id)) throw notFound("Pipeline");
  const [p] = await tx.select({ objectType: pipelines.objectType }).from(pipelines).where(and(eq(pipelines.tenantId, tenantId), eq(pipelines.id, id)));
  if (!p) throw notFound("Pipeline");
  return p.objectType;
}

function keyTaken(err: unknown, key: string | undefined): never {
  if (isUniqueViolation(err, "pipelines_key_key")) {
    throw new AppError("conflict", `Another pipeline of this object type already uses the key "${key}"`, { errors: [{ path: "pipelineKey", message: "is already used by another pipeline" }] });
  }
  throw err;
}

/** Duplicate stage names (case-insensitive) within one pipeline are refused. */
export function duplicateNameIssues(names: string[], prefix: (i: number) => string): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  names.forEach((n, i) => {
    const k = n.trim().toLowerCase();
    if (seen.has(k)) issues.push({ path: prefix(i), message: `another stage is already named ${n}` });
    seen.add(k);
  });
  return issues;
}

/** Column values of a new stage, with defaults that fit its state. */
export function stageValues(input: z.output<typeof stageCreateSchema>, displayOrder: number) {
  // without a state, a name that says won or lost decides it (the REST API and the stage editor)
  const state = input.stageState ?? doneStateFromName(input.name) ?? "NOT_STARTED";
  return {
    name: input.name,
    displayOrder,
    stageState: state,
    stageType: stageTypeFor(state),
    probability: input.probability ?? (state === "DONE_SUCCESS" ? "1.0000" : "0.0000"),
    color: input.color ?? stageColorFor(state, displayOrder),
    requiredFields: input.requiredFields ?? [],
    expectedDays: input.expectedDays ?? null,
    inheritPipelineActions: input.inheritPipelineActions ?? true,
  };
}

async function freeKey(tx: Tx, tenantId: string, objectType: ObjectType, base: string): Promise<string> {
  const rows = await tx
    .select({ key: pipelines.pipelineKey })
    .from(pipelines)
    .where(and(eq(pipelines.tenantId, tenantId), eq(pipelines.objectType, objectType), like(pipelines.pipelineKey, `${base}%`)));
  const used = new Set(rows.map((r) => r.key));
  for (let i = 1; ; i++) {
    const key = i === 1 ? base : `${base}-${i}`;
    if (!used.has(key)) return key;
  }
}

async function unsetDefault(tx: Tx, tenantId: string, objectType: ObjectType, exceptId?: string) {
  await tx
    .update(pipelines)
    .set({ isDefault: false, updatedAt: sql`now()` })
    .where(and(eq(pipelines.tenantId, tenantId), eq(pipelines.objectType, objectType), eq(pipelines.isDefault, true), exceptId ? ne(pipelines.id, exceptId) : undefined));
}

/** A record entered the stage or pipeline after the count: its foreign key stops the delete. */
export function enteredMeanwhile(err: unknown): never {
  if (findPgError(err)?.code === "23503") throw new AppError("conflict", "Records entered it while it was being deleted: nothing was deleted, try again");
  throw err;
}

const mustStayActive = () =>
  new AppError("conflict", "The default pipeline must be active", { errors: [{ path: "isActive", message: "the default pipeline must stay active" }] });

/**
 * A new pipeline, appended to its object type's order, with `stages` in the given order.
 * The first pipeline of an object type becomes its default; `isDefault` takes the default
 * over from the current one in the same transaction.
 */
export async function createPipeline(ctx: TenantContext, input: PipelineCreateInput): Promise<PipelineJson> {
  assertCan(ctx.actor.role, "pipelines.manage");
  const data = pipelineCreateSchema.parse(input);
  const stages = data.stages ?? [];
  const issues = [
    ...stages.flatMap((s, i) => requiredFieldIssues(data.objectType, s.requiredFields ?? [], `stages[${i}].requiredFields`)),
    ...duplicateNameIssues(stages.map((s) => s.name), (i) => `stages[${i}].name`),
  ];
  if (issues.length) throw validationError(issues);
  try {
    return await withTenant(ctx, async (tx) => {
      await lockObjectType(tx, ctx.tenantId, data.objectType);
      const [agg] = await tx
        .select({ maxOrder: sql<number | null>`max(${pipelines.displayOrder})`, hasDefault: sql<boolean>`coalesce(bool_or(${pipelines.isDefault}), false)` })
        .from(pipelines)
        .where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.objectType, data.objectType)));
      const isActive = data.isActive ?? true;
      const isDefault = data.isDefault ?? !agg?.hasDefault;
      if (isDefault && !isActive) throw mustStayActive();
      if (isDefault) await unsetDefault(tx, ctx.tenantId, data.objectType);
      const pipelineKey = data.pipelineKey ?? (await freeKey(tx, ctx.tenantId, data.objectType, slugify(data.name).slice(0, 50)));
      const [row] = await tx
        .insert(pipelines)
        .values({
          tenantId: ctx.tenantId,
          name: data.name,
          description: data.description ?? null,
          objectType: data.objectType,
          pipelineKey,
          movementMode: data.movementMode ?? "FLEXIBLE",
          isActive,
          isDefault,
          displayOrder: agg?.maxOrder === null || agg?.maxOrder === undefined ? 0 : Number(agg.maxOrder) + 1,
        })
        .returning();
      if (stages.length) {
        await tx.insert(pipelineStages).values(stages.map((s, i) => ({ tenantId: ctx.tenantId, pipelineId: row!.id, ...stageValues(s, i) })));
      }
      return (await loadPipelines(tx, ctx.tenantId, { id: row!.id }))[0]!;
    });
  } catch (err) {
    keyTaken(err, data.pipelineKey);
  }
}

export async function updatePipeline(ctx: TenantContext, id: string, input: PipelineUpdateInput): Promise<PipelineJson> {
  assertCan(ctx.actor.role, "pipelines.manage");
  const data = pipelineUpdateSchema.parse(input);
  try {
    return await withTenant(ctx, async (tx) => {
      const objectType = await objectTypeOf(tx, ctx.tenantId, id);
      await lockObjectType(tx, ctx.tenantId, objectType);
      const before = await lockPipeline(tx, ctx.tenantId, id);
      if (before.isDefault && data.isDefault === false) {
        throw new AppError("conflict", `${before.name} is the default pipeline: make another pipeline the default instead`, {
          errors: [{ path: "isDefault", message: "make another pipeline the default instead" }],
        });
      }
      const isDefault = data.isDefault ?? before.isDefault;
      if (isDefault && !(data.isActive ?? before.isActive)) throw mustStayActive();
      if (isDefault && !before.isDefault) await unsetDefault(tx, ctx.tenantId, objectType, id);
      const set: Partial<typeof pipelines.$inferInsert> = {};
      for (const k of ["name", "pipelineKey", "description", "movementMode", "isActive", "isDefault"] as const) {
        if (data[k] !== undefined) (set as Record<string, unknown>)[k] = data[k];
      }
      if (Object.keys(set).length) {
        await tx
          .update(pipelines)
          .set({ ...set, updatedAt: sql`now()` })
          .where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.id, id)));
      }
      return (await loadPipelines(tx, ctx.tenantId, { id }))[0]!;
    });
  } catch (err) {
    keyTaken(err, data.pipelineKey);
  }
}

/** `ids` must name every element of `existing` exactly once; 422 at `path` otherwise. */
export function assertSameSet(ids: string[], existing: string[], path: string, what: string): void {
  const want = new Set(existing);
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  ids.forEach((id, i) => {
    if (!want.has(id)) issues.push({ path: `${path}[${i}]`, message: `is not a ${what} of this pipeline` });
    else if (seen.has(id)) issues.push({ path: `${path}[${i}]`, message: "is listed twice" });
    seen.add(id);
  });
  if (!issues.length && seen.size !== want.size) issues.push({ path, message: `must list each of the ${want.size} ${what}s exactly once` });
  if (issues.length) throw validationError(issues);
}

/** display_order := position in `ids`, in one UPDATE (the unique constraint is deferred to commit). */
export function orderBy(ids: string[], idColumn: unknown) {
  return sql`array_position(array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[], ${idColumn}) - 1`;
}

export async function reorderPipelines(ctx: TenantContext, input: z.input<typeof pipelineOrderSchema>): Promise<PipelineJson[]> {
  assertCan(ctx.actor.role, "pipelines.manage");
  const { objectType, pipelineIds } = pipelineOrderSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    await lockObjectType(tx, ctx.tenantId, objectType);
    const existing = await tx
      .select({ id: pipelines.id })
      .from(pipelines)
      .where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.objectType, objectType)));
    assertSameSet(pipelineIds, existing.map((r) => r.id), "pipelineIds", "pipeline");
    await tx
      .update(pipelines)
      .set({ displayOrder: orderBy(pipelineIds, pipelines.id), updatedAt: sql`now()` })
      .where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.objectType, objectType)));
    return loadPipelines(tx, ctx.tenantId, { objectType });
  });
}

/**
 * Deletes a pipeline no live record uses (409 with `recordCount` otherwise) that is not
 * its object type's default. Trashed records leave it, and its stage history is kept
 * with the pipeline and stage references cleared.
 */
export async function deletePipeline(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx.actor.role, "pipelines.manage");
  await withTenant(ctx, async (tx) => {
    const objectType = await objectTypeOf(tx, ctx.tenantId, id);
    await lockObjectType(tx, ctx.tenantId, objectType);
    const p = await lockPipeline(tx, ctx.tenantId, id);
    if (p.isDefault) throw new AppError("conflict", `${p.name} is the default ${objectType.toLowerCase()} pipeline: make another pipeline the default first`);
    const def = RECORD_KINDS[objectType];
    const t = tableOf(def);
    const pipelineCol = columnOf(def, "pipelineId")!;
    const [live] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(t)
      .where(and(eq(t.tenantId, ctx.tenantId), eq(pipelineCol, id), isNull(t.deletedAt)));
    const n = live?.n ?? 0;
    if (n > 0) {
      throw new AppError("conflict", `${n} ${n === 1 ? `${def.singular} still uses` : `${def.collection} still use`} this pipeline: move or delete them first`, { recordCount: n });
    }
    await tx
      .update(t)
      .set({ pipelineId: null, stageId: null } as never)
      .where(and(eq(t.tenantId, ctx.tenantId), eq(pipelineCol, id)));
    const stageIds = sql`select s.id from ${pipelineStages} s where s.tenant_id = ${ctx.tenantId} and s.pipeline_id = ${id}`;
    await tx
      .update(stageHistory)
      .set({ pipelineId: null, fromStageId: null, toStageId: null })
      .where(
        and(
          eq(stageHistory.tenantId, ctx.tenantId),
          sql`(${stageHistory.pipelineId} = ${id} or ${stageHistory.fromStageId} in (${stageIds}) or ${stageHistory.toStageId} in (${stageIds}))`,
        ),
      );
    await tx.delete(pipelines).where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.id, id)));
  }).catch(enteredMeanwhile);
}
