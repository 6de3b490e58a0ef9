// The read side of a record table (server-only): one page of rows from listRecords (keyset
// cursor; the default sort is served by the (tenant_id, created_at desc, id desc) index),
// cut down to the visible columns, and a count that stops at COUNT_CAP + 1 rows.
import "server-only";
import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { companies, pipelineStages, tenantGroups, tenantUsers, users } from "@/db/schema";
import { listCustomFields } from "@/lib/custom-fields/service";
import { compileFilter } from "@/lib/filters/compile";
import { listRecords } from "@/lib/records/queries";
import { RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import type { RecordRow } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import type { TableCustomField } from "./columns";
import { cappedCount, COUNT_CAP, type CappedCount } from "./count";
import { emptyLookups, lookupIdsOf, projectRows, type RowLookups, type TableRow } from "./project";
import { isEmptyFilter } from "./url-state";

export const PAGE_SIZE = 50;

export interface TableQuery {
  q?: string | null;
  sort?: string | null;
  /** Filter JSON (validated and compiled here; 422 with paths when invalid). */
  filter?: unknown;
}

export interface TablePage {
  rows: TableRow[];
  nextCursor: string | null;
  /** Only on the first page (no cursor). */
  count?: CappedCount;
}

/** The tenant's custom fields of the kind, in display order, without Drizzle types. */
export async function tableCustomFields(ctx: TenantContext, kind: RecordKind): Promise<TableCustomField[]> {
  const defs = await listCustomFields(ctx, kind);
  return defs
    .sort((a, b) => a.displayOrder - b.displayOrder || a.label.localeCompare(b.label))
    .map((d) => ({ key: d.key, label: d.label, fieldType: d.fieldType, options: d.options }));
}

/** The filter as a WHERE condition, through the one compiler (lib/filters/compile.ts). */
export function filterWhere(ctx: TenantContext, kind: RecordKind, filter: unknown, customFields: readonly TableCustomField[]): SQL | undefined {
  if (isEmptyFilter(filter)) return undefined;
  return compileFilter(kind, filter, { tenantId: ctx.tenantId, userId: ctx.actor.userId, customFields });
}

/** The conditions listRecords applies, for queries that need the same set of rows. */
export function matchConditions(ctx: TenantContext, kind: RecordKind, q: string | null | undefined, where: SQL | undefined): SQL {
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  return and(eq(t.tenantId, ctx.tenantId), isNull(t.deletedAt), q?.trim() ? def.search(q.trim()) : undefined, where)!;
}

/** How many rows match, exactly up to `cap`; never reads more than cap + 1 index entries or rows. */
export async function countMatching(ctx: TenantContext, kind: RecordKind, q: string | null | undefined, where: SQL | undefined, cap = COUNT_CAP): Promise<CappedCount> {
  const t = tableOf(RECORD_KINDS[kind]);
  const [row] = await withTenant(ctx, (tx) =>
    tx.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from ${t} where ${matchConditions(ctx, kind, q, where)} limit ${cap + 1}) as matching`),
  );
  return cappedCount(Number(row?.n ?? 0), cap);
}

/** Names for the owners and companies the rows show. */
export async function loadLookups(tx: Tx, tenantId: string, rows: readonly RecordRow[], cols: readonly string[]): Promise<RowLookups> {
  const ids = lookupIdsOf(rows, cols);
  const out = emptyLookups();
  if (ids.users.length > 0) {
    const found = await tx
      .select({ id: users.id, name: users.name })
      .from(tenantUsers)
      .innerJoin(users, eq(users.id, tenantUsers.userId))
      .where(and(eq(tenantUsers.tenantId, tenantId), inArray(tenantUsers.userId, ids.users)));
    for (const u of found) out.users.set(u.id, u.name);
  }
  if (ids.groups.length > 0) {
    const found = await tx.select({ id: tenantGroups.id, name: tenantGroups.name }).from(tenantGroups).where(and(eq(tenantGroups.tenantId, tenantId), inArray(tenantGroups.id, ids.groups)));
    for (const g of found) out.groups.set(g.id, g.name);
  }
  if (ids.companies.length > 0) {
    const found = await tx
      .select({ id: companies.id, name: companies.name })
      .from(companies)
      .where(and(eq(companies.tenantId, tenantId), inArray(companies.id, ids.companies), isNull(companies.deletedAt)));
    for (const c of found) out.companies.set(c.id, c.name);
  }
  if (ids.stages.length > 0) {
    const found = await tx.select({ id: pipelineStages.id, name: pipelineStages.name }).from(pipelineStages).where(and(eq(pipelineStages.tenantId, tenantId), inArray(pipelineStages.id, ids.stages)));
    for (const s of found) out.stages.set(s.id, s.name);
  }
  return out;
}

/**
 * One page of the table: rows after `cursor` in the sort order, projected to `cols`.
 * The first page also carries the capped count of all matching rows.
 */
export async function loadTablePage(
  ctx: TenantContext,
  kind: RecordKind,
  query: TableQuery & { cols: readonly string[]; cursor?: string | null; limit?: number },
  customFields?: readonly TableCustomField[],
): Promise<TablePage> {
  const fields = customFields ?? (await tableCustomFields(ctx, kind));
  const where = filterWhere(ctx, kind, query.filter, fields);
  const [page, count] = await Promise.all([
    listRecords(ctx, kind, { limit: query.limit ?? PAGE_SIZE, cursor: query.cursor, sort: query.sort, q: query.q, where }),
    query.cursor ? Promise.resolve(undefined) : countMatching(ctx, kind, query.q, where),
  ]);
  const needed = lookupIdsOf(page.data, query.cols);
  const lookups =
    needed.users.length + needed.groups.length + needed.companies.length + needed.stages.length > 0
      ? await withTenant(ctx, (tx) => loadLookups(tx, ctx.tenantId, page.data, query.cols))
      : emptyLookups();
  const rows = projectRows(kind, page.data, query.cols, lookups, fields);
  return count ? { rows, nextCursor: page.nextCursor, count } : { rows, nextCursor: page.nextCursor };
}
