// Keyset cursors over (timestamp, id), newest first. Postgres keeps microseconds and a JS
// Date only milliseconds, so a cursor built from a Date would skip rows that share the
// millisecond: the cursor carries the exact microseconds since the epoch instead.
import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { decodeCursor, encodeCursor } from "@/lib/api/cursor";
import { AppError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  const c = decodeCursor(raw);
  if (typeof c.v !== "string" || !/^-?\d{1,20}$/.test(c.v) || !UUID.test(c.id)) {
    throw new AppError("bad-request", "cursor is not valid: pass back the nextCursor of the previous page");
  }
  return { micros: c.v, id: c.id };
}
