// Lists (API.md "Lists"): the one write path for lists and their memberships.
//
// - STATIC lists are curated by hand (or by automations and imports): addMembers /
//   removeMember. DYNAMIC lists hold exactly the live records matching their filter:
//   refreshList recomputes them set-based in SQL, and the "dynamic-lists" consumer
//   (consumer.ts) re-evaluates one record after each change.
// - Every join and leave writes a list_membership_log row and a list.member_added /
//   list.member_removed event in the same transaction, and keeps lists.member_count.
// - Membership changes of one list are serialised by locking the list row (FOR UPDATE).
// - A dynamic filter is compiled with the list owner's id for "me" (not the caller's), so
//   a list means the same thing whoever refreshes it.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { activities, companies, contacts, customFieldDefinitions, deals, domainEvents, leads, listMembershipLog, listMemberships, lists, tickets, type List } from "@/db/schema";
import type { LIST_MEMBERSHIP_SOURCES, LIST_OBJECT_TYPES } from "@/db/schema/enums";
import { decodeCursor, encodeCursor, isTimestampText } from "@/lib/api/cursor";
import { AppError, notFound, validationError } from "@/lib/errors";
import { actorPayload } from "@/lib/events/emit";
import { compileFilter } from "@/lib/filters/compile";
import { filterPredicate, type FilterRecord } from "@/lib/filters/evaluate";
import { validateFilter } from "@/lib/filters/schema";
import type { TenantContext } from "@/lib/tenancy/context";
import { perTransaction, withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { createsCycle, dependencyOrder, filterUsesCompanyFields, filterUsesRelativeDates, listIdsReferenced, listReferences } from "./rules";
import { addMembersSchema, removeMembersSchema, listCreateSchema, listUpdateSchema, type ListCreateInput, type ListUpdateInput } from "./schemas";

export type ListObjectType = (typeof LIST_OBJECT_TYPES)[number];
export type MembershipSource = (typeof LIST_MEMBERSHIP_SOURCES)[number];

/** The record table of each list object type (all have tenant_id, id, deleted_at, created_at). */
type MemberTable = PgTable & { tenantId: PgColumn; id: PgColumn; deletedAt: PgColumn; createdAt: PgColumn };
export const MEMBER_TABLES = { COMPANY: companies, CONTACT: contacts, DEAL: deals, LEAD: leads, TICKET: tickets, ACTIVITY: activities } as unknown as Record<ListObjectType, MemberTable>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RefreshResult {
  added: number;
  removed: number;
  total: number;
}

export function serializeList(row: List) {
  const { tenantId: _t, ...rest } = row;
  return {
    ...rest,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastRefreshedAt: row.lastRefreshedAt ? row.lastRefreshedAt.toISOString() : null,
  };
}

/** Where a manual change comes from: automations and imports say so, everything else is MANUAL. */
function manualSource(ctx: TenantContext): MembershipSource {
  return ctx.actor.source === "AUTOMATION" ? "AUTOMATION" : ctx.actor.source === "IMPORT" ? "IMPORT" : "MANUAL";
}

export async function customFieldsIn(tx: Tx, ctx: TenantContext, objectType: ListObjectType) {
  return perTransaction(tx, `custom-fields:${objectType}`, () =>
    tx
      .select()
      .from(customFieldDefinitions)
      .where(and(eq(customFieldDefinitions.tenantId, ctx.tenantId), eq(customFieldDefinitions.objectType, objectType))),
  );
}

/**
 * Validates a DYNAMIC list's filter for this tenant (422 with `filter.…` paths), including
 * the lists it names: each must be a list of this workspace of the same object type, and
 * a list may not depend on itself, directly or through other lists.
 */
export async function checkFilter(tx: Tx, ctx: TenantContext, objectType: ListObjectType, filter: unknown, selfId?: string): Promise<void> {
  if (filter === undefined || filter === null) throw validationError([{ path: "filter", message: "is required for a DYNAMIC list" }]);
  const result = validateFilter(objectType, filter, { customFields: await customFieldsIn(tx, ctx, objectType) });
  if (!result.ok) throw validationError(result.errors);
  const refs = listReferences(filter);
  if (refs.length === 0) return;
  const rows = await tx.select({ id: lists.id, name: lists.name, objectType: lists.objectType, filter: lists.filter }).from(lists).where(eq(lists.tenantId, ctx.tenantId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const filters = new Map(rows.map((r) => [r.id, r.filter as unknown]));
  const errors = refs.flatMap(({ listId, path }) => {
    const named = byId.get(listId);
    const problem = !named
      ? "no list with this id in this workspace"
      : named.objectType !== objectType
        ? `"${named.name}" is a list of ${named.objectType.toLowerCase()} records, not ${objectType.toLowerCase()} records`
        : selfId && (listId === selfId.toLowerCase() || createsCycle(selfId, { field: "id", op: "inList", value: listId }, filters))
          ? `"${named.name}" depends on this list, so this list cannot depend on it`
          : null;
    return problem ? [{ path, message: problem }] : [];
  });
  if (errors.length) throw validationError(errors);
}

/**
 * The list's filter as a WHERE condition on its record table. A stored filter that no
 * longer validates (a custom field was deleted, say) is a 422 that says so.
 */
export async function compiledFilterOf(tx: Tx, ctx: TenantContext, list: List): Promise<SQL> {
  const customFields = await customFieldsIn(tx, ctx, list.objectType);
  try {
    return compileFilter(list.objectType, list.filter, { tenantId: ctx.tenantId, userId: list.ownerUserId, customFields });
  } catch (err) {
    if (err instanceof AppError && err.code === "validation") {
      throw new AppError("validation", `The filter of list "${list.name}" is no longer valid (${err.message}); edit the filter to refresh it`, err.extensions);
    }
    throw err;
  }
}

async function loadList(tx: Tx, ctx: TenantContext, listId: string, lock = false): Promise<List> {
  if (!UUID_RE.test(listId)) throw notFound("List");
  const q = tx.select().from(lists).where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, listId)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw notFound("List");
  return row;
}

interface Change {
  memberId: string;
  action: "ADDED" | "REMOVED";
}

/** Log rows and domain events for joins and leaves, written in the caller's transaction. */
export async function recordChanges(tx: Tx, ctx: TenantContext, list: List, changes: Change[], source: MembershipSource): Promise<void> {
  await recordListChanges(tx, ctx, changes.map((c) => ({ ...c, list })), source);
}

/** recordChanges for changes of several lists at once (a few statements, however many lists). */
async function recordListChanges(tx: Tx, ctx: TenantContext, changes: (Change & { list: List })[], source: MembershipSource): Promise<void> {
  const CHUNK = 1000;
  for (let i = 0; i < changes.length; i += CHUNK) {
    const part = changes.slice(i, i + CHUNK);
    await tx.insert(listMembershipLog).values(
      part.map((c) => ({ tenantId: ctx.tenantId, listId: c.list.id, memberId: c.memberId, action: c.action, source, actorUserId: ctx.actor.userId })),
    );
    await tx.insert(domainEvents).values(
      part.map((c) => ({
        tenantId: ctx.tenantId,
        eventType: c.action === "ADDED" ? "list.member_added" : "list.member_removed",
        entityType: c.list.objectType,
        entityId: c.memberId,
        actorUserId: ctx.actor.userId,
        source: ctx.actor.source,
        payload: {
          listId: c.list.id,
          listName: c.list.name,
          source,
          actor: actorPayload(ctx),
        },
      })),
    );
  }
}

/** Sets member_count from the memberships (after changes) and returns it. */
async function recount(tx: Tx, ctx: TenantContext, listId: string, refreshed = false): Promise<number> {
  const [row] = await tx
    .update(lists)
    .set({
      memberCount: sql`(select count(*)::int from ${listMemberships} where ${listMemberships.tenantId} = ${ctx.tenantId}::uuid and ${listMemberships.listId} = ${listId}::uuid)`,
      ...(refreshed ? { lastRefreshedAt: sql`now()` } : {}),
    })
    .where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, listId)))
    .returning({ memberCount: lists.memberCount });
  return row!.memberCount;
}

// ---------------------------------------------------------------------------- lists

export async function createList(ctx: TenantContext, input: ListCreateInput | unknown): Promise<List> {
  const data = listCreateSchema.parse(input);
  const dynamic = data.processingType === "DYNAMIC";
  if (!dynamic && data.filter !== undefined && data.filter !== null) throw validationError([{ path: "filter", message: "only a DYNAMIC list has a filter" }]);
  return withTenant(ctx, async (tx) => {
    if (dynamic) await checkFilter(tx, ctx, data.objectType, data.filter);
    const [row] = await tx
      .insert(lists)
      .values({
        tenantId: ctx.tenantId,
        name: data.name,
        description: data.description ?? null,
        objectType: data.objectType,
        processingType: data.processingType,
        filter: dynamic ? data.filter : null,
        ownerUserId: ctx.actor.userId,
      })
      .returning();
    if (!dynamic) return row!;
    await refreshIn(tx, ctx, row!);
    return loadList(tx, ctx, row!.id);
  });
}

export async function updateList(ctx: TenantContext, listId: string, input: ListUpdateInput | unknown): Promise<List> {
  const data = listUpdateSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const list = await loadList(tx, ctx, listId, true);
    const patch: Partial<typeof lists.$inferInsert> = { updatedAt: new Date() };
    if (data.name !== undefined) patch.name = data.name;
    if (data.description !== undefined) patch.description = data.description ?? null;
    if (data.isArchived !== undefined) patch.isArchived = data.isArchived;
    const filterChanged = data.filter !== undefined;
    if (filterChanged) {
      if (list.processingType !== "DYNAMIC") throw validationError([{ path: "filter", message: "only a DYNAMIC list has a filter" }]);
      await checkFilter(tx, ctx, list.objectType, data.filter, list.id);
      patch.filter = data.filter;
    }
    const [row] = await tx.update(lists).set(patch).where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, listId))).returning();
    // an archived list is not followed by the consumer, so restoring one catches it up
    const restored = list.isArchived && data.isArchived === false && list.processingType === "DYNAMIC";
    if (filterChanged || restored) {
      await refreshIn(tx, ctx, row!);
      return loadList(tx, ctx, listId);
    }
    return row!;
  });
}

export async function deleteList(ctx: TenantContext, listId: string): Promise<void> {
  await withTenant(ctx, async (tx) => {
    await loadList(tx, ctx, listId, true);
    await tx.delete(lists).where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, listId)));
  });
}

export async function getList(ctx: TenantContext, listId: string): Promise<List> {
  return withTenant(ctx, (tx) => loadList(tx, ctx, listId));
}

export async function listLists(ctx: TenantContext, opts: { objectType?: ListObjectType; archived?: "true" | "false" | "all" } = {}): Promise<List[]> {
  const archived = opts.archived ?? "false";
  return withTenant(ctx, (tx) =>
    tx
      .select()
      .from(lists)
      .where(
        and(
          eq(lists.tenantId, ctx.tenantId),
          opts.objectType ? eq(lists.objectType, opts.objectType) : undefined,
          archived === "all" ? undefined : eq(lists.isArchived, archived === "true"),
        ),
      )
      .orderBy(asc(lists.name), asc(lists.id)),
  );
}

// ---------------------------------------------------------------------------- members

/** STATIC only: adds live records of the list's type (idempotent). Returns how many joined. */
export async function addMembers(ctx: TenantContext, listId: string, input: { memberIds: string[] } | unknown): Promise<{ added: number; total: number }> {
  const { memberIds } = addMembersSchema.parse(input);
  const ids = [...new Set(memberIds.map((s) => s.toLowerCase()))];
  return withTenant(ctx, async (tx) => {
    const list = await loadList(tx, ctx, listId, true);
    if (list.processingType === "DYNAMIC") throw new AppError("conflict", "A DYNAMIC list's members follow its filter; they cannot be added by hand");
    const malformed = ids.filter((id) => !UUID_RE.test(id));
    const wellFormed = ids.filter((id) => UUID_RE.test(id));
    const t = MEMBER_TABLES[list.objectType];
    const found = wellFormed.length
      ? await tx
          .select({ id: t.id })
          .from(t)
          .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, wellFormed), sql`${t.deletedAt} is null`))
      : [];
    const live = new Set(found.map((r) => r.id as string));
    const bad = [...malformed, ...wellFormed.filter((id) => !live.has(id))];
    if (bad.length) {
      throw new AppError("validation", `Not a live ${list.objectType.toLowerCase()} of this workspace: ${bad.join(", ")}`, {
        errors: memberIds.flatMap((raw, i) => (bad.includes(raw.toLowerCase()) ? [{ path: `memberIds[${i}]`, message: `not a live ${list.objectType.toLowerCase()} of this workspace` }] : [])),
        invalidIds: bad,
      });
    }
    const source = manualSource(ctx);
    const inserted = await tx
      .insert(listMemberships)
      .values(wellFormed.map((memberId) => ({ tenantId: ctx.tenantId, listId, memberType: list.objectType, memberId, source, addedByUserId: ctx.actor.userId })))
      .onConflictDoNothing()
      .returning({ memberId: listMemberships.memberId });
    await recordChanges(tx, ctx, list, inserted.map((r) => ({ memberId: r.memberId, action: "ADDED" })), source);
    const total = inserted.length ? await recount(tx, ctx, listId) : list.memberCount;
    return { added: inserted.length, total };
  });
}

/** STATIC only: removes one member; removing a non-member is a 404. */
export async function removeMember(ctx: TenantContext, listId: string, memberId: string): Promise<void> {
  if (!UUID_RE.test(memberId)) {
    await getList(ctx, listId);
    throw notFound("Member");
  }
  const { removed } = await removeMembers(ctx, listId, { memberIds: [memberId] });
  if (removed === 0) throw notFound("Member");
}

/** STATIC only: removes those of `memberIds` that are members (others are ignored). */
export async function removeMembers(ctx: TenantContext, listId: string, input: { memberIds: string[] } | unknown): Promise<{ removed: number; total: number }> {
  const ids = [...new Set(removeMembersSchema.parse(input).memberIds.map((s) => s.toLowerCase()).filter((id) => UUID_RE.test(id)))];
  return withTenant(ctx, async (tx) => {
    const list = await loadList(tx, ctx, listId, true);
    if (list.processingType === "DYNAMIC") throw new AppError("conflict", "A DYNAMIC list's members follow its filter; they cannot be removed by hand");
    const removed = ids.length
      ? await tx
          .delete(listMemberships)
          .where(and(eq(listMemberships.tenantId, ctx.tenantId), eq(listMemberships.listId, listId), inArray(listMemberships.memberId, ids)))
          .returning({ memberId: listMemberships.memberId })
      : [];
    await recordChanges(tx, ctx, list, removed.map((r) => ({ memberId: r.memberId, action: "REMOVED" })), manualSource(ctx));
    return { removed: removed.length, total: removed.length ? await recount(tx, ctx, listId) : list.memberCount };
  });
}

export interface MemberRow {
  memberId: string;
  memberType: ListObjectType;
  addedAt: string;
  source: MembershipSource;
}

/** Members newest first, keyset-paginated by (addedAt, memberId). */
export async function listMembers(ctx: TenantContext, listId: string, opts: { limit?: number; cursor?: string | null } = {}): Promise<{ data: MemberRow[]; nextCursor: string | null }> {
  const limit = opts.limit ?? 50;
  const m = listMemberships;
  return withTenant(ctx, async (tx) => {
    await loadList(tx, ctx, listId);
    let after: SQL | undefined;
    if (opts.cursor) {
      const c = decodeCursor(opts.cursor, isTimestampText);
      // added_at has microseconds; the cursor keeps them as text
      after = sql`(${m.addedAt}, ${m.memberId}) < (${c.v}::timestamptz, ${c.id}::uuid)`;
    }
    const rows = await tx
      .select({ memberId: m.memberId, memberType: m.memberType, source: m.source, addedAt: m.addedAt, addedAtText: sql<string>`${m.addedAt}::text` })
      .from(m)
      .where(and(eq(m.tenantId, ctx.tenantId), eq(m.listId, listId), after))
      .orderBy(desc(m.addedAt), desc(m.memberId))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: page.map((r) => ({ memberId: r.memberId, memberType: r.memberType, source: r.source, addedAt: r.addedAt.toISOString() })),
      nextCursor: rows.length > limit && last ? encodeCursor({ v: last.addedAtText, id: last.memberId }) : null,
    };
  });
}

// ---------------------------------------------------------------------------- dynamic

/** Ids of the live records matching a DYNAMIC list's filter now (a dry run of refresh). */
export async function matchingIds(ctx: TenantContext, listId: string): Promise<string[]> {
  return withTenant(ctx, async (tx) => {
    const list = await loadList(tx, ctx, listId);
    if (list.processingType !== "DYNAMIC") throw new AppError("conflict", "Only a DYNAMIC list has a filter to match");
    const t = MEMBER_TABLES[list.objectType];
    const where = await compiledFilterOf(tx, ctx, list);
    const rows = await tx.select({ id: t.id }).from(t).where(and(eq(t.tenantId, ctx.tenantId), sql`${t.deletedAt} is null`, where));
    return rows.map((r) => r.id as string);
  });
}

/** Recomputes a DYNAMIC list now: set-based diff in SQL, then log, events and counts. */
export async function refreshList(ctx: TenantContext, listId: string): Promise<RefreshResult> {
  return withTenant(ctx, async (tx) => {
    const list = await loadList(tx, ctx, listId, true);
    if (list.processingType !== "DYNAMIC") throw new AppError("conflict", "Only a DYNAMIC list can be refreshed");
    return refreshIn(tx, ctx, list);
  });
}

/**
 * Recomputes a DYNAMIC list (locked by the caller) set-based, or only the records of
 * `scope` (a condition on the record table, e.g. "of this company"). Only a full
 * recompute counts as a refresh (last_refreshed_at).
 */
async function refreshIn(tx: Tx, ctx: TenantContext, list: List, scope?: SQL): Promise<RefreshResult> {
  const t = MEMBER_TABLES[list.objectType];
  const where = await compiledFilterOf(tx, ctx, list);
  const m = listMemberships;
  const inScope = scope ? sql`and ${scope}` : sql``;
  const leavingScope = scope ? sql`and x.member_id in (select ${t.id} from ${t} where ${t.tenantId} = ${ctx.tenantId}::uuid and ${scope})` : sql``;
  // Both data-modifying CTEs see the same snapshot; their sets are disjoint by construction.
  const rows = await tx.execute<{ action: "ADDED" | "REMOVED"; member_id: string }>(sql`
    with matching as (
      select ${t.id} as id from ${t} where ${t.tenantId} = ${ctx.tenantId}::uuid and ${t.deletedAt} is null ${inScope} and ${where}
    ), added as (
      insert into ${m} (tenant_id, list_id, member_type, member_id, source)
      select ${ctx.tenantId}::uuid, ${list.id}::uuid, ${list.objectType}::list_object_type, matching.id, 'RULE'::list_membership_source
      from matching
      where not exists (select 1 from ${m} x where x.tenant_id = ${ctx.tenantId}::uuid and x.list_id = ${list.id}::uuid and x.member_id = matching.id)
      on conflict do nothing
      returning member_id
    ), removed as (
      delete from ${m} x
      where x.tenant_id = ${ctx.tenantId}::uuid and x.list_id = ${list.id}::uuid ${leavingScope}
        and not exists (select 1 from matching where matching.id = x.member_id)
      returning x.member_id
    )
    select 'ADDED' as action, member_id from added
    union all
    select 'REMOVED' as action, member_id from removed`);
  const changes: Change[] = [...rows].map((r) => ({ memberId: r.member_id, action: r.action }));
  await recordChanges(tx, ctx, list, changes, "RULE");
  const added = changes.filter((c) => c.action === "ADDED").length;
  const removed = changes.length - added;
  const total = scope ? await bumpCount(tx, ctx, list, added - removed) : await recount(tx, ctx, list.id, true);
  return { added, removed, total };
}

async function bumpCount(tx: Tx, ctx: TenantContext, list: List, delta: number): Promise<number> {
  if (delta === 0) return list.memberCount;
  const [row] = await tx
    .update(lists)
    .set({ memberCount: sql`${lists.memberCount} + ${delta}` })
    .where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, list.id)))
    .returning({ memberCount: lists.memberCount });
  return row!.memberCount;
}

/** The non-archived DYNAMIC lists of a type, locked (membership changes are serialised per list), dependencies first. */
/** Locked until the transaction ends: read once per transaction (a dispatch batch re-evaluates many records). */
function lockDynamicLists(tx: Tx, ctx: TenantContext, objectType: ListObjectType): Promise<List[]> {
  return perTransaction(tx, `dynamic-lists:${objectType}`, async () => {
    const rows = await tx
      .select()
      .from(lists)
      .where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.objectType, objectType), eq(lists.processingType, "DYNAMIC"), eq(lists.isArchived, false)))
      .orderBy(asc(lists.id))
      .for("update");
    return dependencyOrder(rows);
  });
}

/**
 * Re-evaluates ONE record against every non-archived DYNAMIC list of its type and joins
 * or leaves accordingly (source RULE). The record (with its company and its list
 * memberships) is read once and every filter is tested in memory by the evaluator that
 * compile.test.ts holds to the SQL compiler's semantics; lists are decided dependencies
 * first, so a list naming another list (inList) sees that list's new verdict. Lists
 * whose stored filter no longer validates are skipped (their refresh reports the
 * problem). With `dependingOn`, nothing happens unless some list names that list (a
 * manual change of a static list's members). Returns the changes.
 */
export async function reevaluateRecord(
  tx: Tx,
  ctx: TenantContext,
  objectType: ListObjectType,
  recordId: string,
  opts: { dependingOn?: string } = {},
): Promise<{ listId: string; action: "ADDED" | "REMOVED" }[]> {
  if (!UUID_RE.test(recordId)) return [];
  const t = MEMBER_TABLES[objectType];
  const m = listMemberships;
  // Sent together (postgres.js pipelines a transaction's concurrent queries) and run in
  // this order, so the record and its memberships are read after the lists are locked.
  const [dynamicLists, customFields, [row], memberships] = await Promise.all([
    lockDynamicLists(tx, ctx, objectType),
    customFieldsIn(tx, ctx, objectType),
    tx.select().from(t).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, recordId))) as Promise<Record<string, unknown>[]>,
    tx.select({ listId: m.listId }).from(m).where(and(eq(m.tenantId, ctx.tenantId), eq(m.memberId, recordId))),
  ]);
  if (dynamicLists.length === 0) return [];
  if (opts.dependingOn && !dynamicLists.some((l) => listIdsReferenced(l.filter).includes(opts.dependingOn!.toLowerCase()))) return [];
  const now = new Date();
  const tests: { list: List; test: (r: FilterRecord) => boolean; needsCompany: boolean }[] = [];
  for (const list of dynamicLists) {
    try {
      tests.push({ list, test: filterPredicate(objectType, list.filter, { userId: list.ownerUserId, customFields, now }), needsCompany: filterUsesCompanyFields(list.filter) });
    } catch (err) {
      if (!(err instanceof AppError && err.code === "validation")) throw err;
    }
  }
  const live = row && row.deletedAt == null ? row : null;
  const memberOf = new Set(memberships.map((r) => r.listId));
  let company: Record<string, unknown> | null = null;
  if (live && typeof live.companyId === "string" && tests.some((x) => x.needsCompany)) {
    [company = null] = (await tx.select().from(companies).where(and(eq(companies.tenantId, ctx.tenantId), eq(companies.id, live.companyId)))) as Record<string, unknown>[];
  }
  const changed: (Change & { list: List })[] = [];
  for (const { list, test } of tests) {
    // listIds reflects the verdicts decided so far, so dependants see their dependencies' new state
    const matches = live !== null && test({ ...live, company, listIds: [...memberOf] });
    if (matches === memberOf.has(list.id)) continue;
    changed.push({ list, memberId: recordId, action: matches ? "ADDED" : "REMOVED" });
    if (matches) memberOf.add(list.id);
    else memberOf.delete(list.id);
  }
  if (changed.length === 0) return [];
  const joined = changed.filter((c) => c.action === "ADDED").map((c) => c.list.id);
  const left = changed.filter((c) => c.action === "REMOVED").map((c) => c.list.id);
  const deltas = changed.map((c) => sql`(${c.list.id}::uuid, ${c.action === "ADDED" ? 1 : -1}::int)`);
  await Promise.all([
    joined.length ? tx.insert(m).values(joined.map((listId) => ({ tenantId: ctx.tenantId, listId, memberType: objectType, memberId: recordId, source: "RULE" as const }))).onConflictDoNothing() : null,
    left.length ? tx.delete(m).where(and(eq(m.tenantId, ctx.tenantId), eq(m.memberId, recordId), inArray(m.listId, left))) : null,
    recordListChanges(tx, ctx, changed, "RULE"),
    tx.execute(sql`
      update ${lists} set member_count = ${lists.memberCount} + d.delta
      from (values ${sql.join(deltas, sql`, `)}) as d(list_id, delta)
      where ${lists.tenantId} = ${ctx.tenantId}::uuid and ${lists.id} = d.list_id`),
  ]);
  return changed.map((c) => ({ listId: c.list.id, action: c.action }));
}

const COMPANY_RELATED = ["CONTACT", "DEAL", "TICKET"] as const;

/**
 * After a company changed: its contacts, deals and tickets are re-evaluated against the
 * DYNAMIC lists of those types that read company fields (and, dependencies first, every
 * other dynamic list of the type, which may name those lists). Set-based per list.
 */
export async function reevaluateCompanyRelated(tx: Tx, ctx: TenantContext, companyId: string): Promise<number> {
  if (!UUID_RE.test(companyId)) return 0;
  let changes = 0;
  for (const type of COMPANY_RELATED) {
    const dynamicLists = await lockDynamicLists(tx, ctx, type);
    if (!dynamicLists.some((l) => filterUsesCompanyFields(l.filter))) continue;
    const t = MEMBER_TABLES[type] as MemberTable & { companyId: PgColumn };
    for (const list of dynamicLists) {
      try {
        const r = await refreshIn(tx, ctx, list, sql`${t.companyId} = ${companyId}::uuid`);
        changes += r.added + r.removed;
      } catch (err) {
        if (!(err instanceof AppError && err.code === "validation")) throw err;
      }
    }
  }
  return changes;
}

/**
 * Refreshes the tenant's non-archived DYNAMIC lists, dependencies first (the periodic
 * safety net). With `relativeOnly`, only the lists whose filter moves with the clock
 * (filterUsesRelativeDates), and the lists that name them (the daily re-evaluation).
 */
export async function refreshAllLists(ctx: TenantContext, opts: { relativeOnly?: boolean } = {}): Promise<{ refreshed: number; failed: { listId: string; error: string }[] }> {
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ id: lists.id, filter: lists.filter })
      .from(lists)
      .where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.processingType, "DYNAMIC"), eq(lists.isArchived, false)))
      .orderBy(asc(lists.id)),
  );
  const relative = new Set<string>();
  for (const l of dependencyOrder(rows)) {
    if (filterUsesRelativeDates(l.filter) || listIdsReferenced(l.filter).some((id) => relative.has(id))) relative.add(l.id.toLowerCase());
  }
  const todo = dependencyOrder(rows).filter((l) => !opts.relativeOnly || relative.has(l.id.toLowerCase()));
  const failed: { listId: string; error: string }[] = [];
  for (const { id } of todo) {
    try {
      await refreshList(ctx, id);
    } catch (err) {
      failed.push({ listId: id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { refreshed: todo.length - failed.length, failed };
}
