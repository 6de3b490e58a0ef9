// The worker's sequence_step task: runs an enrollment's due step — an email rendered for
// the contact (List-Unsubscribe, footer) or a task for the contact's owner — then sets the
// next step's time (which re-queues the job) or completes the enrollment. A person whose
// address is suppressed or gone stops instead of being written to. One transaction, under
// the enrollment's row lock, so a repeated job does nothing twice.
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { contacts, mailboxes, sequenceEnrollments, sequences, sequenceSteps } from "@/db/schema";
import { createActivityIn } from "@/lib/activities/service";
import { loadRecordRef } from "@/lib/activities/record-ref";
import { loadSendSettings, windowOf } from "@/lib/email/send-settings";
import { insertEmail, workspaceDomains } from "@/lib/email/send";
import { optedOutAmong, suppressedAmong } from "@/lib/email/suppression";
import { renderTemplate } from "@/lib/email/template";
import { trackingAllowed } from "@/lib/email/tracking-rules";
import { recordVariables } from "@/lib/email/variables";
import { ERASED } from "@/lib/privacy/erased";
import { originFrom } from "@/lib/public-origin";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { stepDueAt } from "./rules";
import { stopEnrollmentsFor } from "./stop";

export type StepOutcome = "not-due" | "inactive" | "paused" | "emailed" | "task" | "completed" | "stopped";

export async function runSequenceStep(tenantId: string, enrollmentId: string, now = new Date()): Promise<StepOutcome> {
  const ctx: TenantContext = { tenantId, actor: systemActor("AUTOMATION") };
  return withTenant(ctx, async (tx) => {
    const [en] = await tx.select().from(sequenceEnrollments).where(and(eq(sequenceEnrollments.tenantId, tenantId), eq(sequenceEnrollments.id, enrollmentId))).for("update");
    if (!en || en.status !== "ACTIVE") return "inactive";
    if (en.nextRunAt && en.nextRunAt.getTime() > now.getTime() + 1000) {
      // a job run early (a retry): setting the time again queues its job for then
      await tx.update(sequenceEnrollments).set({ nextRunAt: en.nextRunAt }).where(and(eq(sequenceEnrollments.tenantId, tenantId), eq(sequenceEnrollments.id, enrollmentId)));
      return "not-due";
    }
    const [seq] = await tx.select().from(sequences).where(and(eq(sequences.tenantId, tenantId), eq(sequences.id, en.sequenceId)));
    // a paused sequence's steps wait: resuming it queues this job again (lib/sequences/service.ts)
    if (seq && !seq.isActive) return "paused";
    const steps = await tx.select().from(sequenceSteps).where(and(eq(sequenceSteps.tenantId, tenantId), eq(sequenceSteps.sequenceId, en.sequenceId))).orderBy(asc(sequenceSteps.position));
    const key = and(eq(sequenceEnrollments.tenantId, tenantId), eq(sequenceEnrollments.id, enrollmentId));
    const stepIndex = steps.findIndex((s) => s.position >= en.nextStep);
    const step = stepIndex >= 0 ? steps[stepIndex] : undefined;
    if (!seq || !step) {
      await tx.update(sequenceEnrollments).set({ status: "COMPLETED", nextRunAt: null, endedAt: sql`now()` }).where(key);
      return "completed";
    }
    const [person] = await tx.select({ email: contacts.email, ownerId: contacts.ownedByUserId, deletedAt: contacts.deletedAt }).from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, en.contactId)));
    const address = person?.email?.trim().toLowerCase() ?? "";
    const stop = async (reason: "NO_EMAIL" | "SUPPRESSED" | "UNSUBSCRIBED" | "BOUNCED") => {
      await stopEnrollmentsFor(tx, { tenantId, contactId: en.contactId, sequenceIds: [en.sequenceId], reason });
      return "stopped" as const;
    };
    if (!person || person.deletedAt) return stop("NO_EMAIL");

    let outcome: StepOutcome;
    if (step.kind === "EMAIL") {
      if (!address || address === ERASED) return stop("NO_EMAIL");
      const suppressed = (await suppressedAmong(tx, tenantId, [address])).get(address);
      if (suppressed) return stop(suppressed === "BOUNCED" ? "BOUNCED" : suppressed === "UNSUBSCRIBED" || suppressed === "COMPLAINED" ? "UNSUBSCRIBED" : "SUPPRESSED");
      if ((await optedOutAmong(tx, tenantId, [en.contactId], "MARKETING")).size) return stop("UNSUBSCRIBED");
      const [mailbox] = await tx.select().from(mailboxes).where(and(eq(mailboxes.tenantId, tenantId), eq(mailboxes.id, seq.mailboxId)));
      const record = await loadRecordRef(tx, tenantId, "CONTACT", en.contactId);
      const vars = await recordVariables(tx, tenantId, record, { name: mailbox!.displayName, email: mailbox!.emailAddress });
      const internal = await workspaceDomains(tx, tenantId, mailbox!.emailAddress);
      await insertEmail(tx, ctx, {
        mailbox: mailbox!,
        recordType: "CONTACT",
        recordId: en.contactId,
        to: [address],
        subject: renderTemplate(step.subject, vars).text.replace(/[\r\n]+/g, " ").trim() || seq.name,
        body: renderTemplate(step.body, vars).text,
        tracked: seq.track && trackingAllowed([address], internal),
        publicOrigin: en.publicOrigin ?? originFrom(new Headers()),
        bulk: { sequenceEnrollmentId: en.id, sequenceStepId: step.id },
        createdByUserId: en.enrolledByUserId,
      });
      outcome = "emailed";
    } else {
      await createActivityIn(tx, ctx, {
        activityType: "TASK",
        recordType: "CONTACT",
        recordId: en.contactId,
        subject: step.subject,
        body: step.body || `Step ${step.position + 1} of the sequence “${seq.name}”`,
        dueAt: now.toISOString(),
        assignedUserId: person.ownerId ?? en.enrolledByUserId ?? seq.createdByUserId ?? undefined,
      });
      outcome = "task";
    }
    const next = steps[stepIndex + 1];
    if (!next) {
      await tx.update(sequenceEnrollments).set({ status: "COMPLETED", nextStep: step.position + 1, nextRunAt: null, endedAt: sql`now()` }).where(key);
      return outcome;
    }
    const settings = await loadSendSettings(tx, tenantId);
    await tx.update(sequenceEnrollments).set({ nextStep: next.position, nextRunAt: stepDueAt(now, next, windowOf(settings), settings.timeZone) }).where(key);
    return outcome;
  });
}
