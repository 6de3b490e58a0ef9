// The dynamic-list engine: a DYNAMIC list holds exactly the live records matching its
// filter. refreshList recomputes one set-based in SQL; the "dynamic-lists" consumer
// (consumer.ts) re-evaluates one record after each change (reevaluateRecord). A filter is
// compiled with the list owner's id for "me" (not the caller's), so a list means the same
// thing whoever refreshes it.
import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { companies, listMemberships, lists, type List } from "@/db/schema";
import { definitionsOfOnce } from "@/lib/custom-fields/service";
import { AppError } from "@/lib/errors";
import { filterPredicate, type FilterRecord } from "@/lib/filters/evaluate";
import type { TenantContext } from "@/lib/tenancy/context";
import { perTransaction, withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { dependencyOrder, filterUsesCompanyFields, filterUsesRelativeDates, listIdsReferenced, matchesNothing } from "./rules";
import { compiledFilterOf, loadList, MEMBER_TABLES, type ListObjectType, type MemberTable, type RefreshResult } from "./model";
import { recordChanges, recordListChanges, recount, type Change } from "./members";

// ---------------------------------------------------------------------------- dynamic

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
export async function refreshIn(tx: Tx, ctx: TenantContext, list: List, scope?: SQL): Promise<RefreshResult> {
  const t = MEMBER_TABLES[list.objectType];
  const where = await compiledFilterOf(tx, ctx, list);
  const m = listMemberships;
  const inScope = scope ? sql`and ${scope}` : sql``;
  const leavingScope = scope ? sql`and x.member_id in (select ${t.id} from ${t} where ${t.tenantId} = ${ctx.tenantId}::uuid and ${scope})` : sql``;
  // Both data-modifying CTEs see the same snapshot; their sets are disjoint by construction.
  // Hash and merge joins only: the planner has no estimate for either side (the records' RLS
  // and a filter's LIKE put `matching` at a row or so, and a list that was empty when last
  // analysed stays "empty"), and a nested loop over both sets took minutes at 10,000 members.
  const rows = await hashJoinsOnly(tx, () => tx.execute<{ action: "ADDED" | "REMOVED"; member_id: string }>(sql`
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
    select 'REMOVED' as action, member_id from removed`));
  const changes: Change[] = [...rows].map((r) => ({ memberId: r.member_id, action: r.action }));
  await recordChanges(tx, ctx, list, changes, "RULE");
  const added = changes.filter((c) => c.action === "ADDED").length;
  const removed = changes.length - added;
  const total = scope ? await bumpCount(tx, ctx, list, added - removed) : await recount(tx, ctx, list.id, true);
  return { added, removed, total };
}

/** Runs `statement` with nested loops turned off (SET LOCAL), then turns them back to the server's setting. */
async function hashJoinsOnly<T>(tx: Tx, statement: () => Promise<T>): Promise<T> {
  await tx.execute(sql`select set_config('enable_nestloop', 'off', true)`);
  const out = await statement();
  await tx.execute(sql`select set_config('enable_nestloop', reset_val, true) from pg_settings where name = 'enable_nestloop'`);
  return out;
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
  if (!isUuid(recordId)) return [];
  const t = MEMBER_TABLES[objectType];
  const m = listMemberships;
  // Sent together (postgres.js pipelines a transaction's concurrent queries) and run in
  // this order, so the record and its memberships are read after the lists are locked.
  const [dynamicLists, customFields, [row], memberships] = await Promise.all([
    lockDynamicLists(tx, ctx, objectType),
    definitionsOfOnce(tx, ctx.tenantId, objectType),
    tx.select().from(t).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, recordId))) as Promise<Record<string, unknown>[]>,
    tx.select({ listId: m.listId }).from(m).where(and(eq(m.tenantId, ctx.tenantId), eq(m.memberId, recordId))),
  ]);
  if (dynamicLists.length === 0) return [];
  if (opts.dependingOn && !dynamicLists.some((l) => listIdsReferenced(l.filter).includes(opts.dependingOn!.toLowerCase()))) return [];
  const now = new Date();
  const tests: { list: List; test: (r: FilterRecord) => boolean; needsCompany: boolean }[] = [];
  for (const list of dynamicLists) {
    try {
      const test = matchesNothing(list.filter) ? () => false : filterPredicate(objectType, list.filter, { userId: list.ownerUserId, customFields, now });
      tests.push({ list, test, needsCompany: filterUsesCompanyFields(list.filter) });
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
  if (!isUuid(companyId)) return 0;
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
