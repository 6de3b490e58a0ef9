// Custom field definitions per record kind, and the check of record values against them
// (validateCustomFields, called by lib/records/service.ts in the record's transaction).
// Deleting a definition leaves stored values in the records' jsonb: they are no longer
// shown, checked or offered, and a write may keep them unchanged but not set them anew.
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { customFieldDefinitions, type CustomFieldDefinition } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, isUniqueViolation, notFound, validationError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { perTransaction, withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { checkCustomFieldValues } from "./rules";
import {
  customFieldCreateSchema,
  customFieldUpdateSchema,
  hasOptions,
  keyFromLabel,
  OBJECT_TYPE_LABELS,
  type CustomFieldCreateInput,
  type CustomFieldObjectType,
  type CustomFieldUpdateInput,
} from "./schemas";

const t = customFieldDefinitions;

/** The API shape: no tenant id. */
export function customFieldJson(d: CustomFieldDefinition) {
  return {
    id: d.id,
    objectType: d.objectType,
    key: d.key,
    label: d.label,
    fieldType: d.fieldType,
    options: d.options,
    isRequired: d.isRequired,
    displayOrder: d.displayOrder,
    createdAt: d.createdAt,
  };
}
export type CustomFieldJson = ReturnType<typeof customFieldJson>;

const ordered = [asc(t.objectType), asc(t.displayOrder), asc(t.createdAt)];

/**
 * The one read of custom field definitions: in the caller's transaction, those of one
 * object type (or of all), in display order. Activities have none, but lists of
 * activities ask like any other list.
 */
export async function definitionsOf(tx: Tx, tenantId: string, objectType?: CustomFieldDefinition["objectType"]): Promise<CustomFieldDefinition[]> {
  return tx
    .select()
    .from(t)
    .where(and(eq(t.tenantId, tenantId), objectType ? eq(t.objectType, objectType) : undefined))
    .orderBy(...ordered);
}

/** definitionsOf, read once per transaction: a dispatch batch evaluates many records of one kind. */
export function definitionsOfOnce(tx: Tx, tenantId: string, objectType: CustomFieldDefinition["objectType"]): Promise<CustomFieldDefinition[]> {
  return perTransaction(tx, `custom-fields:${objectType}`, () => definitionsOf(tx, tenantId, objectType));
}

/** definitionsOfOnce when a filter of `conditions` names a custom field ("customFields.<key>"); else none, without a query. */
export async function definitionsNamedIn(tx: Tx, tenantId: string, objectType: CustomFieldDefinition["objectType"], conditions: unknown): Promise<CustomFieldDefinition[]> {
  return JSON.stringify(conditions ?? null).includes('"customFields.') ? definitionsOfOnce(tx, tenantId, objectType) : [];
}

export async function listCustomFields(ctx: TenantContext, objectType?: CustomFieldObjectType): Promise<CustomFieldDefinition[]> {
  return withTenant(ctx, (tx) => definitionsOf(tx, ctx.tenantId, objectType));
}

export async function getCustomField(ctx: TenantContext, id: string): Promise<CustomFieldDefinition> {
  if (!isUuid(id)) throw notFound("Custom field");
  const [row] = await withTenant(ctx, (tx) => tx.select().from(t).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id))));
  if (!row) throw notFound("Custom field");
  return row;
}

export async function createCustomField(ctx: TenantContext, input: CustomFieldCreateInput): Promise<CustomFieldDefinition> {
  assertCan(ctx.actor.role, "fields.manage");
  const data = customFieldCreateSchema.parse(input);
  const key = data.key ?? keyFromLabel(data.label);
  const keyPath = data.key ? "key" : "label";
  if (!key) throw validationError([{ path: "label", message: "needs at least one letter or digit" }]);
  try {
    return await withTenant(ctx, async (tx) => {
      let displayOrder = data.displayOrder;
      if (displayOrder === undefined) {
        const [last] = await tx
          .select({ max: sql<number | null>`max(${t.displayOrder})` })
          .from(t)
          .where(and(eq(t.tenantId, ctx.tenantId), eq(t.objectType, data.objectType)));
        displayOrder = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
      }
      const [row] = await tx
        .insert(t)
        .values({
          tenantId: ctx.tenantId,
          objectType: data.objectType,
          key,
          label: data.label,
          fieldType: data.fieldType,
          options: hasOptions(data.fieldType) ? (data.options ?? []) : [],
          isRequired: data.isRequired ?? false,
          displayOrder,
        })
        .returning();
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err, "custom_field_definitions_key_key")) {
      throw new AppError("conflict", `The ${OBJECT_TYPE_LABELS[data.objectType].plural} already have a field with the key "${key}"`, {
        errors: [{ path: keyPath, message: `gives the key "${key}", which another field of ${OBJECT_TYPE_LABELS[data.objectType].plural} already has` }],
      });
    }
    throw err;
  }
}

/** Label, options, required and order change; the key and the types do not. */
export async function updateCustomField(ctx: TenantContext, id: string, input: CustomFieldUpdateInput): Promise<CustomFieldDefinition> {
  assertCan(ctx.actor.role, "fields.manage");
  const data = customFieldUpdateSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const before = await lock(tx, ctx.tenantId, id);
    if (data.options !== undefined) {
      if (!hasOptions(before.fieldType) && data.options.length) throw validationError([{ path: "options", message: "only select and multi-select fields have options" }]);
      if (hasOptions(before.fieldType) && !data.options.length) throw validationError([{ path: "options", message: "a select field needs at least one option" }]);
    }
    const patch = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    if (Object.keys(patch).length === 0) return before;
    const [row] = await tx.update(t).set(patch).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id))).returning();
    return row!;
  });
}

/** Swaps a field with its neighbour in display order (the settings page's up/down buttons). */
export async function moveCustomField(ctx: TenantContext, id: string, direction: "up" | "down"): Promise<void> {
  assertCan(ctx.actor.role, "fields.manage");
  await withTenant(ctx, async (tx) => {
    const me = await lock(tx, ctx.tenantId, id);
    const all = await definitionsOf(tx, ctx.tenantId, me.objectType as CustomFieldObjectType);
    const i = all.findIndex((d) => d.id === id);
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= all.length) return;
    // Renumber the whole (small) list so equal display orders cannot make a swap a no-op.
    const order = all.map((d) => d.id);
    [order[i], order[j]] = [order[j]!, order[i]!];
    for (const [n, defId] of order.entries()) {
      await tx.update(t).set({ displayOrder: n }).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, defId)));
    }
  });
}

/** Deletes the definition only: values stay in the records' jsonb, ignored from now on. */
export async function deleteCustomField(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx.actor.role, "fields.manage");
  await withTenant(ctx, async (tx) => {
    await lock(tx, ctx.tenantId, id);
    await tx.delete(t).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id)));
  });
}

async function lock(tx: Tx, tenantId: string, id: string): Promise<CustomFieldDefinition> {
  if (!isUuid(id)) throw notFound("Custom field");
  const [row] = await tx.select().from(t).where(and(eq(t.tenantId, tenantId), eq(t.id, id))).for("update");
  if (!row) throw notFound("Custom field");
  return row;
}

/**
 * For record writes, in the record's transaction: the custom field values to store, or a
 * 422 with paths `customFields.<key>` (unknown key, wrong type, missing required field).
 * `partial` is an update: required fields must not be cleared but need not be sent;
 * `current` holds the stored values, which may be sent back unchanged.
 */
export async function validateCustomFields(
  tx: Tx,
  tenantId: string,
  kind: CustomFieldObjectType,
  values: Record<string, unknown> | undefined,
  opts: { partial?: boolean; current?: Record<string, unknown> | null } = {},
): Promise<Record<string, unknown>> {
  const r = (await customFieldsChecker(tx, tenantId, kind))(values, opts);
  if (r.issues.length) throw validationError(r.issues);
  return r.values;
}

/** validateCustomFields for many records of one kind: the definitions read once, each record's values checked on its own. */
export async function customFieldsChecker(tx: Tx, tenantId: string, kind: CustomFieldObjectType) {
  const defs = await definitionsOf(tx, tenantId, kind);
  return (values: Record<string, unknown> | undefined, opts: { partial?: boolean; current?: Record<string, unknown> | null } = {}) =>
    checkCustomFieldValues(defs, values ?? {}, { ...opts, plural: OBJECT_TYPE_LABELS[kind].plural });
}
