// Query parameters of the REST routes, parsed with a zod schema: a bad or missing one is a
// 400 that names it (API.md "Errors"), every problem listed in `errors`.
import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { zodIssues } from "./problem";

/** `keys`: the parameters the schema reads (others, such as `limit` and `cursor`, are read apart). */
export function parseQuery<S extends z.ZodType>(schema: S, query: URLSearchParams, keys?: readonly string[]): z.output<S> {
  const entries = [...query.entries()].filter(([k]) => !keys || keys.includes(k));
  const r = schema.safeParse(Object.fromEntries(entries));
  if (!r.success) {
    const errors = zodIssues(r.error);
    throw new AppError("bad-request", errors.map((e) => `${e.path || "query"}: ${e.message}`).join("; "), { errors });
  }
  return r.data;
}
