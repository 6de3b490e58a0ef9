// What the API sees of a sequence and an enrollment.
import type { SequenceEnrollment } from "@/db/schema";
import type { PIPELINE_STAGE_STATES } from "@/db/schema/enums";
import type { SequenceWithSteps } from "./service";

export function sequenceJson(q: SequenceWithSteps) {
  return {
    id: q.id,
    name: q.name,
    mailboxId: q.mailboxId,
    stopOnStageStates: q.stopOnStageStates as (typeof PIPELINE_STAGE_STATES)[number][],
    track: q.track,
    paused: !q.isActive,
    steps: q.steps.map((s) => ({ id: s.id, position: s.position, kind: s.kind, delayDays: s.delayDays, delayHours: s.delayHours, subject: s.subject, body: s.body })),
    createdAt: q.createdAt.toISOString(),
  };
}

export type SequenceJson = ReturnType<typeof sequenceJson>;

export function enrollmentJson(e: SequenceEnrollment & { contactName?: string }) {
  return {
    id: e.id,
    sequenceId: e.sequenceId,
    contactId: e.contactId,
    status: e.status,
    nextStep: e.nextStep,
    nextRunAt: e.nextRunAt?.toISOString() ?? null,
    stopReason: e.stopReason,
    source: e.source,
    enrolledAt: e.enrolledAt.toISOString(),
    endedAt: e.endedAt?.toISOString() ?? null,
  };
}
