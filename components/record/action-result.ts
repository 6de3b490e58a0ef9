// What the record page's server actions answer: success with data, or a refusal the form
// can show where it belongs (messages under fields, the rest as one alert). Unexpected
// errors still throw, and the action client turns them into a generic message.
import { ZodError } from "zod";
import { zodIssues } from "@/lib/api/problem";
import { AppError, type ErrorCode } from "@/lib/errors";

export type Refusal = {
  ok: false;
  code: ErrorCode;
  message: string;
  /** field name → message: the first segment of the error path, or `customFields.<key>`. */
  fieldErrors: Record<string, string>;
  allowedStageIds?: string[];
  missingFields?: string[];
};
export type Outcome<T> = { ok: true; data: T } | Refusal;

function fieldErrorsOf(issues: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { path, message } of issues) {
    const field = /^customFields\.[^.[]+/.exec(path)?.[0] ?? path.split(/[.[]/)[0] ?? "";
    if (field && !out[field]) out[field] = message;
  }
  return out;
}

/** Runs a service call; an AppError or a ZodError becomes a Refusal instead of a thrown error. */
export async function outcome<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    if (err instanceof ZodError) {
      const issues = zodIssues(err);
      return { ok: false, code: "validation", message: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "), fieldErrors: fieldErrorsOf(issues) };
    }
    if (err instanceof AppError) {
      const issues = (err.extensions.errors as { path: string; message: string }[] | undefined) ?? [];
      return {
        ok: false,
        code: err.code,
        message: err.message,
        fieldErrors: fieldErrorsOf(issues),
        allowedStageIds: err.extensions.allowedStageIds as string[] | undefined,
        missingFields: err.extensions.missingFields as string[] | undefined,
      };
    }
    throw err;
  }
}
