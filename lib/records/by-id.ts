// A record by id — GET /{collection}/{id} and every record page — read in one round trip
// (readInTenant): Drizzle builds the statement once per kind (the same SQL its query
// builder sends, placeholders for the values) and maps its rows as it would, so the hot
// path skips building the query and the transaction object on every request.
import "server-only";
import { and, eq, getTableColumns, isNotNull, isNull, or, Placeholder, sql, type Column } from "drizzle-orm";
import { db } from "@/db/client";
import type { TenantContext } from "@/lib/tenancy/context";
import { readInTenant } from "@/lib/tenancy/with-tenant";
import { columnOf, RECORD_KINDS, tableOf, type RecordKind } from "./registry";

interface ById {
  text: string;
  /** For each parameter of `text`, which value it takes. */
  params: ("tenantId" | "id")[];
  /** The selected columns, in the select list's order (Drizzle's: the table's columns, in order). */
  columns: [string, Column][];
}

const built = new Map<RecordKind, ById>();

function byIdQuery(kind: RecordKind): ById {
  let q = built.get(kind);
  if (!q) {
    const def = RECORD_KINDS[kind];
    const t = tableOf(def);
    const mergedInto = columnOf(def, "mergedIntoId");
    const query = db()
      .select()
      .from(t)
      // a record merged into another (lib/merge) is found too, to say where it went
      .where(and(eq(t.tenantId, sql.placeholder("tenantId")), eq(t.id, sql.placeholder("id")), mergedInto ? or(isNull(t.deletedAt), isNotNull(mergedInto)) : isNull(t.deletedAt)))
      .toSQL();
    const params = query.params.map((p) => {
      if (!(p instanceof Placeholder) || (p.name !== "tenantId" && p.name !== "id")) throw new Error("byIdQuery: unexpected parameter");
      return p.name;
    });
    q = { text: query.sql, params, columns: Object.entries(getTableColumns(t)) };
    built.set(kind, q);
  }
  return q;
}

/** The live (not deleted) record of `kind` with `id`, or one merged into another (deletedAt and mergedIntoId set), as the actor may see it; undefined if none. */
export async function readRecordById(ctx: TenantContext, kind: RecordKind, id: string): Promise<Record<string, unknown> | undefined> {
  const q = byIdQuery(kind);
  const values = { tenantId: ctx.tenantId, id };
  const [row] = await readInTenant(ctx, q.text, q.params.map((p) => values[p]));
  if (!row) return undefined;
  if (row.length !== q.columns.length) throw new Error("readRecordById: the row does not match the columns");
  // as Drizzle maps a row: each column's driver value through the column (dates, numbers...)
  return Object.fromEntries(q.columns.map(([key, column], i) => [key, row[i] === null ? null : column.mapFromDriverValue(row[i])]));
}
