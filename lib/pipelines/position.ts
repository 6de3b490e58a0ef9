import { and, eq, isNull, sql } from "drizzle-orm";
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
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
  return (await positionsAtTop(tx, kind, tenantId, stageId, 1))[0]!;
}

/**
 * Keys for `n` new cards at the top of a column, as `n` creates one after the other would
 * place them: the last one on top (the keys come in the order of the creates).
 */
export async function positionsAtTop(tx: Tx, kind: RecordKind, tenantId: string, stageId: string, n: number): Promise<string[]> {
  const t = tableOf(RECORD_KINDS[kind]);
  const [top] = await tx
    .select({ position: t.position })
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.stageId, stageId), isNull(t.deletedAt), sql`${t.position} is not null`))
    .orderBy(sql`${t.position} asc`)
    .limit(1);
  const hi = (top?.position as string | null | undefined) ?? null;
  if (n === 1) return [keyBetween(null, hi)];
  let keys: string[];
  try {
    keys = generateNKeysBetween(null, hi, n);
  } catch {
    // the top card's key is not a fractional index (imported data): as keyBetween does
    keys = generateNKeysBetween(null, null, n).map((k) => k + Date.now().toString(36));
  }
  return keys.reverse();
}
