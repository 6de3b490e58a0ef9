// The one write path for companies, contacts, leads, deals and tickets: every change
// runs in withTenant, writes its audit row (record_changes) and its domain event in the
// same transaction. Stage changes are not made here: they go through moveRecord.
import { and, eq, isNull, sql } from "drizzle-orm";
import { recordChanges, stageHistory } from "@/db/schema";
import { AppError, isUniqueViolation, notFound, validationError } from "@/lib/errors";
import { emitEvent } from "@/lib/events/emit";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { resolvePlacement } from "./pipeline-placement";
import { positionBetween } from "@/lib/pipelines/position";
import { RECORD_KINDS, tableOf, updateSchemaOf, type RecordKind, type RecordKindDef } from "./registry";
import { contactHasIdentity } from "./schemas";
import { validateCustomFields } from "@/lib/custom-fields/service";
import { ensureTags } from "@/lib/tags/service";

export type RecordRow = Record<string, unknown> & { id: string; tenantId: string; createdAt: Date; updatedAt: Date; deletedAt: Date | null };


/** Fields never shown to API clients. */
export function serializeRecord(row: RecordRow): Record<string, unknown> {
  const { tenantId: _t, deletedAt: _d, ...rest } = row;
  return rest;
}

function conflictFor(def: RecordKindDef, err: unknown): never {
  if (def.kind === "COMPANY" && isUniqueViolation(err, "companies_domain_key")) {
    throw new AppError("conflict", "Another company already uses this domain", { errors: [{ path: "domain", message: "is already used by another company" }] });
  }
  throw err;
}

async function loadForUpdate(tx: Tx, def: RecordKindDef, ctx: TenantContext, id: string): Promise<RecordRow> {
  const t = tableOf(def);
  const [row] = await tx
    .select()
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id), isNull(t.deletedAt)))
    .for("update");
  if (!row) throw notFound(def.singular);
  return row as RecordRow;
}

export async function createRecord(ctx: TenantContext, kind: RecordKind, input: unknown): Promise<RecordRow> {
  const def = RECORD_KINDS[kind];
  const data = def.createSchema.parse(input) as Record<string, unknown>;
  if (kind === "CONTACT" && !contactHasIdentity(data)) {
    throw validationError([{ path: "firstName", message: "a contact needs at least one of firstName, lastName, email" }]);
  }
  try {
    return await withTenant(ctx, async (tx) => {
      const values: Record<string, unknown> = { ...data, tenantId: ctx.tenantId, createdByUserId: ctx.actor.userId };
      if (!("ownedByUserId" in data) && !data.ownedByGroupId) values.ownedByUserId = ctx.actor.userId;
      values.customFields = await validateCustomFields(tx, ctx.tenantId, kind, data.customFields as Record<string, unknown> | undefined);
      if (data.tags) values.tags = await ensureTags(tx, ctx.tenantId, data.tags as string[]);
      if (def.pipelineObjectType) {
        const place = await resolvePlacement(tx, ctx.tenantId, def.pipelineObjectType, { pipelineId: data.pipelineId as string | undefined, stageId: data.stageId as string | undefined });
        const position = await positionBetween(tx, kind, ctx.tenantId, place.stageId);
        Object.assign(values, { pipelineId: place.pipelineId, stageId: place.stageId, stageEnteredAt: sql`now()`, position });
        if (kind === "DEAL") {
          values.forecastProbability ??= place.probability;
          values.status = place.stageState === "DONE_SUCCESS" ? "won" : place.stageState === "DONE_FAILED" ? "lost" : "open";
        }
      }
      const [row] = (await tx.insert(tableOf(def)).values(values as never).returning()) as RecordRow[];
      if (def.pipelineObjectType) {
        await tx.insert(stageHistory).values({
          tenantId: ctx.tenantId,
          entityType: kind,
          entityId: row!.id,
          pipelineId: row!.pipelineId as string,
          fromStageId: null,
          toStageId: row!.stageId as string,
          changedByUserId: ctx.actor.userId,
          source: ctx.actor.source,
        });
      }
      await emitEvent(tx, ctx, { type: "record.created", entityType: kind, entityId: row!.id, payload: { title: def.title(row!), record: serializeRecord(row!) } });
      return row!;
    });
  } catch (err) {
    conflictFor(def, err);
  }
}

/** A partial update; writes who changed what (record_changes) and a record.updated event with the diff. */
export async function updateRecord(ctx: TenantContext, kind: RecordKind, id: string, patch: unknown): Promise<RecordRow> {
  const def = RECORD_KINDS[kind];
  const data = updateSchemaOf(def).parse(patch) as Record<string, unknown>;
  try {
    return await withTenant(ctx, async (tx) => {
      const before = await loadForUpdate(tx, def, ctx, id);
      if (data.customFields) {
        // A PATCH names only the custom fields it changes (null clears one); the others stay.
        const current = (before.customFields ?? {}) as Record<string, unknown>;
        const merged = { ...current, ...(data.customFields as Record<string, unknown>) };
        data.customFields = await validateCustomFields(tx, ctx.tenantId, kind, merged, { partial: true, current });
      }
      if (data.tags) data.tags = await ensureTags(tx, ctx.tenantId, data.tags as string[]);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const diff = (key: string, from: unknown, to: unknown) => {
        if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null)) changes[key] = { from: from ?? null, to: to ?? null };
      };
      for (const [k, v] of Object.entries(data)) {
        if (v === undefined) continue;
        if (k !== "customFields") {
          diff(k, before[k], v);
          continue;
        }
        // One change per custom field ("customFields.budget"), so the audit says which one changed.
        const was = (before.customFields ?? {}) as Record<string, unknown>;
        const now = v as Record<string, unknown>;
        for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) diff(`customFields.${key}`, was[key], now[key]);
      }
      if (kind === "CONTACT" && !contactHasIdentity({ ...before, ...data } as never)) {
        throw validationError([{ path: "firstName", message: "a contact needs at least one of firstName, lastName, email" }]);
      }
      if (Object.keys(changes).length === 0) return before;
      const t = tableOf(def);
      const columns = new Set(Object.keys(changes).map((k) => (k.startsWith("customFields.") ? "customFields" : k)));
      const set = Object.fromEntries([...columns].map((k) => [k, data[k]]));
      const [row] = (await tx
        .update(t)
        .set({ ...set, updatedAt: sql`now()` } as never)
        .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id)))
        .returning()) as RecordRow[];
      await tx.insert(recordChanges).values({ tenantId: ctx.tenantId, recordType: kind, recordId: id, changedByUserId: ctx.actor.userId, source: ctx.actor.source, changes });
      await emitEvent(tx, ctx, { type: "record.updated", entityType: kind, entityId: id, payload: { title: def.title(row!), changes, record: serializeRecord(row!) } });
      return row!;
    });
  } catch (err) {
    conflictFor(def, err);
  }
}

/** Soft delete (undo with restoreRecord). */
export async function deleteRecord(ctx: TenantContext, kind: RecordKind, id: string): Promise<void> {
  const def = RECORD_KINDS[kind];
  await withTenant(ctx, async (tx) => {
    const before = await loadForUpdate(tx, def, ctx, id);
    const t = tableOf(def);
    await tx.update(t).set({ deletedAt: sql`now()` } as never).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id)));
    await emitEvent(tx, ctx, { type: "record.deleted", entityType: kind, entityId: id, payload: { title: def.title(before) } });
  });
}

export async function restoreRecord(ctx: TenantContext, kind: RecordKind, id: string): Promise<RecordRow> {
  const def = RECORD_KINDS[kind];
  try {
    return await withTenant(ctx, async (tx) => {
      const t = tableOf(def);
      const [row] = (await tx
        .update(t)
        .set({ deletedAt: null, updatedAt: sql`now()` } as never)
        .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id), sql`${t.deletedAt} is not null`))
        .returning()) as RecordRow[];
      if (!row) throw notFound(def.singular);
      await emitEvent(tx, ctx, { type: "record.updated", entityType: kind, entityId: id, payload: { title: def.title(row), restored: true } });
      return row;
    });
  } catch (err) {
    conflictFor(def, err);
  }
}

export async function getRecord(ctx: TenantContext, kind: RecordKind, id: string): Promise<RecordRow> {
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  const [row] = await withTenant(ctx, (tx) => tx.select().from(t).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id), isNull(t.deletedAt))));
  if (!row) throw notFound(def.singular);
  return row as RecordRow;
}

