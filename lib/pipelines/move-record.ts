// moveRecord: the only way a record's stage changes — board, record page, REST, automations
// and imports all call it. It locks the row, checks the movement rules and required fields
// against the current state, and writes the record, one stage_history row and one
// stage.changed event in one transaction.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { pipelines, pipelineStages, stageHistory } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, notFound, validationError } from "@/lib/errors";
import { emitEvent } from "@/lib/events/emit";
import { RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import { serializeRecord, type RecordRow } from "@/lib/records/service";
import { positionBetween } from "./position";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { checkMove, dealStatusFor, missingRequiredFields } from "./rules";
import { moveSchema, type MoveInput } from "./schemas";

export type PipelineKind = Extract<RecordKind, "DEAL" | "LEAD" | "TICKET">;

export interface MoveResult {
  record: RecordRow;
  moved: boolean;
  historyId: string | null;
}

export async function moveRecord(ctx: TenantContext, kind: PipelineKind, id: string, rawInput: MoveInput): Promise<MoveResult> {
  const input = moveSchema.parse(rawInput);
  assertCan(ctx.actor.role, "records.move");
  if (input.override) {
    assertCan(ctx.actor.role, "records.moveOverride");
    if (!input.reason) throw validationError([{ path: "reason", message: "an override needs a reason" }]);
  }
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  return withTenant(ctx, async (tx) => {
    // One round trip: the row lock, its pipeline, the stages and the drop position are
    // sent together (postgres.js pipelines them; Postgres runs them in order, so the
    // pipeline and stages are read after the lock is held). The stage is named by the
    // caller, so the position does not wait for the row.
    const pipelineOfRow = tx.select({ id: t.pipelineId }).from(t).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id)));
    const [[row], [pipeline], stages, position] = await Promise.all([
      tx
        .select()
        .from(t)
        .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id), isNull(t.deletedAt)))
        .for("update")
        .then((rows) => rows as RecordRow[]),
      tx.select().from(pipelines).where(and(eq(pipelines.tenantId, ctx.tenantId), inArray(pipelines.id, pipelineOfRow))),
      tx
        .select()
        .from(pipelineStages)
        .where(and(eq(pipelineStages.tenantId, ctx.tenantId), inArray(pipelineStages.pipelineId, pipelineOfRow)))
        .orderBy(asc(pipelineStages.displayOrder)),
      positionBetween(tx, kind, ctx.tenantId, input.toStageId, input.afterId, input.beforeId),
    ]);
    if (!row) throw notFound(def.singular);
    const pipelineId = row.pipelineId as string | null;
    const currentStageId = row.stageId as string | null;
    if (!pipelineId || !currentStageId || !pipeline) throw new AppError("conflict", `This ${def.singular} is not in a pipeline`);

    // Re-ordering inside the same column is not a stage change: position only.
    if (input.toStageId === currentStageId && (input.afterId !== undefined || input.beforeId !== undefined)) {
      const [updated] = (await tx.update(t).set({ position } as never).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id))).returning()) as RecordRow[];
      return { record: updated!, moved: false, historyId: null };
    }

    const current = stages.find((s) => s.id === currentStageId);
    let returnStageId: string | null = null;
    if (current?.stageState === "DONE_FAILED") {
      const [last] = await tx
        .select({ fromStageId: stageHistory.fromStageId })
        .from(stageHistory)
        .where(and(eq(stageHistory.tenantId, ctx.tenantId), eq(stageHistory.entityType, kind), eq(stageHistory.entityId, id), eq(stageHistory.toStageId, currentStageId)))
        .orderBy(desc(stageHistory.changedAt))
        .limit(1);
      returnStageId = last?.fromStageId ?? null;
    }
    const verdict = checkMove({ mode: pipeline.movementMode, stages, currentStageId, toStageId: input.toStageId, returnStageId });
    const target = stages.find((s) => s.id === input.toStageId);
    const isOverride = !verdict.ok;
    if (!verdict.ok && (!input.override || !target)) {
      throw new AppError("movement-not-allowed", verdict.reason, { allowedStageIds: verdict.allowedStageIds });
    }
    const toStage = target!;

    const changes: Record<string, unknown> = {};
    if (kind === "DEAL" && toStage.stageState === "DONE_FAILED" && input.lostReason) changes.lostReason = input.lostReason;
    if (kind === "DEAL" && toStage.stageState === "DONE_SUCCESS" && input.wonReason) changes.wonReason = input.wonReason;
    const after = { ...row, ...changes };
    const missing = missingRequiredFields(toStage, after);
    if (kind === "DEAL" && toStage.stageState === "DONE_FAILED" && !after.lostReason) missing.push("lostReason");
    if (missing.length && !input.override) {
      throw new AppError("required-fields-missing", `${toStage.name} requires: ${missing.join(", ")}`, { missingFields: missing });
    }

    const set: Record<string, unknown> = { ...changes, stageId: toStage.id, stageEnteredAt: sql`now()`, position, updatedAt: sql`now()` };
    if (kind === "DEAL") {
      set.forecastProbability = toStage.probability;
      set.status = dealStatusFor(toStage.stageState);
      if (toStage.stageState === "DONE_SUCCESS" || toStage.stageState === "DONE_FAILED") {
        set.closeDate = sql`current_date`;
        set.closedAt = sql`now()`;
      } else {
        set.closedAt = null;
      }
    }
    if (kind === "TICKET") set.resolvedAt = toStage.stageState === "DONE_SUCCESS" ? sql`now()` : null;
    if (kind === "LEAD" && toStage.stageState === "DONE_SUCCESS") set.convertedAt = sql`now()`;
    const [[updated], [history]] = await Promise.all([
      tx
        .update(t)
        .set(set as never)
        .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id)))
        .returning()
        .then((rows) => rows as RecordRow[]),
      tx
        .insert(stageHistory)
        .values({
          tenantId: ctx.tenantId,
          entityType: kind,
          entityId: id,
          pipelineId,
          fromStageId: currentStageId,
          toStageId: toStage.id,
          changedByUserId: ctx.actor.userId,
          source: ctx.actor.source,
          isOverride: isOverride || missing.length > 0,
          overrideReason: isOverride || missing.length > 0 ? (input.reason ?? null) : null,
          reason: input.lostReason ?? input.wonReason ?? null,
        })
        .returning({ id: stageHistory.id }),
    ]);
    await emitEvent(tx, ctx, {
      type: "stage.changed",
      entityType: kind,
      entityId: id,
      payload: {
        title: def.title(updated!),
        pipelineId,
        fromStageId: currentStageId,
        toStageId: toStage.id,
        fromStageName: current?.name ?? null,
        toStageName: toStage.name,
        override: isOverride || missing.length > 0,
        record: serializeRecord(updated!),
      },
    });
    return { record: updated!, moved: true, historyId: history!.id };
  });
}
