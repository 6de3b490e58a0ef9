// Query-string parsing for the lists routes: a bad parameter is a 400 (API.md "Errors").
import type { z } from "zod";
import { AppError } from "@/lib/errors";

export function parseListQuery<S extends z.ZodType>(schema: S, query: URLSearchParams): z.output<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of query) raw[k] = v;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("bad-request", `${issue.path.join(".") || "query"}: ${issue.message}`);
  }
  return parsed.data;
}
