// Sequences (issue 19): writing them and enrolling people — from a contact's page, a list,
// an automation step or the REST API. An enrollment's next step is due at next_run_at; the
// row's trigger queues the worker's sequence_step job for then (lib/sequences/run.ts).
import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { contacts, listMemberships, lists, sequenceEnrollments, sequences, sequenceSteps, type EnrollmentSource, type Sequence, type SequenceEnrollment, type SequenceStep } from "@/db/schema";
import { loadRecordRef } from "@/lib/activities/record-ref";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, notFound, validationError } from "@/lib/errors";
import { usableMailbox } from "@/lib/email/mailboxes";
import { loadSendSettings, windowOf } from "@/lib/email/send-settings";
import { suppressedAmong } from "@/lib/email/suppression";
import { ERASED } from "@/lib/privacy/erased";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { stepDueAt } from "./rules";
import { enrollSchema, sequenceInputSchema, type EnrollInput, type SequenceInput } from "./schemas";
import { stopEnrollmentsFor } from "./stop";

export type SequenceWithSteps = Sequence & { steps: SequenceStep[] };

export async function loadSequence(tx: Tx, ctx: TenantContext, id: string, lock = false): Promise<SequenceWithSteps> {
  if (!isUuid(id)) throw notFound("Sequence");
  const q = tx.select().from(sequences).where(and(eq(sequences.tenantId, ctx.tenantId), eq(sequences.id, id)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw notFound("Sequence");
  const steps = await tx.select().from(sequenceSteps).where(and(eq(sequenceSteps.tenantId, ctx.tenantId), eq(sequenceSteps.sequenceId, id))).orderBy(asc(sequenceSteps.position));
  return { ...row, steps };
}

const duplicateName = (err: unknown): never => {
  const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  if (code === "23505") throw new AppError("conflict", "A sequence with this name already exists");
  throw err;
};

/** Steps kept by position (their ids, and so their figures, stay), changed in place, added or removed. */
async function writeSteps(tx: Tx, ctx: TenantContext, sequenceId: string, steps: ReturnType<typeof sequenceInputSchema.parse>["steps"]): Promise<void> {
  const existing = await tx.select({ id: sequenceSteps.id, position: sequenceSteps.position }).from(sequenceSteps).where(and(eq(sequenceSteps.tenantId, ctx.tenantId), eq(sequenceSteps.sequenceId, sequenceId)));
  for (const [position, s] of steps.entries()) {
    const values = { kind: s.kind, delayDays: s.delayDays, delayHours: s.delayHours, subject: s.subject, body: s.body };
    const hit = existing.find((e) => e.position === position);
    if (hit) await tx.update(sequenceSteps).set(values).where(and(eq(sequenceSteps.tenantId, ctx.tenantId), eq(sequenceSteps.id, hit.id)));
    else await tx.insert(sequenceSteps).values({ tenantId: ctx.tenantId, sequenceId, position, ...values });
  }
  const extra = existing.filter((e) => e.position >= steps.length).map((e) => e.id);
  if (extra.length) await tx.delete(sequenceSteps).where(and(eq(sequenceSteps.tenantId, ctx.tenantId), inArray(sequenceSteps.id, extra)));
}

export async function createSequence(ctx: TenantContext, input: SequenceInput | unknown): Promise<SequenceWithSteps> {
  assertCan(ctx.actor.role, "sequences.manage");
  const v = sequenceInputSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    await usableMailbox(tx, ctx, v.mailboxId);
    const [row] = await tx
      .insert(sequences)
      .values({ tenantId: ctx.tenantId, name: v.name, mailboxId: v.mailboxId, stopOnStageStates: v.stopOnStageStates, track: v.track, isActive: !v.paused, createdByUserId: ctx.actor.userId })
      .returning()
      .catch(duplicateName);
    await writeSteps(tx, ctx, row!.id, v.steps);
    return loadSequence(tx, ctx, row!.id);
  });
}

/**
 * The whole sequence again (PUT /sequences/{id}, the edit form). Steps are kept by position:
 * people already past a position are not sent it again, and a changed step reaches only
 * those who have not got to it yet. `paused` pauses it (due steps wait) or resumes it (what
 * came due meanwhile runs now).
 */
export async function updateSequence(ctx: TenantContext, id: string, input: SequenceInput | unknown): Promise<SequenceWithSteps> {
  assertCan(ctx.actor.role, "sequences.manage");
  const v = sequenceInputSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const before = await loadSequence(tx, ctx, id, true);
    await usableMailbox(tx, ctx, v.mailboxId);
    const isActive = v.paused === undefined ? before.isActive : !v.paused;
    await tx
      .update(sequences)
      .set({ name: v.name, mailboxId: v.mailboxId, stopOnStageStates: v.stopOnStageStates, track: v.track, isActive, updatedAt: new Date() })
      .where(and(eq(sequences.tenantId, ctx.tenantId), eq(sequences.id, id)))
      .catch(duplicateName);
    // resumed: setting each active enrollment's time again queues its step job (the row's trigger)
    if (isActive && !before.isActive) {
      await tx
        .update(sequenceEnrollments)
        .set({ nextRunAt: sql`${sequenceEnrollments.nextRunAt}` })
        .where(and(eq(sequenceEnrollments.tenantId, ctx.tenantId), eq(sequenceEnrollments.sequenceId, id), eq(sequenceEnrollments.status, "ACTIVE")));
    }
    await writeSteps(tx, ctx, id, v.steps);
    return loadSequence(tx, ctx, id);
  });
}

export async function deleteSequence(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx.actor.role, "sequences.manage");
  await withTenant(ctx, async (tx) => {
    await loadSequence(tx, ctx, id, true);
    await tx.delete(sequences).where(and(eq(sequences.tenantId, ctx.tenantId), eq(sequences.id, id)));
  });
}

export async function listSequences(ctx: TenantContext): Promise<(Sequence & { stepCount: number; active: number })[]> {
  assertCan(ctx.actor.role, "sequences.read");
  return withTenant(ctx, async (tx) => {
    const rows = await tx
      .select({
        s: sequences,
        stepCount: sql<number>`(select count(*)::int from ${sequenceSteps} st where st.tenant_id = ${sequences.tenantId} and st.sequence_id = ${sequences.id})`,
        active: sql<number>`(select count(*)::int from ${sequenceEnrollments} en where en.tenant_id = ${sequences.tenantId} and en.sequence_id = ${sequences.id} and en.status = 'ACTIVE')`,
      })
      .from(sequences)
      .where(eq(sequences.tenantId, ctx.tenantId))
      .orderBy(desc(sequences.createdAt));
    return rows.map((r) => ({ ...r.s, stepCount: r.stepCount, active: r.active }));
  });
}

export async function getSequence(ctx: TenantContext, id: string): Promise<SequenceWithSteps> {
  assertCan(ctx.actor.role, "sequences.read");
  return withTenant(ctx, (tx) => loadSequence(tx, ctx, id));
}

export interface EnrollResult {
  enrolled: number;
  /** Already in the sequence, without an email address, or suppressed. */
  skipped: number;
  enrollments: SequenceEnrollment[];
}

/**
 * Enrolls contacts in the caller's transaction: those already in it (ACTIVE), without an
 * address, or on the suppression list are skipped. The first step is due after its delay.
 */
export async function enrollIn(tx: Tx, ctx: TenantContext, seq: SequenceWithSteps, contactIds: readonly string[], source: EnrollmentSource, publicOrigin: string | null): Promise<EnrollResult> {
  if (!seq.steps.length || !contactIds.length) return { enrolled: 0, skipped: contactIds.length, enrollments: [] };
  const people = await tx
    .select({ id: contacts.id, email: contacts.email })
    .from(contacts)
    .where(and(eq(contacts.tenantId, ctx.tenantId), inArray(contacts.id, [...contactIds]), sql`${contacts.deletedAt} is null`));
  const withEmail = people.filter((p) => p.email?.trim() && p.email !== ERASED);
  const suppressed = await suppressedAmong(tx, ctx.tenantId, withEmail.map((p) => p.email!));
  const eligible = withEmail.filter((p) => !suppressed.has(p.email!.trim().toLowerCase()));
  if (!eligible.length) return { enrolled: 0, skipped: contactIds.length, enrollments: [] };
  const settings = await loadSendSettings(tx, ctx.tenantId);
  const first = stepDueAt(new Date(), seq.steps[0]!, windowOf(settings), settings.timeZone);
  const rows = await tx
    .insert(sequenceEnrollments)
    .values(eligible.map((p) => ({ tenantId: ctx.tenantId, sequenceId: seq.id, contactId: p.id, nextStep: 0, nextRunAt: first, source, publicOrigin, enrolledByUserId: ctx.actor.userId })))
    .onConflictDoNothing()
    .returning();
  return { enrolled: rows.length, skipped: contactIds.length - rows.length, enrollments: rows };
}

/** Enrolls one contact (its page, the API) or a list's contacts. */
export async function enroll(ctx: TenantContext, sequenceId: string, input: EnrollInput | unknown, opts: { publicOrigin: string; source?: EnrollmentSource }): Promise<EnrollResult> {
  assertCan(ctx.actor.role, "sequences.enroll");
  const v = enrollSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const seq = await loadSequence(tx, ctx, sequenceId);
    if (v.contactId) {
      // the contact must be one the actor sees
      await loadRecordRef(tx, ctx.tenantId, "CONTACT", v.contactId);
      const r = await enrollIn(tx, ctx, seq, [v.contactId], opts.source ?? "MANUAL", opts.publicOrigin);
      if (!r.enrolled) {
        const [active] = await tx.select({ id: sequenceEnrollments.id }).from(sequenceEnrollments).where(and(eq(sequenceEnrollments.tenantId, ctx.tenantId), eq(sequenceEnrollments.sequenceId, sequenceId), eq(sequenceEnrollments.contactId, v.contactId), eq(sequenceEnrollments.status, "ACTIVE")));
        if (active) throw new AppError("conflict", "This contact is already in the sequence");
        throw validationError([{ path: "contactId", message: "has no email address we may write to (none, or unsubscribed, bounced or erased)" }]);
      }
      return r;
    }
    const [list] = await tx.select({ objectType: lists.objectType }).from(lists).where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, v.listId!)));
    if (!list) throw validationError([{ path: "listId", message: "names no list" }]);
    if (list.objectType !== "CONTACT") throw validationError([{ path: "listId", message: "must be a list of contacts" }]);
    const members = await tx.select({ id: listMemberships.memberId }).from(listMemberships).where(and(eq(listMemberships.tenantId, ctx.tenantId), eq(listMemberships.listId, v.listId!)));
    return enrollIn(tx, ctx, seq, members.map((m) => m.id), opts.source ?? "LIST", opts.publicOrigin);
  });
}

/** Stops one enrollment by hand. */
export async function stopEnrollment(ctx: TenantContext, enrollmentId: string): Promise<void> {
  assertCan(ctx.actor.role, "sequences.enroll");
  if (!isUuid(enrollmentId)) throw notFound("Enrollment");
  await withTenant(ctx, async (tx) => {
    const [en] = await tx.select().from(sequenceEnrollments).where(and(eq(sequenceEnrollments.tenantId, ctx.tenantId), eq(sequenceEnrollments.id, enrollmentId)));
    if (!en) throw notFound("Enrollment");
    if (en.status !== "ACTIVE") throw new AppError("conflict", `This enrollment is already ${en.status.toLowerCase()}`);
    await stopEnrollmentsFor(tx, { tenantId: ctx.tenantId, contactId: en.contactId, sequenceIds: [en.sequenceId], reason: "MANUAL" });
  });
}
