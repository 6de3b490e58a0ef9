import { and, eq, isNull, sql } from "drizzle-orm";
import { generateKeyBetween } from "fractional-indexing";
import { RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import type { Tx } from "@/lib/tenancy/with-tenant";

/**
 * A fractional key for a card between two neighbours of a board column, so a drop is one
 * UPDATE of one row. No neighbours named: the top of the column.
 */
export async function positionBetween(tx: Tx, kind: RecordKind, tenantId: string, stageId: string, afterId?: string | null, beforeId?: string | null): Promise<string> {
  const t = tableOf(RECORD_KINDS[kind]);
  const pos = async (id: string | null | undefined) => {
    if (!id) return null;
    const [r] = await tx
      .select({ position: t.position })
      .from(t)
      .where(and(eq(t.tenantId, tenantId), eq(t.id, id), eq(t.stageId, stageId)));
    return (r?.position as string | null | undefined) ?? null;
  };
  const first = async () => {
    const [r] = await tx
      .select({ position: t.position })
      .from(t)
      .where(and(eq(t.tenantId, tenantId), eq(t.stageId, stageId), isNull(t.deletedAt), sql`${t.position} is not null`))
      .orderBy(sql`${t.position} asc`)
      .limit(1);
    return (r?.position as string | null | undefined) ?? null;
  };
  // sent together: one round trip (postgres.js pipelines queries on a connection)
  const [lo, neighbour] = await Promise.all([pos(afterId), !afterId && !beforeId ? first() : pos(beforeId)]);
  let hi = neighbour;
  if (lo !== null && hi !== null && lo >= hi) hi = null; // neighbours moved meanwhile: just after `lo`
  try {
    return generateKeyBetween(lo, hi);
  } catch {
    // a neighbour's key is not a fractional index (imported data): append at the end
    return generateKeyBetween(null, null) + Date.now().toString(36);
  }
}
