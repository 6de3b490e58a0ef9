import { and, eq, isNull, sql } from "drizzle-orm";
import type postgres from "postgres";
import { generateKeyBetween } from "fractional-indexing";
import { RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import type { Tx } from "@/lib/tenancy/with-tenant";

/**
 * A fractional key for a card between two neighbours of a board column, so a drop is one
 * UPDATE of one row. `hi` null: after `lo` (or the top of an empty column).
 */
export function keyBetween(lo: string | null, hi: string | null): string {
  if (lo !== null && hi !== null && lo >= hi) hi = null; // neighbours moved meanwhile: just after `lo`
  try {
    return generateKeyBetween(lo, hi);
  } catch {
    // a neighbour's key is not a fractional index (imported data): append at the end
    return generateKeyBetween(null, null) + Date.now().toString(36);
  }
}

/** The key for a new card at the top of a column (record create). */
export async function positionBetween(tx: Tx, kind: RecordKind, tenantId: string, stageId: string): Promise<string> {
  const t = tableOf(RECORD_KINDS[kind]);
  const [top] = await tx
    .select({ position: t.position })
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.stageId, stageId), isNull(t.deletedAt), sql`${t.position} is not null`))
    .orderBy(sql`${t.position} asc`)
    .limit(1);
  return keyBetween(null, (top?.position as string | null | undefined) ?? null);
}

/**
 * The neighbours' keys of a drop (`lo`, `hi`) in one query for moveRecord's first round
 * trip; without neighbours, `hi` is the column's top card.
 */
export function neighbourKeys(conn: postgres.Sql, table: string, tenantId: string, stageId: string, afterId?: string | null, beforeId?: string | null) {
  const key = (id: string) => conn`(select position from ${conn(table)} where tenant_id = ${tenantId} and id = ${id} and stage_id = ${stageId})`;
  const none = conn`null::text`;
  return afterId || beforeId
    ? conn<{ lo: string | null; hi: string | null }[]>`select ${afterId ? key(afterId) : none} as lo, ${beforeId ? key(beforeId) : none} as hi`
    : conn<{ lo: string | null; hi: string | null }[]>`select null::text as lo, (select position from ${conn(table)}
        where tenant_id = ${tenantId} and stage_id = ${stageId} and deleted_at is null and position is not null order by position asc limit 1) as hi`;
}
