// The one write path for bulk actions on a table selection: assign owner, add or remove
// tags, add to a static list, delete and undo. Everything runs in one withTenant
// transaction per call. Each changed record gets a record_changes row and a
// record.updated / record.deleted event shaped like lib/records/service.ts writes them
// ({ title, changes, record }); each new list member gets a list.member_added event.
// Ids of another tenant, deleted records and unknown ids are ignored (they never match).
import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { listMemberships, lists, recordChanges, tenantGroups, tenantUsers } from "@/db/schema";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { AppError, isUniqueViolation, notFound, validationError } from "@/lib/errors";
import type { NewEvent } from "@/lib/events/emit";
import { recordChanges as recordListChanges } from "@/lib/lists/service";
import { columnOf, RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import { serializeRecord, type RecordRow } from "@/lib/records/service";
import { ensureTags } from "@/lib/tags/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { filterWhere, matchConditions, tableCustomFields } from "@/lib/views/table-query";
import { emitEvents } from "./events";
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

async function lockLive(tx: Tx, ctx: TenantContext, kind: RecordKind, ids: string[], mode: "update" | "share" = "update"): Promise<RecordRow[]> {
  const t = tableOf(RECORD_KINDS[kind]);
  const rows = await tx
    .select()
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, ids), isNull(t.deletedAt)))
    .orderBy(asc(t.id))
    .for(mode);
  return rows as RecordRow[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function writeAudit(tx: Tx, ctx: TenantContext, kind: RecordKind, entries: { id: string; changes: Record<string, { from: unknown; to: unknown }> }[]) {
  if (entries.length === 0) return;
  await tx.insert(recordChanges).values(
    entries.map((e) => ({ tenantId: ctx.tenantId, recordType: kind, recordId: e.id, changedByUserId: ctx.actor.userId, source: ctx.actor.source, changes: e.changes })),
  );
}

/** Sets fields on the records that need it; audit + record.updated per changed record. */
async function updateFields(tx: Tx, ctx: TenantContext, kind: RecordKind, ids: string[], spec: { fields: string[]; needsChange: (r: RecordRow) => boolean; set: Record<string, unknown> }) {
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  let matched = 0;
  let changed = 0;
  for (const chunk of chunks(ids)) {
    const before = await lockLive(tx, ctx, kind, chunk);
    matched += before.length;
    const changing = before.filter(spec.needsChange);
    if (changing.length === 0) continue;
    const after = (await tx
      .update(t)
      .set({ ...spec.set, updatedAt: sql`now()` } as never)
      .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, changing.map((r) => r.id))))
      .returning()) as RecordRow[];
    const prior = new Map(before.map((r) => [r.id, r]));
    const audit: { id: string; changes: Record<string, { from: unknown; to: unknown }> }[] = [];
    const events: NewEvent[] = [];
    for (const row of after) {
      const old = prior.get(row.id)!;
      const changes = Object.fromEntries(spec.fields.filter((f) => !same(old[f], row[f])).map((f) => [f, { from: old[f] ?? null, to: row[f] ?? null }]));
      if (Object.keys(changes).length === 0) continue;
      audit.push({ id: row.id, changes });
      events.push({ type: "record.updated", entityType: kind, entityId: row.id, payload: { title: def.title(row), changes, record: serializeRecord(row) } });
    }
    changed += audit.length;
    await writeAudit(tx, ctx, kind, audit);
    await emitEvents(tx, ctx, events);
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
  if (list.processingType === "DYNAMIC") throw new AppError("conflict", `"${list.name}" is a dynamic list: its members follow its filter and cannot be added by hand`);
  if (list.isArchived) throw new AppError("conflict", `"${list.name}" is archived; unarchive it to add members`);
  const source: "AUTOMATION" | "IMPORT" | "MANUAL" = ctx.actor.source === "AUTOMATION" || ctx.actor.source === "IMPORT" ? ctx.actor.source : "MANUAL";
  let matched = 0;
  let changed = 0;
  for (const chunk of chunks(ids)) {
    const rows = await lockLive(tx, ctx, kind, chunk, "share");
    matched += rows.length;
    if (rows.length === 0) continue;
    const added = await tx
      .insert(listMemberships)
      .values(rows.map((r) => ({ tenantId: ctx.tenantId, listId, memberType: kind, memberId: r.id, source, addedByUserId: ctx.actor.userId })))
      .onConflictDoNothing()
      .returning({ memberId: listMemberships.memberId });
    changed += added.length;
    // the lists service's own log rows and list.member_added events, so consumers see one shape
    await recordListChanges(tx, ctx, list, added.map((a) => ({ memberId: a.memberId, action: "ADDED" as const })), source);
  }
  if (changed > 0) {
    await tx
      .update(lists)
      .set({ memberCount: sql`(select count(*)::int from ${listMemberships} where ${listMemberships.tenantId} = ${ctx.tenantId} and ${listMemberships.listId} = ${listId})`, updatedAt: sql`now()` })
      .where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, listId)));
  }
  return { matched, changed };
}

async function softDelete(tx: Tx, ctx: TenantContext, kind: RecordKind, ids: string[]): Promise<BulkResult> {
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  // microsecond-exact, so undo can tell this deletion from a later one of the same record
  const [{ ts }] = (await tx.execute(sql`select to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ts`)) as unknown as [{ ts: string }];
  const deleted: string[] = [];
  for (const chunk of chunks(ids)) {
    const before = await lockLive(tx, ctx, kind, chunk);
    if (before.length === 0) continue;
    await tx
      .update(t)
      .set({ deletedAt: sql`now()` } as never)
      .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, before.map((r) => r.id))));
    await writeAudit(tx, ctx, kind, before.map((r) => ({ id: r.id, changes: { deletedAt: { from: null, to: ts } } })));
    await emitEvents(tx, ctx, before.map((r) => ({ type: "record.deleted", entityType: kind, entityId: r.id, payload: { title: def.title(r) } })));
    deleted.push(...before.map((r) => r.id));
  }
  return { matched: deleted.length, changed: deleted.length, undo: { ids: deleted, deletedAt: ts } };
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
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  try {
    return await withTenant(ctx, async (tx) => {
      let changed = 0;
      for (const chunk of chunks([...new Set(ids.map((id) => id.toLowerCase()))].sort())) {
        const rows = (await tx
          .update(t)
          .set({ deletedAt: null, updatedAt: sql`now()` } as never)
          .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, chunk), sql`${t.deletedAt} = ${deletedAt}::timestamptz`))
          .returning()) as RecordRow[];
        changed += rows.length;
        await writeAudit(tx, ctx, kind, rows.map((r) => ({ id: r.id, changes: { deletedAt: { from: deletedAt, to: null } } })));
        await emitEvents(tx, ctx, rows.map((r) => ({ type: "record.updated", entityType: kind, entityId: r.id, payload: { title: def.title(r), restored: true } })));
      }
      return { matched: changed, changed };
    });
  } catch (err) {
    if (kind === "COMPANY" && isUniqueViolation(err, "companies_domain_key")) {
      throw new AppError("conflict", "A company being restored has a domain another company now uses; nothing was restored");
    }
    throw err;
  }
}
