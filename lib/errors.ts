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

export function findPgError(err: unknown): { code?: string; constraint_name?: string } | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === "object"; i++) {
    const c = cur as { code?: unknown; constraint_name?: string; cause?: unknown };
    if (typeof c.code === "string" && /^[0-9A-Z]{5}$/.test(c.code)) return c as { code: string; constraint_name?: string };
    cur = c.cause;
  }
  return undefined;
}
