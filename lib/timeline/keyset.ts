// Keyset cursors over (timestamp, id), newest first. Postgres keeps microseconds and a JS
// Date only milliseconds, so a cursor built from a Date would skip rows that share the
// millisecond: the cursor carries the exact microseconds since the epoch instead.
import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { badCursor, decodeCursor, encodeCursor } from "@/lib/api/cursor";

export interface TimeCursor {
  /** Microseconds since the epoch, as decimal text. */
  micros: string;
  id: string;
}

/** The exact instant of a timestamptz column as microseconds-since-epoch text. */
export const microsOf = (column: PgColumn | SQL) => sql<string>`((extract(epoch from ${column}) * 1000000)::bigint)::text`;

const instant = (micros: string) => sql`(timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond')`;

/**
 * Rows strictly after the cursor in (time desc, id desc) order. The extra `time <= t`
 * lets Postgres use a (…, time desc) index as the scan's start.
 */
export function olderThan(time: PgColumn | SQL, id: PgColumn | SQL, c: TimeCursor): SQL {
  return sql`(${time} <= ${instant(c.micros)} and (${time}, ${id}) < (${instant(c.micros)}, ${c.id}::uuid))`;
}

export const encodeTimeCursor = (c: TimeCursor) => encodeCursor({ v: c.micros, id: c.id });

export function decodeTimeCursor(raw: string): TimeCursor {
  // at most 17 digits: beyond, the instant leaves Postgres's timestamp range (a 500)
  const c = decodeCursor(raw, (v) => typeof v === "string" && /^-?\d{1,17}$/.test(v));
  if (typeof c.v !== "string") throw badCursor();
  return { micros: c.v, id: c.id };
}
