// A user changes their own password. The current password is verified — under the same
// throttle as sign-in, since it is the same secret being guessed; the new one is hashed
// and users.session_version is bumped in the same statement, so every session issued
// before (in every tenant, on every device) fails getSession() at its next request.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { AppError, validationError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/tenancy/schemas";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { hashPassword, verifyPassword } from "./password";
import { clearAttempts, passwordKeys, releaseAttempt, reserveAttempt } from "./throttle";

/** Returns the new session version, for re-issuing the caller's own session. */
export async function changePassword(
  ctx: TenantContext,
  input: ChangePasswordInput,
  opts: { address: string | null } = { address: null },
): Promise<{ sessionVersion: number; email: string }> {
  const data = changePasswordSchema.parse(input);
  const userId = ctx.actor.userId;
  if (!userId) throw new AppError("forbidden", "Only a signed-in user can change their password");
  // users is a global table; withTenant keeps the one-write-path shape and the tenant's context.
  const [user] = await withTenant(ctx, (tx) =>
    tx.select({ email: users.email, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId)),
  );
  if (!user) throw new AppError("unauthorized", "Your session has ended: sign in again");
  const keys = passwordKeys(user.email, opts.address);
  await reserveAttempt(keys);
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw validationError([{ path: "currentPassword", message: "is not your current password" }]);
  }
  await Promise.all([clearAttempts(keys.slice(0, 1)), releaseAttempt(keys.slice(1))]);
  const passwordHash = await hashPassword(data.newPassword);
  const [row] = await withTenant(ctx, (tx) =>
    tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      // Compare-and-set on the version we verified against: a concurrent change wins once.
      .where(and(eq(users.id, userId), eq(users.sessionVersion, user.sessionVersion)))
      .returning({ sessionVersion: users.sessionVersion, email: users.email }),
  );
  if (!row) throw new AppError("conflict", "Your password was changed elsewhere a moment ago: sign in again");
  return row;
}
