// Opaque keyset cursors. A cursor comes back from the client, so it is input like any
// other: its id must be a UUID and its value must fit the column it is compared with,
// else the database would refuse the comparison (a 500). Both are checked here, once.
import type { PgColumn } from "drizzle-orm/pg-core";
import { isValidDate } from "@/lib/custom-fields/rules";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/uuid";

/** Opaque keyset cursor: the last row's sort value and id. */
export interface Cursor {
  v: string | number | null;
  id: string;
}

export const badCursor = () => new AppError("bad-request", "cursor is not valid: pass back the nextCursor of the previous page");

/** A real calendar day, YYYY-MM-DD (no 2024-02-30, no 2024-99-99). */
const isCalendarDay = (v: unknown): v is string => typeof v === "string" && isValidDate(v);

// timestamptz as Postgres writes it ("2024-05-01 10:00:00.123456+00") or as ISO 8601
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-](0\d|1[0-5])(:?[0-5]\d)?)?$/;
/** A timestamp's text that Postgres reads back as the same instant. */
export const isTimestampText = (v: unknown): v is string => {
  const m = typeof v === "string" ? TIMESTAMP.exec(v) : null;
  return !!m && isCalendarDay(m[1]);
};

const INT_RANGE: Record<string, [number, number]> = {
  PgInteger: [-2147483648, 2147483647],
  PgSmallInt: [-32768, 32767],
  PgBigInt53: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};
const DECIMAL = /^-?\d{1,40}(\.\d{1,40})?$/;

/** Whether a cursor value can be compared with the column (null always can: NULLs sort last). */
export function fitsColumn(column: PgColumn): (v: Cursor["v"]) => boolean {
  const enumValues = (column as { enumValues?: readonly string[] }).enumValues;
  const ints = INT_RANGE[column.columnType];
  return (v) => {
    if (v === null) return true;
    if (ints) return typeof v === "number" && Number.isInteger(v) && v >= ints[0] && v <= ints[1];
    switch (column.columnType) {
      case "PgTimestamp":
      case "PgTimestampString":
        return isTimestampText(v);
      case "PgDateString":
      case "PgDate":
        return isCalendarDay(v);
      case "PgNumeric":
      case "PgNumericNumber":
        return (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && DECIMAL.test(v));
      default:
        if (enumValues?.length) return typeof v === "string" && enumValues.includes(v);
        return typeof v === "string";
    }
  };
}

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.v, c.id])).toString("base64url");

/** The cursor, or a 400 `bad-request` naming `cursor` when it is malformed, its id no UUID, or its value unfit (`fits`). */
export function decodeCursor(raw: string, fits: (v: Cursor["v"]) => boolean = () => true): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw badCursor();
  const [v, id] = parsed as [unknown, unknown];
  if (typeof id !== "string" || !isUuid(id) || !(v === null || typeof v === "string" || typeof v === "number") || !fits(v)) throw badCursor();
  return { v, id };
}
