import { AppError } from "@/lib/errors";

/** Opaque keyset cursor: the last row's sort value and id. */
export interface Cursor {
  v: string | number | null;
  id: string;
}

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.v, c.id])).toString("base64url");

export function decodeCursor(raw: string): Cursor {
  try {
    const [v, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof id !== "string" || !(v === null || typeof v === "string" || typeof v === "number")) throw new Error();
    return { v, id };
  } catch {
    throw new AppError("bad-request", "cursor is not valid: pass back the nextCursor of the previous page");
  }
}
