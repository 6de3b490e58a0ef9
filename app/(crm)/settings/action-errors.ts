// Server-side glue for the settings actions: a service's AppError that names fields
// (extension `errors: [{ path, message }]`) becomes next-safe-action validation errors,
// so the form shows the message under the field instead of in a toast.
import { returnValidationErrors } from "next-safe-action";
import type { z } from "zod";
import { AppError, type ValidationIssue } from "@/lib/errors";

export function rethrowAsFieldErrors(schema: z.ZodType, err: unknown): never {
  const issues = err instanceof AppError ? (err.extensions.errors as ValidationIssue[] | undefined) : undefined;
  if (err instanceof AppError && issues?.length) {
    const out: Record<string, { _errors: string[] }> = {};
    for (const { path, message } of issues) {
      const field = path.split(/[.[]/)[0] || "_root";
      (out[field] ??= { _errors: [] })._errors.push(message);
    }
    const { _root, ...fields } = out;
    returnValidationErrors(schema, { _errors: _root?._errors, ...fields } as never);
  }
  throw err;
}
