// One typed error taxonomy, mapped once to HTTP (lib/api/problem.ts) and once to a toast.
export const ERROR_STATUS = {
  "bad-request": 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  "movement-not-allowed": 409,
  conflict: 409,
  "too-large": 413,
  "unsupported-media-type": 415,
  validation: 422,
  "required-fields-missing": 422,
  "rate-limited": 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ValidationIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extension members of the problem+json body (allowedStageIds, missingFields, errors...). */
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.extensions = extensions;
  }
}

export const notFound = (what: string) => new AppError("not-found", `${what} not found`);
export const forbidden = (what = "You may not do this") => new AppError("forbidden", what);
export const validationError = (errors: ValidationIssue[]) =>
  new AppError("validation", errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; "), { errors });

/** Postgres unique violation (23505) → conflict with the constraint's meaning. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = findPgError(err);
  return !!e && e.code === "23505" && (!constraint || e.constraint_name === constraint);
}

/** Postgres foreign key violation (23503) on `constraint`. */
export function isFkViolation(err: unknown, constraint: string): boolean {
  const e = findPgError(err);
  return !!e && e.code === "23503" && e.constraint_name === constraint;
}

export function findPgError(err: unknown): { code?: string; constraint_name?: string } | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === "object"; i++) {
    const c = cur as { code?: unknown; constraint_name?: string; cause?: unknown };
    if (typeof c.code === "string" && /^[0-9A-Z]{5}$/.test(c.code)) return c as { code: string; constraint_name?: string };
    cur = c.cause;
  }
  return undefined;
}

/** A database error without the values its query carried: what identifies the failure, nothing else. */
export class DatabaseError extends Error {
  readonly code: string;
  readonly constraint_name?: string;
  readonly table_name?: string;
  readonly column_name?: string;
  readonly severity?: string;
  readonly routine?: string;

  constructor(from: Record<string, unknown>) {
    const text = (k: string) => (typeof from[k] === "string" ? (from[k] as string) : undefined);
    // The server's message names the constraint, table or column; only data exceptions
    // (class 22: 'invalid input syntax for type integer: "<a value>"') quote a value.
    const code = text("code") ?? "";
    super(code.startsWith("22") || !text("message") ? `database error ${code}${text("constraint_name") ? ` (${text("constraint_name")})` : ""}` : text("message"));
    this.name = "DatabaseError";
    this.code = text("code")!;
    this.constraint_name = text("constraint_name");
    this.table_name = text("table_name");
    this.column_name = text("column_name");
    this.severity = text("severity");
    this.routine = text("routine");
  }
}

const framesOf = (stack: unknown) => (typeof stack === "string" ? stack.split("\n").filter((l) => /^\s+at /.test(l)) : []);

/**
 * The error without the values a failed query carries: Drizzle's "Failed query: …
 * params: …" text and its `query` / `params`, postgres.js's `query` and `parameters`, and
 * the server's message and detail ('invalid input syntax for type integer: "<a value>"',
 * 'Key (email)=(<a value>)'). A database error becomes a DatabaseError (class, code,
 * constraint, table, column, and the message unless it quotes a value); Drizzle's wrapper
 * keeps its class, with that message and that error as its cause. Other errors are returned as they are. withTenant throws only what
 * passed through here, so whatever prints an error — our logger, or Next.js for an error
 * a page throws — prints no data.
 */
export function stripQueryValues(err: unknown, depth = 0): unknown {
  if (!err || typeof err !== "object" || depth > 4 || err instanceof DatabaseError) return err;
  const e = err as Record<string, unknown> & Error;
  if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && ("parameters" in e || "query" in e || "detail" in e)) {
    const clean = new DatabaseError(e);
    clean.stack = [`DatabaseError: ${clean.message}`, ...framesOf(e.stack)].join("\n");
    return clean;
  }
  if ("params" in e && "query" in e) {
    const cause = stripQueryValues(e.cause, depth + 1);
    const inner = findPgError(cause);
    const message = `Failed query${cause instanceof Error ? `: ${cause.message}` : ""}`;
    try {
      delete e.params;
      delete e.query;
      Object.defineProperty(e, "message", { value: message, configurable: true, writable: true });
      Object.defineProperty(e, "cause", { value: cause, configurable: true, writable: true });
      e.stack = [`${e.name}: ${message}`, ...framesOf(e.stack)].join("\n");
      return e;
    } catch {
      const clean = inner ? new DatabaseError(inner as Record<string, unknown>) : new Error(message);
      clean.stack = [`${clean.name}: ${clean.message}`, ...framesOf(e.stack)].join("\n");
      return clean;
    }
  }
  return err;
}
