// The chain of server-action clients: errors mapped once; raw input checked for NUL
// before any schema sees it; an authenticated client that re-reads membership and role
// from the database for this request; a permission check.
import { randomUUID } from "node:crypto";
import { createSafeActionClient, returnValidationErrors } from "next-safe-action";
import { z } from "zod";
import { findNul, NUL_MESSAGE, pathText } from "@/lib/api/no-nul";
import { requireSession } from "@/lib/auth/session";
import { assertCan, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
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

export const actionClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ permission: z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]).optional() }),
  handleServerError(err) {
    if (err instanceof AppError) return err.message;
    // the reference lets support find the log line; the line has no values, only codes
    const requestId = randomUUID();
    log.error({ err, requestId }, "action: unexpected error");
    return `Something went wrong; nothing was changed. (Reference ${requestId})`;
  },
}).use(async ({ clientInput, bindArgsClientInputs, next }) => {
  // PostgreSQL cannot store U+0000: refuse it here, for every action, like apiRoute does.
  const bound = findNul(bindArgsClientInputs);
  const path = findNul(clientInput) ?? (bound && ["bindArgs", ...bound]);
  if (path) returnValidationErrors(z.unknown(), nulValidationErrors(path) as never);
  return next();
});

/** Every mutating action uses this with metadata({ permission }): session, tenant and role are checked inside the action. */
export const tenantAction = actionClient.use(async ({ next, metadata }) => {
  const session = await requireSession();
  if (metadata?.permission) assertCan(session.role, metadata.permission);
  return next({ ctx: { session, tenant: session.ctx } });
});
