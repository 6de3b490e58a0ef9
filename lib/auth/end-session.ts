// Sign-out, server side. A JWT session lives in the browser's cookie, so deleting the
// cookie alone leaves any copy of it valid until it expires. Bumping users.session_version
// (which getSession() compares on every request) ends every session issued before: on
// this device and the user's others, like a password change does.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { isUuid } from "@/lib/uuid";

/** `token` is the signed-out session's JWT; a token already outdated ends nothing more. */
export async function endSession(token: { sub?: string | null; sessionVersion?: unknown }): Promise<void> {
  const { sub, sessionVersion } = token;
  if (!sub || !isUuid(sub) || typeof sessionVersion !== "number") return;
  await db()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, sub), eq(users.sessionVersion, sessionVersion)));
}
