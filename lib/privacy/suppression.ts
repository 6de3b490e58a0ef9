// The suppression list of erased contacts' emails: a hash of the address, never the
// address, so erasing does not keep the very data it erases. The contacts create service
// checks it, so every channel that creates contacts (forms, REST, imports) is refused.
import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { erasedEmails } from "@/db/schema";
import { validationError } from "@/lib/errors";
import type { Tx } from "@/lib/tenancy/with-tenant";

export const emailHash = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");

export async function suppressEmail(tx: Tx, tenantId: string, email: string): Promise<void> {
  await tx.insert(erasedEmails).values({ tenantId, emailHash: emailHash(email) }).onConflictDoNothing();
}

/** Which of `emails` belonged to erased contacts (their hashes): one query for many creates. */
export async function erasedAmong(tx: Tx, tenantId: string, emails: readonly unknown[]): Promise<Set<string>> {
  const hashes = [...new Set(emails.filter((e): e is string => typeof e === "string" && !!e.trim()).map(emailHash))];
  if (!hashes.length) return new Set();
  const hits = await tx
    .select({ hash: erasedEmails.emailHash })
    .from(erasedEmails)
    .where(and(eq(erasedEmails.tenantId, tenantId), inArray(erasedEmails.emailHash, hashes)));
  return new Set(hits.map((h) => h.hash));
}

/** Refuses (422 on `email`, "erased contact") an email that belonged to an erased contact. */
export async function assertNotErased(tx: Tx, tenantId: string, email: unknown): Promise<void> {
  if (typeof email !== "string" || !email.trim()) return;
  const [hit] = await tx
    .select({ one: sql`1` })
    .from(erasedEmails)
    .where(and(eq(erasedEmails.tenantId, tenantId), eq(erasedEmails.emailHash, emailHash(email))));
  if (hit) throw validationError([{ path: "email", message: "erased contact" }]);
}
