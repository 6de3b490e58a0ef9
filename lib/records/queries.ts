// Reads for record collections: keyset pagination over any sortable column, quick
// search, and filter JSON. Server-only.
import "server-only";
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { decodeCursor, encodeCursor, fitsColumn } from "@/lib/api/cursor";
import { AppError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { actorSettings, withTenant } from "@/lib/tenancy/with-tenant";
import { columnOf, RECORD_KINDS, tableOf, type RecordKind } from "./registry";
import type { RecordRow } from "./service";

export interface ListParams {
  limit?: number;
  cursor?: string | null;
  /** `field:asc|desc`; default `createdAt:desc`. */
  sort?: string | null;
  q?: string | null;
  /** Extra condition, e.g. a compiled filter JSON. */
  where?: SQL;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export function parseSort(kind: RecordKind, sort: string | null | undefined): { field: string; dir: "asc" | "desc" } {
  if (!sort) return { field: "createdAt", dir: "desc" };
  const m = /^([a-zA-Z]+):(asc|desc)$/.exec(sort);
  if (!m || !RECORD_KINDS[kind].sortable.includes(m[1]!)) {
    throw new AppError("bad-request", `sort must be <field>:<asc|desc> with field one of ${RECORD_KINDS[kind].sortable.join(", ")}`);
  }
  return { field: m[1]!, dir: m[2] as "asc" | "desc" };
}

function cursorValue(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return typeof v === "number" ? v : String(v);
}

/**
 * Rows after the cursor in (sort column, id) order, NULLs last. Walking every page returns
 * each matching row once, even while rows are added (ids break ties).
 */
function after(column: PgColumn, idCol: PgColumn, dir: "asc" | "desc", cursor: { v: string | number | null; id: string }): SQL {
  const cmp = dir === "asc" ? gt : lt;
  const v = cursor.v;
  if (v === null) return and(isNull(column), cmp(idCol, cursor.id))!;
  // Timestamps travel as Postgres text with microseconds (a JS Date keeps only milliseconds).
  const value = column.columnType === "PgTimestamp" ? sql`${String(v)}::timestamptz` : sql`${column.mapToDriverValue(v)}`;
  if (column.notNull) return sql`(${column}, ${idCol}) ${sql.raw(dir === "asc" ? ">" : "<")} (${value}, ${cursor.id}::uuid)`;
  const op = sql.raw(dir === "asc" ? ">" : "<");
  return or(sql`${column} ${op} ${value}`, and(sql`${column} = ${value}`, cmp(idCol, cursor.id)), isNull(column))!;
}

/**
 * Up to this many owners in a scope (a rep and their groups, a manager's team of a dozen)
 * the owners' own index reads win: each is index-only (the owner indexes carry the columns
 * the policy reads). A scope of more owners holds so many of the records that the
 * created_idx walk finds a page soon, and is cheaper than that many reads merged.
 */
const FEW_OWNERS = 16;

/** The columns an access scope reads (migration access_scopes): owner, and a deal's or ticket's assignee. */
const SCOPE_COLUMNS = ["ownedByUserId", "ownedByGroupId", "assignedUserId", "assignedGroupId"] as const;

/**
 * A page's ids by creation time for a member whose role may have an own or team scope. With
 * a scope (access_scope_ids: the users and groups whose records they reach), each of those
 * owners' newest rows come from the owner indexes (tenant, owner, created_at, id) and are
 * merged — `limit` rows per owner and column at most — instead of walking the tenant's
 * created_idx past everyone else's records (a rep who owns 2% of a million contacts read
 * ~50 index entries for each row of theirs). Without one (scope "all") or with more than
 * FEW_OWNERS, the plain read; which branch runs is decided once per statement. RLS still
 * filters every row read.
 */
function scopedNewest(kind: RecordKind, conditions: (SQL | undefined)[], column: PgColumn, dir: "asc" | "desc", limit: number): SQL {
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  const scope = sql`access_scope_ids(${kind}::crm_record_type, false)`;
  const order = dir === "asc" ? sql`${column} asc nulls first, ${t.id} asc nulls first` : sql`${column} desc nulls last, ${t.id} desc nulls last`;
  const pick = (only: SQL) => sql`(select ${t.id} as id, ${column} as k from ${t} where ${and(...conditions, only)} order by ${order} limit ${limit})`;
  const owners = SCOPE_COLUMNS.flatMap((c) => {
    const col = columnOf(def, c);
    return col ? [pick(sql`${col} = o.oid`)] : [];
  });
  const merged = dir === "asc" ? sql`k asc nulls first, id asc nulls first` : sql`k desc nulls last, id desc nulls last`;
  return sql`(select id from (
    ${pick(sql`coalesce(cardinality(${scope}) > ${FEW_OWNERS}, true)`)}
    union all
    select x.id, x.k from unnest(case when cardinality(${scope}) <= ${FEW_OWNERS} then ${scope} end) o(oid)
      cross join lateral (${sql.join(owners, sql` union all `)}) x
  ) p group by id, k order by ${merged} limit ${limit})`;
}

export async function listRecords(ctx: TenantContext, kind: RecordKind, params: ListParams): Promise<Page<RecordRow>> {
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  const limit = params.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError("bad-request", "limit must be an integer from 1 to 200");
  const { field, dir } = parseSort(kind, params.sort);
  const column = columnOf(def, field)!;
  const conditions: (SQL | undefined)[] = [eq(t.tenantId, ctx.tenantId), isNull(t.deletedAt)];
  if (params.q?.trim()) conditions.push(def.search(params.q.trim()));
  if (params.where) conditions.push(params.where);
  if (params.cursor) conditions.push(after(column, t.id, dir, decodeCursor(params.cursor, fitsColumn(column))));
  // NULLs last. A NOT NULL column has none, so its NULLS clause is free to match the one
  // index that serves both directions (desc nulls last, read backwards for asc; the
  // created_idx and *_sort_idx indexes of db/schema/records.ts).
  const order = column.notNull
    ? dir === "asc"
      ? [sql`${column} asc nulls first`, sql`${t.id} asc nulls first`]
      : [sql`${column} desc nulls last`, sql`${t.id} desc nulls last`]
    : dir === "asc"
      ? [sql`${column} asc nulls last`, asc(t.id)]
      : [sql`${column} desc nulls last`, desc(t.id)];
  const isTimestamp = column.columnType === "PgTimestamp";
  // Ids first, then their rows: the page's ids come from the sort index alone (the default
  // sort's created_idx carries the owner columns the access policies read), so a rep who
  // sees 2% of a million contacts skips the others in the index instead of in the table.
  const rows = (await withTenant(ctx, (tx) => {
    const { role } = actorSettings(ctx.actor);
    const ids =
      field === "createdAt" && role !== "system" && role !== "admin"
        ? scopedNewest(kind, conditions, column, dir, limit + 1)
        : tx
            .select({ id: t.id })
            .from(t)
            .where(and(...conditions))
            .orderBy(...order)
            .limit(limit + 1);
    return tx
      .select({ ...getTableColumns(t), _cursor: isTimestamp ? sql<string | null>`${column}::text` : sql<null>`null` })
      .from(t)
      .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, ids)))
      .orderBy(...order);
  })) as (RecordRow & { _cursor: string | null })[];
  const page = rows.slice(0, limit).map(({ _cursor, ...row }) => row as RecordRow);
  const last = rows[limit - 1];
  const lastValue = last ? (isTimestamp ? last._cursor : cursorValue(last[field])) : null;
  return { data: page, nextCursor: rows.length > limit && last ? encodeCursor({ v: lastValue ?? null, id: last.id }) : null };
}
