// A sequence's figures per step, counted from its enrollments and the emails its steps
// queued (email_messages.sequence_step_id) — no counters beside them.
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { contacts, emailMessages, sequenceEnrollments, type SequenceEnrollment } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { loadSequence, type SequenceWithSteps } from "./service";

export interface StepFigures {
  stepId: string;
  position: number;
  /** Enrollments that reached the step (done with it, or waiting for it). */
  enrolled: number;
  sent: number;
  opened: number;
  clicked: number;
  /** People who replied after this step (their sequence stopped with REPLIED here). */
  replied: number;
}

export interface SequenceFigures {
  enrolled: number;
  active: number;
  completed: number;
  stopped: number;
  steps: StepFigures[];
}

export async function sequenceFigures(ctx: TenantContext, id: string): Promise<{ sequence: SequenceWithSteps; figures: SequenceFigures }> {
  assertCan(ctx.actor.role, "sequences.read");
  return withTenant(ctx, async (tx) => {
    const sequence = await loadSequence(tx, ctx, id);
    const en = and(eq(sequenceEnrollments.tenantId, ctx.tenantId), eq(sequenceEnrollments.sequenceId, id));
    const [totals] = await tx
      .select({
        enrolled: sql<number>`count(*)::int`,
        active: sql<number>`(count(*) filter (where ${sequenceEnrollments.status} = 'ACTIVE'))::int`,
        completed: sql<number>`(count(*) filter (where ${sequenceEnrollments.status} = 'COMPLETED'))::int`,
        stopped: sql<number>`(count(*) filter (where ${sequenceEnrollments.status} = 'STOPPED'))::int`,
      })
      .from(sequenceEnrollments)
      .where(en);
    const reach = await tx
      .select({ nextStep: sequenceEnrollments.nextStep, status: sequenceEnrollments.status, stopReason: sequenceEnrollments.stopReason, stoppedAfter: sequenceEnrollments.stoppedAfterStep, n: sql<number>`count(*)::int` })
      .from(sequenceEnrollments)
      .where(en)
      .groupBy(sequenceEnrollments.nextStep, sequenceEnrollments.status, sequenceEnrollments.stopReason, sequenceEnrollments.stoppedAfterStep);
    const mail = await tx
      .select({
        stepId: emailMessages.sequenceStepId,
        sent: sql<number>`(count(*) filter (where ${emailMessages.status} = 'SENT'))::int`,
        opened: sql<number>`(count(*) filter (where ${emailMessages.opens} > 0))::int`,
        clicked: sql<number>`(count(*) filter (where ${emailMessages.clicks} > 0))::int`,
      })
      .from(emailMessages)
      .innerJoin(sequenceEnrollments, and(eq(sequenceEnrollments.tenantId, emailMessages.tenantId), eq(sequenceEnrollments.id, emailMessages.sequenceEnrollmentId)))
      .where(and(eq(emailMessages.tenantId, ctx.tenantId), eq(sequenceEnrollments.sequenceId, id)))
      .groupBy(emailMessages.sequenceStepId);
    const steps = sequence.steps.map((s) => {
      const m = mail.find((x) => x.stepId === s.id);
      return {
        stepId: s.id,
        position: s.position,
        enrolled: reach.filter((r) => r.nextStep > s.position || (r.status === "ACTIVE" && r.nextStep === s.position)).reduce((a, r) => a + r.n, 0),
        sent: m?.sent ?? 0,
        opened: m?.opened ?? 0,
        clicked: m?.clicked ?? 0,
        replied: reach.filter((r) => r.stopReason === "REPLIED" && r.stoppedAfter === s.position).reduce((a, r) => a + r.n, 0),
      };
    });
    return { sequence, figures: { ...(totals ?? { enrolled: 0, active: 0, completed: 0, stopped: 0 }), steps } };
  });
}

export interface EnrollmentRow extends SequenceEnrollment {
  contactName: string;
  contactEmail: string | null;
}

/** The latest enrollments of a sequence, or of a contact (its page). */
export async function listEnrollments(ctx: TenantContext, by: { sequenceId?: string; contactId?: string }, limit = 200): Promise<EnrollmentRow[]> {
  assertCan(ctx.actor.role, "sequences.read");
  return withTenant(ctx, async (tx) => {
    const rows = await tx
      .select({ e: sequenceEnrollments, firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email })
      .from(sequenceEnrollments)
      .innerJoin(contacts, and(eq(contacts.tenantId, sequenceEnrollments.tenantId), eq(contacts.id, sequenceEnrollments.contactId)))
      .where(and(eq(sequenceEnrollments.tenantId, ctx.tenantId), ...(by.sequenceId ? [eq(sequenceEnrollments.sequenceId, by.sequenceId)] : []), ...(by.contactId ? [eq(sequenceEnrollments.contactId, by.contactId)] : [])))
      .orderBy(desc(sequenceEnrollments.enrolledAt))
      .limit(limit);
    return rows.map((r) => ({ ...r.e, contactName: [r.firstName, r.lastName].filter(Boolean).join(" ") || r.email || "—", contactEmail: r.email }));
  });
}
