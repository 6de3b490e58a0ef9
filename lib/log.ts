// The one server logger (pino, JSON lines). Secrets must never reach a log line, so two
// things stand between a call site and the output:
// - keys that name secrets are redacted (up to four levels deep: what we log is shallow);
// - errors go through `serializeError`, which keeps what identifies a failure (name, code,
//   constraint, table, column, routine, stack frames) and drops what carries values: the
//   driver's message and detail ("Key (email)=(x) already exists", Drizzle's "params: ..."),
//   and postgres.js's `query` / `parameters`.
// Pass errors as `{ err }` and never interpolate a message into the log text.
import "server-only";
import { randomUUID } from "node:crypto";
import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/lib/env";
import { findPgError } from "@/lib/errors";

/** Key names whose values are never logged (exact names; matched at any of the first four levels). */
export const SECRET_KEYS = [
  "secret",
  "key",
  "authorization",
  "Authorization",
  "password",
  "token",
  "apiKey",
  "webhookSecret",
  "accessToken",
  "refreshToken",
  "passwordHash",
  "cookie",
  "Cookie",
  "set-cookie",
  "x-api-key",
  "pass",
  "smtpPassword",
  "imapPassword",
  "smtpPasswordEnc",
  "imapPasswordEnc",
] as const;

const redactPaths = SECRET_KEYS.flatMap((k) => {
  const plain = /^[A-Za-z_$][\w$]*$/.test(k);
  const nested = plain ? `.${k}` : `["${k}"]`;
  return [plain ? k : nested, `*${nested}`, `*.*${nested}`, `*.*.*${nested}`];
});

/** Secret-looking tokens inside free text (a message of a non-database error may quote one). */
const SECRET_TEXT = [/whsec_[A-Za-z0-9+/=]+/g, /\bslk_[A-Za-z0-9_-]+/g, /\bsk-[A-Za-z0-9_-]{8,}/g, /\b(Bearer|Basic)\s+[^\s"',;]+/gi];
export const scrubText = (text: string) => SECRET_TEXT.reduce((t, re) => t.replace(re, "[redacted]"), text);

const stackFrames = (stack: unknown) =>
  typeof stack === "string"
    ? stack
        .split("\n")
        .filter((l) => /^\s+at /.test(l))
        .slice(0, 12)
        .join("\n")
    : undefined;

/** Whether the error (or one it wraps) carries a query's bound values in its text. */
function carriesParameters(err: unknown): boolean {
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === "object"; i++) {
    if ("params" in cur || "parameters" in cur || "query" in cur) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return !!findPgError(err);
}

/** An error as a log object without any value it may carry (see the header). */
export function serializeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const out: Record<string, unknown> = { type: err.name };
  const pg = findPgError(err) as Record<string, unknown> | undefined;
  if (pg) {
    for (const [from, to] of [
      ["code", "code"],
      ["constraint_name", "constraint"],
      ["table_name", "table"],
      ["column_name", "column"],
      ["severity", "severity"],
      ["routine", "routine"],
    ] as const) {
      if (typeof pg[from] === "string") out[to] = pg[from];
    }
  } else if (carriesParameters(err)) {
    const code = (err as { code?: unknown }).code ?? (err.cause as { code?: unknown } | undefined)?.code;
    if (typeof code === "string") out.code = code;
  } else {
    out.message = scrubText(err.message);
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string" || typeof code === "number") out.code = code;
    if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  }
  out.stack = stackFrames(err.stack);
  return out;
}

// Tests swap the destination to read what was logged; everything else writes to stdout.
let override: DestinationStream | null = null;
const destination: DestinationStream = { write: (line: string) => void (override ?? process.stdout).write(line) };

export function createLogger(dest: DestinationStream = destination): Logger {
  return pino(
    {
      level: env.LOG_LEVEL,
      base: undefined,
      redact: { paths: redactPaths, censor: "[redacted]" },
      serializers: { err: serializeError, error: serializeError },
    },
    dest,
  );
}

export const log = createLogger();

/** For tests: collect the lines logged from now on, until `restore()`. */
export function captureLogs(): { lines: () => Record<string, unknown>[]; text: () => string; restore: () => void } {
  const chunks: string[] = [];
  override = { write: (line: string) => void chunks.push(line) };
  return {
    text: () => chunks.join(""),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    restore: () => {
      override = null;
    },
  };
}

/** A request id that is safe to log and echo: the client's `x-request-id` when well-formed, else a new one. */
export function requestIdOf(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
}
