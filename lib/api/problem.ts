// application/problem+json (RFC 9457), mapped once from the AppError taxonomy.
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError, findPgError, type ErrorCode } from "@/lib/errors";

const TITLES: Record<ErrorCode, string> = {
  "bad-request": "Bad request",
  unauthorized: "Unauthorized",
  forbidden: "Forbidden",
  "not-found": "Not found",
  "movement-not-allowed": "Movement not allowed",
  conflict: "Conflict",
  "too-large": "Payload too large",
  "unsupported-media-type": "Unsupported media type",
  validation: "Validation failed",
  "required-fields-missing": "Required fields missing",
  "rate-limited": "Too many requests",
  internal: "Internal error",
};

export function problem(code: ErrorCode, detail: string, status: number, extensions: Record<string, unknown> = {}) {
  const headers: Record<string, string> = { "content-type": "application/problem+json" };
  // A 429 says when to come back (RFC 9110 Retry-After), in the header as well as the body.
  if (typeof extensions.retryAfterSeconds === "number") headers["retry-after"] = String(extensions.retryAfterSeconds);
  return NextResponse.json({ type: `/problems/${code}`, title: TITLES[code], status, detail, ...extensions }, { status, headers });
}

/** Zod issues → `[{ path, message }]` with paths like `filter.all[1].value`. */
export function zodIssues(err: ZodError, prefix = ""): { path: string; message: string }[] {
  return err.issues.map((i) => {
    const path = i.path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), prefix);
    return { path, message: i.message };
  });
}

export function toProblem(err: unknown) {
  if (err instanceof AppError) return problem(err.code, err.message, err.status, err.extensions);
  if (err instanceof ZodError) {
    const errors = zodIssues(err);
    return problem("validation", errors.map((e) => `${e.path || "body"}: ${e.message}`).join("; "), 422, { errors });
  }
  const pg = findPgError(err);
  if (pg?.code === "23505") return problem("conflict", "A record with these values already exists", 409);
  if (pg?.code === "23503") return problem("validation", "A referenced record does not exist in this tenant", 422, { errors: [] });
  if (pg?.code === "22P02") return problem("bad-request", "A value has the wrong format", 400);
  // Never leak the stack, SQL or data: log the message, answer generically.
  console.error("[api] unexpected error:", err instanceof Error ? err.message : String(err));
  return problem("internal", "Something went wrong on our side; nothing was changed.", 500);
}
