// Stopping a person's sequences (the hook reply and bounce detection call, as do
// unsubscribe, suppression, erase and the stage-change consumer): every ACTIVE enrollment
// of the contact (or of every contact with the address) stops in the caller's transaction.
// A step job already queued for it finds it stopped and does nothing.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { contacts, sequenceEnrollments, type StopReason } from "@/db/schema";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { liveWithEmail } from "@/lib/records/email-match";

export interface StopTarget {
  tenantId: string;
  /** The contact whose enrollments stop… */
  contactId?: string;
  /** …or every contact with this address (case-insensitive). */
  email?: string;
  reason: StopReason;
  /** Only these sequences (a stage change stops the sequences that ask for it). */
  sequenceIds?: string[];
}

/** Stops the matching ACTIVE enrollments; answers how many stopped. */
export async function stopEnrollmentsFor(tx: Tx, t: StopTarget): Promise<number> {
  if (!t.contactId && !t.email?.trim()) return 0;
  if (t.sequenceIds && t.sequenceIds.length === 0) return 0;
  const who = t.contactId
    ? eq(sequenceEnrollments.contactId, t.contactId)
    : inArray(
        sequenceEnrollments.contactId,
        tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.tenantId, t.tenantId), liveWithEmail(contacts, [t.email]))),
      );
  const stopped = await tx
    .update(sequenceEnrollments)
    .set({ status: "STOPPED", stopReason: t.reason, stoppedAfterStep: sql`${sequenceEnrollments.nextStep} - 1`, nextRunAt: null, endedAt: sql`now()` })
    .where(and(eq(sequenceEnrollments.tenantId, t.tenantId), eq(sequenceEnrollments.status, "ACTIVE"), who, ...(t.sequenceIds ? [inArray(sequenceEnrollments.sequenceId, t.sequenceIds)] : [])))
    .returning({ id: sequenceEnrollments.id });
  return stopped.length;
}
