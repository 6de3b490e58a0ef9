// Query-string helpers for the activity, watcher and notification route handlers.
import "server-only";
import type { z } from "zod";
import { zodIssues } from "@/lib/api/problem";
import { AppError } from "@/lib/errors";

/** Query parameters parsed with a schema; a bad or missing one is a 400 naming it. */
export function parseQuery<S extends z.ZodType>(schema: S, query: URLSearchParams, keys?: readonly string[]): z.output<S> {
  const entries = [...query.entries()].filter(([k]) => !keys || keys.includes(k));
  const r = schema.safeParse(Object.fromEntries(entries));
  if (!r.success) {
    const errors = zodIssues(r.error);
    throw new AppError("bad-request", errors.map((e) => `${e.path || "query"}: ${e.message}`).join("; "), { errors });
  }
  return r.data;
}

/** `limit` (1–200, default given). */
export function limitParam(query: URLSearchParams, fallback: number): number {
  const raw = query.get("limit");
  const limit = raw === null ? fallback : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError("bad-request", "limit must be an integer from 1 to 200");
  return limit;
}
