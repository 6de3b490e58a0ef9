// Bulk actions on a table selection: assign owner or group, add or remove tags, add to a
// static list, delete and undo. One withTenant transaction per call; the writes are the
// services' own, set-based (lib/records/service.ts updateRecordsIn, deleteRecordsIn,
// restoreRecordsIn; lib/lists/service.ts addMembersIn), so a bulk change leaves exactly
// the rows the same change made singly leaves (service.test.ts holds them side by side).
// Ids of another tenant, deleted records and unknown ids are ignored (they never match).
import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { lists, tenantGroups, tenantUsers } from "@/db/schema";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { AppError, isUniqueViolation, notFound, validationError } from "@/lib/errors";
import { addMembersIn, assertMembersByHand } from "@/lib/lists/members";
import { columnOf, RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import { deleteRecordsIn, lockLiveRecords, restoreRecordsIn, updateRecordsIn, type RecordRow } from "@/lib/records/service";
import { ensureTags } from "@/lib/tags/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { filterWhere, matchConditions, tableCustomFields } from "@/lib/views/table-query";
import { bulkOperationSchema, MAX_BULK_RECORDS, restoreSchema, selectionSchema, type BulkOperation, type BulkSelection, type RestoreInput } from "./schemas";

const CHUNK = 1000;

export interface BulkResult {
  /** Selected records that exist, are live and belong to this tenant. */
  matched: number;
  /** Of those, how many this call changed (the rest already were as asked). */
  changed: number;
  /** After a delete: what undo needs to restore exactly these records. */
  undo?: { ids: string[]; deletedAt: string };
}

const PERMISSION: Record<BulkOperation["type"], Permission> = {
  assignOwner: "records.write",
  assignGroup: "records.write",
  addTags: "records.write",
  removeTags: "records.write",
  addToList: "lists.write",
  delete: "records.delete",
};

const chunks = <T>(items: readonly T[], size = CHUNK): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const plural = (kind: string) => `${RECORD_KINDS[kind as RecordKind]?.collection ?? kind.toLowerCase()}`;
const textArray = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}::text`), sql`, `)}]::text[]`;

/** The selection as sorted ids (locks are then taken in one order); "all matching" is capped. */
async function resolveIds(tx: Tx, ctx: TenantContext, kind: RecordKind, selection: ReturnType<typeof selectionSchema.parse>, where: SQL | undefined): Promise<string[]> {
  if ("ids" in selection) return [...new Set(selection.ids.map((id) => id.toLowerCase()))].sort();
  const t = tableOf(RECORD_KINDS[kind]);
  const rows = await tx
    .select({ id: t.id })
    .from(t)
    .where(matchConditions(ctx, kind, selection.q, where))
    .orderBy(asc(t.id))
    .limit(MAX_BULK_RECORDS + 1);
  if (rows.length > MAX_BULK_RECORDS) {
    const message = `matches more than ${MAX_BULK_RECORDS.toLocaleString("en-US")} ${plural(kind)}; narrow the search or filter and try again`;
    throw new AppError("validation", `The selection ${message}`, { errors: [{ path: "selection", message }] });
  }
  return rows.map((r) => r.id as string);
}

/** Sets fields on the live records that need it, through the records service (audit + record.updated per changed record). */
async function updateFields(tx: Tx, ctx: TenantContext, kind: RecordKind, ids: string[], spec: { fields: string[]; needsChange: (r: RecordRow) => boolean; set: Record<string, unknown> }) {
  let matched = 0;
  let changed = 0;
  for (const chunk of chunks(ids)) {
    const before = await lockLiveRecords(tx, ctx, kind, chunk);
    matched += before.length;
    const changing = before.filter(spec.needsChange);
    if (changing.length) changed += (await updateRecordsIn(tx, ctx, kind, changing, spec.set, spec.fields)).changed.length;
  }
  return { matched, changed };
}

async function assertActiveMember(tx: Tx, tenantId: string, userId: string) {
  const [m] = await tx
    .select({ userId: tenantUsers.userId })
    .from(tenantUsers)
    .where(and(eq(tenantUsers.tenantId, tenantId), eq(tenantUsers.userId, userId), eq(tenantUsers.isActive, true)));
  if (!m) throw validationError([{ path: "userId", message: "is not an active member of this workspace" }]);
}

async function assertGroup(tx: Tx, tenantId: string, groupId: string) {
  const [g] = await tx.select({ id: tenantGroups.id }).from(tenantGroups).where(and(eq(tenantGroups.tenantId, tenantId), eq(tenantGroups.id, groupId)));
  if (!g) throw validationError([{ path: "groupId", message: "is not a group of this workspace" }]);
}

async function addToList(tx: Tx, ctx: TenantContext, kind: RecordKind, ids: string[], listId: string): Promise<BulkResult> {
  const [list] = await tx.select().from(lists).where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, listId))).for("update");
  if (!list) throw notFound("list");
  if (list.objectType !== kind) throw validationError([{ path: "listId", message: `is a list of ${plural(list.objectType)}, not of ${plural(kind)}` }]);
  assertMembersByHand(list, "added");
  // locked (shared) until the end, so none is deleted while it joins
  const live = await lockLiveRecords(tx, ctx, kind, ids, "share");
  const { added } = await addMembersIn(tx, ctx, list, live.map((r) => r.id));
  return { matched: live.length, changed: added };
}

async function softDelete(tx: Tx, ctx: TenantContext, kind: RecordKind, ids: string[]): Promise<BulkResult> {
  const deleted = await deleteRecordsIn(tx, ctx, kind, ids);
  return { matched: deleted.ids.length, changed: deleted.ids.length, undo: deleted };
}

/** Runs one bulk action on a selection of one kind's records. */
export async function runBulkAction(ctx: TenantContext, kind: RecordKind, selectionInput: BulkSelection, operationInput: BulkOperation): Promise<BulkResult> {
  const selection = selectionSchema.parse(selectionInput);
  const op = bulkOperationSchema.parse(operationInput);
  assertCan(ctx.actor.role, PERMISSION[op.type]);
  const where = "all" in selection ? filterWhere(ctx, kind, selection.filter, await tableCustomFields(ctx, kind)) : undefined;
  return withTenant(ctx, async (tx) => {
    const ids = await resolveIds(tx, ctx, kind, selection, where);
    const tagsCol = columnOf(RECORD_KINDS[kind], "tags")!;
    switch (op.type) {
      case "assignOwner":
        await assertActiveMember(tx, ctx.tenantId, op.userId);
        return updateFields(tx, ctx, kind, ids, {
          fields: ["ownedByUserId", "ownedByGroupId"],
          needsChange: (r) => r.ownedByUserId !== op.userId || r.ownedByGroupId !== null,
          set: { ownedByUserId: op.userId, ownedByGroupId: null },
        });
      case "assignGroup":
        await assertGroup(tx, ctx.tenantId, op.groupId);
        return updateFields(tx, ctx, kind, ids, {
          fields: ["ownedByUserId", "ownedByGroupId"],
          needsChange: (r) => r.ownedByGroupId !== op.groupId || r.ownedByUserId !== null,
          set: { ownedByGroupId: op.groupId, ownedByUserId: null },
        });
      case "addTags": {
        // known tags keep their spelling ("VIP" stays "VIP"); new names join the tenant's tags
        const tags = await ensureTags(tx, ctx.tenantId, op.tags);
        return updateFields(tx, ctx, kind, ids, {
          fields: ["tags"],
          needsChange: (r) => tags.some((tag) => !(r.tags as string[]).includes(tag)),
          // appended in the order given, after the tags the record already has
          set: { tags: sql`${tagsCol} || array(select x from unnest(${textArray(tags)}) with ordinality as u(x, i) where not (x = any(${tagsCol})) order by i)` },
        });
      }
      case "removeTags": {
        // tag names are unique without case (lib/tags), so removal ignores case too
        const tags = [...new Set(op.tags.map((s) => s.trim().toLowerCase()))];
        return updateFields(tx, ctx, kind, ids, {
          fields: ["tags"],
          needsChange: (r) => (r.tags as string[]).some((tag) => tags.includes(tag.toLowerCase())),
          set: { tags: sql`array(select x from unnest(${tagsCol}) with ordinality as u(x, i) where not (lower(x) = any(${textArray(tags)})) order by i)` },
        });
      }
      case "addToList":
        return addToList(tx, ctx, kind, ids, op.listId);
      case "delete":
        return softDelete(tx, ctx, kind, ids);
    }
  });
}

/**
 * Undo of a bulk delete: restores exactly `ids`, and only those still deleted by that
 * operation (same deletion time), so a record deleted again since stays deleted.
 */
export async function restoreDeleted(ctx: TenantContext, kind: RecordKind, input: RestoreInput): Promise<BulkResult> {
  const { ids, deletedAt } = restoreSchema.parse(input);
  assertCan(ctx.actor.role, "records.delete");
  try {
    return await withTenant(ctx, async (tx) => {
      const changed = (await restoreRecordsIn(tx, ctx, kind, ids.map((id) => id.toLowerCase()), deletedAt)).length;
      return { matched: changed, changed };
    });
  } catch (err) {
    if (kind === "COMPANY" && isUniqueViolation(err, "companies_domain_key")) {
      throw new AppError("conflict", "A company being restored has a domain another company now uses; nothing was restored");
    }
    throw err;
  }
}
