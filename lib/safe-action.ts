// The chain of server-action clients: errors mapped once; an authenticated client that
// re-reads membership and role from the database for this request; a permission check.
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { requireSession } from "@/lib/auth/session";
import { assertCan, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

export const actionClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ permission: z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]).optional() }),
  handleServerError(err) {
    if (err instanceof AppError) return err.message;
    console.error("[action]", err instanceof Error ? err.message : err);
    return "Something went wrong; nothing was changed.";
  },
});

/** Every mutating action uses this with metadata({ permission }): session, tenant and role are checked inside the action. */
export const tenantAction = actionClient.use(async ({ next, metadata }) => {
  const session = await requireSession();
  if (metadata?.permission) assertCan(session.role, metadata.permission);
  return next({ ctx: { session, tenant: session.ctx } });
});
