// Read helpers for the lists UI: member titles, the builder's live preview, the join /
// leave history, and turning pasted ids / emails into ids.
import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { decodeCursor, encodeCursor, isTimestampText } from "@/lib/api/cursor";
import { contacts, leads, listMembershipLog, listMemberships, lists, users, type Activity, type List } from "@/db/schema";
import { shownActivities } from "@/lib/email/visibility";
import { definitionsOfOnce } from "@/lib/custom-fields/service";
import { AppError, type ValidationIssue } from "@/lib/errors";
import { compileFilter } from "@/lib/filters/compile";
import { MAX_BULK_RECORDS, selectionSchema, type BulkSelection } from "@/lib/bulk/schemas";
import { recordPath } from "@/lib/records/kinds";
import { RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { liveWithEmail } from "@/lib/records/email-match";
import { isUuid } from "@/lib/uuid";
import { cappedCount, COUNT_CAP, type CappedCount } from "@/lib/views/count";
import { filterWhere, matchConditions, tableCustomFields } from "@/lib/views/table-query";
import { checkFilter, compiledFilterOf, listColumns, loadList, MEMBER_TABLES, type ListObjectType, type MembershipSource } from "./model";
import { matchesNothing } from "./rules";

/** Where a member's page is: under its kind's page; activities have none of their own. */
export const memberHref = (objectType: ListObjectType, id: string) => (objectType === "ACTIVITY" ? null : recordPath(objectType, id));

const titleOf = (objectType: ListObjectType, r: Record<string, unknown>) => (objectType === "ACTIVITY" ? String(r.subject ?? "(activity)") : RECORD_KINDS[objectType].title(r));

/** Rows as the actor may see them: an activity list may hold emails synced from someone's private mailbox (lib/email/visibility.ts). */
async function shownRows(tx: Tx, ctx: TenantContext, objectType: ListObjectType, rows: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  if (objectType !== "ACTIVITY") return rows;
  return (await shownActivities(tx, ctx.tenantId, ctx.actor.userId, rows as unknown as Activity[])) as unknown as Record<string, unknown>[];
}

/** id → human title (and whether the record is soft-deleted) for records of one type. */
export async function memberTitles(ctx: TenantContext, objectType: ListObjectType, ids: string[]): Promise<Map<string, { title: string; deleted: boolean }>> {
  if (ids.length === 0) return new Map();
  const t = MEMBER_TABLES[objectType];
  const rows = await withTenant(ctx, async (tx) => shownRows(tx, ctx, objectType, (await tx.select().from(t).where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, ids)))) as Record<string, unknown>[]));
  return new Map(rows.map((r) => [String(r.id), { title: titleOf(objectType, r), deleted: r.deletedAt != null }]));
}

/** When each of `ids` joined the list (ISO), for the members table's "Joined" column. */
export async function joinTimes(ctx: TenantContext, listId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const m = listMemberships;
  const rows = await withTenant(ctx, (tx) =>
    tx.select({ id: m.memberId, at: m.addedAt }).from(m).where(and(eq(m.tenantId, ctx.tenantId), eq(m.listId, listId), inArray(m.memberId, ids))),
  );
  return new Map(rows.map((r) => [r.id, r.at.toISOString()]));
}

export interface FilterPreview {
  count: CappedCount;
  /** The newest matching records. */
  sample: { id: string; title: string; href: string | null }[];
}
export type PreviewResult = { ok: true; preview: FilterPreview } | { ok: false; errors: ValidationIssue[] };

/**
 * What a DYNAMIC list with this filter would hold now (the builder's live count and first
 * matches), checked exactly as saving it would be. "me" is `ownerUserId` (the list's
 * owner when editing one), else the caller.
 */
export async function previewFilter(
  ctx: TenantContext,
  input: { objectType: ListObjectType; filter: unknown; listId?: string | null },
  sampleSize = 5,
): Promise<PreviewResult> {
  const list = input.listId ? await getList(ctx, input.listId) : null;
  return withTenant(ctx, async (tx) => {
    try {
      await checkFilter(tx, ctx, input.objectType, input.filter, list?.id);
    } catch (err) {
      if (err instanceof AppError && err.code === "validation") return { ok: false, errors: (err.extensions.errors as ValidationIssue[] | undefined) ?? [{ path: "filter", message: err.message }] };
      throw err;
    }
    const customFields = await definitionsOfOnce(tx, ctx.tenantId, input.objectType);
    const where = matchesNothing(input.filter) ? sql`false` : compileFilter(input.objectType, input.filter, { tenantId: ctx.tenantId, userId: list ? list.ownerUserId : ctx.actor.userId, customFields });
    const t = MEMBER_TABLES[input.objectType];
    const live = and(eq(t.tenantId, ctx.tenantId), sql`${t.deletedAt} is null`, where);
    const [counted] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from ${t} where ${live} limit ${COUNT_CAP + 1}) as matching`);
    const rows = await shownRows(tx, ctx, input.objectType, (await tx.select().from(t).where(live).orderBy(desc(t.createdAt), desc(t.id)).limit(sampleSize)) as Record<string, unknown>[]);
    return {
      ok: true,
      preview: { count: cappedCount(Number(counted?.n ?? 0)), sample: rows.map((r) => ({ id: String(r.id), title: titleOf(input.objectType, r), href: memberHref(input.objectType, String(r.id)) })) },
    };
  });
}

export interface HistoryEntry {
  id: string;
  at: string;
  action: "ADDED" | "REMOVED";
  source: MembershipSource;
  memberId: string;
  title: string;
  href: string | null;
  actorName: string | null;
}

/** The latest joins and leaves of a list, newest first, with why (rule, manual, ...) and who. */
export async function listHistory(ctx: TenantContext, listId: string, limit = 50): Promise<HistoryEntry[]> {
  const list = await getList(ctx, listId);
  const log = listMembershipLog;
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ id: log.id, at: log.at, action: log.action, source: log.source, memberId: log.memberId, actorName: sql<string | null>`coalesce(nullif(${users.name}, ''), ${users.email})` })
      .from(log)
      .leftJoin(users, eq(users.id, log.actorUserId))
      .where(and(eq(log.tenantId, ctx.tenantId), eq(log.listId, listId)))
      .orderBy(desc(log.at), desc(log.id))
      .limit(limit),
  );
  const titles = await memberTitles(ctx, list.objectType, [...new Set(rows.map((r) => r.memberId))]);
  return rows.map((r) => {
    const t = titles.get(r.memberId);
    return {
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      source: r.source,
      memberId: r.memberId,
      title: t?.title ?? "(deleted record)",
      href: t && !t.deleted ? memberHref(list.objectType, r.memberId) : null,
      actorName: r.actorName,
    };
  });
}

/**
 * Pasted references (ids, or emails for contacts and leads) → record ids. Unknown
 * emails come back in `unknown`; ids are passed through for addMembers to check.
 */
export async function resolveMemberRefs(ctx: TenantContext, objectType: ListObjectType, refs: string[]): Promise<{ ids: string[]; unknown: string[] }> {
  const ids = refs.filter((r) => isUuid(r));
  const emails = refs.filter((r) => !isUuid(r)).map((e) => e.trim().toLowerCase());
  if (emails.length === 0) return { ids, unknown: [] };
  const table = objectType === "CONTACT" ? contacts : objectType === "LEAD" ? leads : null;
  if (!table) return { ids, unknown: emails };
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ id: table.id, email: table.dupEmail })
      .from(table)
      .where(and(eq(table.tenantId, ctx.tenantId), liveWithEmail(table, emails))),
  );
  const found = new Set(rows.map((r) => r.email?.toLowerCase()));
  return { ids: [...ids, ...rows.map((r) => r.id)], unknown: emails.filter((e) => !found.has(e)) };
}

/** The ids a table selection names: explicit ids, or every live record matching its search and filter (capped). */
export async function selectionIds(ctx: TenantContext, kind: RecordKind, selection: BulkSelection): Promise<string[]> {
  const s = selectionSchema.parse(selection);
  if ("ids" in s) return s.ids;
  const where = filterWhere(ctx, kind, s.filter, await tableCustomFields(ctx, kind));
  const t = tableOf(RECORD_KINDS[kind]);
  const rows = await withTenant(ctx, (tx) => tx.select({ id: t.id }).from(t).where(matchConditions(ctx, kind, s.q, where)).limit(MAX_BULK_RECORDS + 1));
  if (rows.length > MAX_BULK_RECORDS) throw new AppError("validation", `The selection matches more than ${MAX_BULK_RECORDS.toLocaleString("en-US")} records; narrow the search or filter`);
  return rows.map((r) => r.id as string);
}

export async function getList(ctx: TenantContext, listId: string): Promise<List> {
  return withTenant(ctx, (tx) => loadList(tx, ctx, listId));
}

export async function listLists(ctx: TenantContext, opts: { objectType?: ListObjectType; archived?: "true" | "false" | "all" } = {}): Promise<List[]> {
  const archived = opts.archived ?? "false";
  return withTenant(ctx, (tx) =>
    tx
      .select(listColumns)
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
