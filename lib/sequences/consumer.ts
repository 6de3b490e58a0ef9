// Sequences stop on a stage change of the kind they name: when a deal enters a stage whose
// state is in a sequence's stop_on_stage_states (e.g. won or lost), its contact's
// enrollments in that sequence stop (reason STAGE_CHANGED). Runs in the dispatch's transaction.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { pipelineStages, sequenceEnrollments, sequences } from "@/db/schema";
import type { EventConsumer } from "@/lib/events/dispatcher";
import { stopReasonFor } from "./rules";
import { stopEnrollmentsFor } from "./stop";

export const sequenceStopConsumer: EventConsumer = {
  name: "sequence-stop",
  handles: (e) => e.eventType === "stage.changed" && e.entityType === "DEAL",
  async handle(tx, ctx, event) {
    const payload = (event.payload ?? {}) as { toStageId?: string; record?: { contactId?: string | null } };
    const contactId = payload.record?.contactId;
    if (!contactId || !payload.toStageId) return;
    const active = await tx
      .select({ sequenceId: sequenceEnrollments.sequenceId, stopOn: sequences.stopOnStageStates })
      .from(sequenceEnrollments)
      .innerJoin(sequences, and(eq(sequences.tenantId, sequenceEnrollments.tenantId), eq(sequences.id, sequenceEnrollments.sequenceId)))
      .where(and(eq(sequenceEnrollments.tenantId, ctx.tenantId), eq(sequenceEnrollments.contactId, contactId), eq(sequenceEnrollments.status, "ACTIVE")));
    if (!active.length) return;
    const [stage] = await tx.select({ state: pipelineStages.stageState }).from(pipelineStages).where(and(eq(pipelineStages.tenantId, ctx.tenantId), inArray(pipelineStages.id, [payload.toStageId])));
    if (!stage) return;
    const stopping = active.filter((a) => stopReasonFor({ kind: "stage", stageState: stage.state }, { stopOnStageStates: a.stopOn }) !== null).map((a) => a.sequenceId);
    await stopEnrollmentsFor(tx, { tenantId: ctx.tenantId, contactId, sequenceIds: stopping, reason: "STAGE_CHANGED" });
  },
};
