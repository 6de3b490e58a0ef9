// Query-string helpers for the activity and notification route handlers.
import "server-only";
import { AppError } from "@/lib/errors";

/** `limit` (1–200, default given). */
export function limitParam(query: URLSearchParams, fallback: number): number {
  const raw = query.get("limit");
  const limit = raw === null ? fallback : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError("bad-request", "limit must be an integer from 1 to 200");
  return limit;
}
