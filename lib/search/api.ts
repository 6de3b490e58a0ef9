// REST glue for GET /api/v1/search: query parameters are a 400, not a 422 (API.md Errors).
import "server-only";
import { AppError } from "@/lib/errors";
import { zodIssues } from "@/lib/api/problem";
import { searchQuerySchema } from "./schemas";

export function parseSearchQuery(query: URLSearchParams) {
  const raw = Object.fromEntries(["q", "limit", "types"].flatMap((k) => (query.has(k) ? [[k, query.get(k)!]] : [])));
  const r = searchQuerySchema.safeParse(raw);
  if (!r.success) {
    const errors = zodIssues(r.error);
    throw new AppError("bad-request", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
  }
  return r.data;
}
