// The chain of server-action clients, and the one place their errors are shaped:
// - input that fails the action's zod schema, or holds a NUL character, comes back as
//   `validationErrors` (next-safe-action's formatted tree);
// - an AppError thrown anywhere below (a service, a permission check) comes back as
//   `serverError`: an ActionError with its code, message and extensions, exactly what the
//   REST API puts in its problem+json; a ZodError from a service's own parse is an AppError
//   "validation" with the issues by path;
// - anything else is logged by code (never by value) and answered with a reference.
// Actions never catch to reshape errors; clients read answers with lib/action-result.ts.
import "server-only";
import { randomUUID } from "node:crypto";
import { ActionBindArgsValidationError, createSafeActionClient, returnValidationErrors } from "next-safe-action";
import { z, ZodError } from "zod";
import { validationIssues, type ActionError } from "@/lib/action-result";
import { findNul, NUL_MESSAGE, pathText } from "@/lib/api/no-nul";
import { zodIssues } from "@/lib/api/problem";
import { requireSession } from "@/lib/auth/session";
import { assertCan, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { AppError, validationError } from "@/lib/errors";
import { log } from "@/lib/log";

type ErrorNode = { _errors?: string[]; [key: string]: unknown };

/**
 * A NUL refusal in the shape zod failures take (next-safe-action's formatted errors): the
 * message under the field's path, and once at the root naming the field, for the clients
 * that show only the first message.
 */
export function nulValidationErrors(path: readonly (string | number)[]): ErrorNode {
  const root: ErrorNode = { _errors: [`${pathText(path)}: ${NUL_MESSAGE}`] };
  let node = root;
  for (const segment of path) {
    const child: ErrorNode = {};
    node[String(segment)] = child;
    node = child;
  }
  node._errors = [NUL_MESSAGE];
  return root;
}

/** The error as the AppError taxonomy sees it: a failed parse (a service's, or of a bound argument) is a validation error. */
function asAppError(err: unknown): unknown {
  if (err instanceof ZodError) return validationError(zodIssues(err));
  // the page binds these (a record kind, a list): only a tampered request gets here
  if (err instanceof ActionBindArgsValidationError) return validationError(err.validationErrors.flatMap((tree, i) => validationIssues(tree, `bindArgs[${i}]`)));
  return err;
}

/** What the browser gets for an error thrown while an action ran. */
export function toActionError(err: unknown): ActionError {
  const e = asAppError(err);
  if (e instanceof AppError && e.code !== "internal") return { ...e.extensions, code: e.code, message: e.message };
  // the reference lets support find the log line; the line has no values, only codes
  const requestId = randomUUID();
  log.error({ err, requestId }, "action: unexpected error");
  return { code: "internal", message: `Something went wrong; nothing was changed. (Reference ${requestId})`, requestId };
}

export const actionClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ permission: z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]).optional() }),
  handleServerError: (err): ActionError => toActionError(err),
}).use(async ({ clientInput, bindArgsClientInputs, next }) => {
  // PostgreSQL cannot store U+0000: refuse it here, for every action, like apiRoute does.
  const bound = findNul(bindArgsClientInputs);
  const path = findNul(clientInput) ?? (bound && ["bindArgs", ...bound]);
  if (path) returnValidationErrors(z.unknown(), nulValidationErrors(path) as never);
  return next();
});

/**
 * Every action of a signed-in user: the session, tenant and role are read from the
 * database for this request, and `metadata({ permission })` is checked against that role
 * before the input is even parsed. `metadata({})` is for what any member may do to their
 * own account (profile).
 */
export const tenantAction = actionClient.use(async ({ next, metadata }) => {
  const session = await requireSession();
  if (metadata?.permission) assertCan(session.role, metadata.permission);
  return next({ ctx: { session, tenant: session.ctx } });
});
