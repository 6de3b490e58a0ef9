import { isTimestampText } from "@/lib/api/cursor";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/uuid";

/**
 * Keyset cursor of a board column: the last card's (position, createdAt, id), matching the
 * board order `position asc nulls last, created_at desc, id desc`. createdAt keeps
 * microseconds, so two cards created in the same millisecond are still told apart.
 */
export interface ColumnCursor {
  position: string | null;
  createdAt: string;
  id: string;
}

const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export const encodeColumnCursor = (c: ColumnCursor) => Buffer.from(JSON.stringify([c.position, c.createdAt, c.id])).toString("base64url");

export function decodeColumnCursor(raw: string): ColumnCursor {
  try {
    const [position, createdAt, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    if (!(position === null || typeof position === "string") || typeof createdAt !== "string" || !TS.test(createdAt) || !isTimestampText(createdAt) || typeof id !== "string" || !isUuid(id)) {
      throw new Error("bad cursor");
    }
    return { position, createdAt, id };
  } catch {
    throw new AppError("bad-request", "cursor is not valid: pass back the nextCursor of the previous answer");
  }
}
