// Many rows' values sent to Postgres as one jsonb parameter read back as a typed record
// set (jsonb_to_recordset), instead of a parameter per value: Drizzle takes ~150 ms to
// build a 500-row VALUES list of thirty columns — longer than Postgres takes to write the
// rows — and Postgres parses one parameter faster than fifteen thousand. The set-based
// create and update of records (service.ts) write through here.
import "server-only";
import { getTableColumns, is, sql, SQL } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "@/lib/tenancy/with-tenant";

/** A column's name in the database (the client maps keys to snake_case, as drizzle.config.ts does). */
export const columnName = (c: PgColumn) => (c.keyAsName ? toSnakeCase(c.name) : c.name);

/** A column's type as a record set's column list takes it (a type, not a collation). */
const typeOf = (c: PgColumn) => sql.raw(c.getSQLType().replace(/\s+COLLATE\s+.*$/i, ""));

/**
 * `jsonb_to_recordset(<rows>) as <alias>(<columns>)`: `fields` are the table's column keys
 * (camelCase); each row gives its values by those keys (absent is null). Dates travel as
 * ISO text, arrays and objects as JSON: each is read back as its column's type.
 */
export function recordSet(table: PgTable, fields: readonly string[], rows: readonly Record<string, unknown>[], alias = "v"): SQL {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const names = fields.map((f) => {
    const c = columns[f];
    if (!c) throw new Error(`recordSet: ${f} is not a column`);
    return columnName(c);
  });
  const json = JSON.stringify(rows.map((r) => Object.fromEntries(fields.map((f, i) => [names[i], r[f] ?? null]))));
  return sql`jsonb_to_recordset(${json}::jsonb) as ${sql.identifier(alias)}(${sql.join(
    fields.map((f, i) => sql`${sql.identifier(names[i]!)} ${typeOf(columns[f]!)}`),
    sql`, `,
  )})`;
}

const namesOf = new WeakMap<PgTable, [key: string, name: string, column: PgColumn][]>();
/** The table's columns with their names in the database, worked out once per table. */
function columnsWithNames(table: PgTable): [key: string, name: string, column: PgColumn][] {
  let out = namesOf.get(table);
  if (!out) namesOf.set(table, (out = Object.entries(getTableColumns(table) as Record<string, PgColumn>).map(([k, c]) => [k, columnName(c), c])));
  return out;
}

/** A row as Postgres returned it (column names) → as Drizzle's queries answer it (keys, mapped values). */
function fromDriver(table: PgTable, raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, name, c] of columnsWithNames(table)) {
    const v = raw[name];
    out[key] = v === null || v === undefined ? null : c.mapFromDriverValue(v);
  }
  return out;
}

/**
 * INSERT of `rows` (values by column key, as Drizzle's insert takes them) into `table`,
 * RETURNING every column, in the caller's transaction; answers the rows in the order
 * given (each row names its id). A column with a default that a row leaves out gets its
 * default (rows are grouped by which of those they give); a value given as SQL (now())
 * must be one SQL object for the whole column.
 */
export async function insertRows<T extends Record<string, unknown>>(tx: Tx, table: PgTable, rows: readonly Record<string, unknown>[]): Promise<T[]> {
  return (await insertSet(tx, table, rows, true)) as T[];
}

/** insertRows without reading the rows back (no RETURNING; rows need no id). */
export async function insertValues(tx: Tx, table: PgTable, rows: readonly Record<string, unknown>[]): Promise<void> {
  await insertSet(tx, table, rows, false);
}

async function insertSet(tx: Tx, table: PgTable, rows: readonly Record<string, unknown>[], returning: boolean): Promise<Record<string, unknown>[]> {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const given = (r: Record<string, unknown>, k: string) => r[k] !== undefined;
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    if (returning && typeof r.id !== "string") throw new Error("insertRows: each row needs its id");
    // the columns with a default this row leaves to Postgres
    const key = Object.keys(columns)
      .filter((k) => columns[k]!.hasDefault && !given(r, k))
      .join(",");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  const out = new Map<unknown, Record<string, unknown>>();
  for (const group of groups.values()) {
    const fields = Object.keys(columns).filter((k) => group.some((r) => given(r, k)));
    const exprs = fields.map((f) => {
      const first = group[0]![f];
      if (!is(first, SQL)) {
        if (group.some((r) => is(r[f], SQL))) throw new Error(`insertRows: ${f} mixes SQL and values`);
        return sql`v.${sql.identifier(columnName(columns[f]!))}`;
      }
      if (group.some((r) => r[f] !== first)) throw new Error(`insertRows: ${f} is not one SQL for every row`);
      return first;
    });
    const valued = fields.filter((f) => !is(group[0]![f], SQL));
    const result = (await tx.execute(sql`insert into ${table} (${sql.join(
      fields.map((f) => sql.identifier(columnName(columns[f]!))),
      sql`, `,
    )}) select ${sql.join(exprs, sql`, `)} from ${recordSet(table, valued, group)}${returning ? sql` returning *` : sql``}`)) as unknown as Record<string, unknown>[];
    if (!returning) continue;
    for (const raw of result) {
      const row = fromDriver(table, raw);
      out.set(row.id, row);
    }
  }
  return returning ? rows.map((r) => out.get(r.id)!) : [];
}
