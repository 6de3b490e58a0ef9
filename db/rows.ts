// Rows of hand-written queries in the shape Drizzle's select() gives them: camelCase keys
// and each column's own decoding (timestamps as Date, numeric as string, jsonb parsed).
// For the few hot paths written in postgres.js directly (lib/pipelines/move-record.ts).
import { getTableColumns, type Column } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import type { PgTable } from "drizzle-orm/pg-core";

const casing = new CasingCache("snake_case");
const mappers = new WeakMap<PgTable, (row: Record<string, unknown>) => Record<string, unknown>>();

/** Decodes a `select *` / `returning *` row of `table` as the Drizzle client would. */
export function rowMapper<T extends PgTable>(table: T): (row: Record<string, unknown>) => T["$inferSelect"] {
  let map = mappers.get(table);
  if (!map) {
    const columns = Object.entries(getTableColumns(table)).map(([key, column]) => [casing.getColumnCasing(column as Column), key, column as Column] as const);
    map = (row) => {
      const out: Record<string, unknown> = {};
      for (const [name, key, column] of columns) {
        const value = row[name];
        out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
      }
      return out;
    };
    mappers.set(table, map);
  }
  return map as (row: Record<string, unknown>) => T["$inferSelect"];
}

/** A column's name in the database (snake_case, as the Drizzle client writes it). */
export const columnName = (column: Column) => casing.getColumnCasing(column);

/** Each column's SQL type by its name in the database (casts in hand-written statements). */
export function columnTypes(table: PgTable): Map<string, string> {
  return new Map(Object.values(getTableColumns(table)).map((c) => [casing.getColumnCasing(c as Column), (c as Column).getSQLType()]));
}

const texts = new Map<string, string>();

/**
 * A hand-written statement's text, built once per `key`. postgres.js rebuilds a tagged
 * template on every call, and one with identifiers and column lists (`sql(table)`,
 * `sql(columns)`) costs more to build than to send; hot paths send the cached text as a
 * prepared statement instead: `sql.unsafe(text, params, { prepare: true })`.
 */
export function statementText(key: string, build: () => string): string {
  let text = texts.get(key);
  if (text === undefined) texts.set(key, (text = build()));
  return text;
}

/** `name` as an SQL identifier. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
