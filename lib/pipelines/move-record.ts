// moveRecord: the only way a record's stage changes — board, record page, REST, automations
// and imports all call it. It locks the row, checks the movement rules and required fields
// against the current state, and writes the record, one stage_history row and one
// stage.changed event in one transaction.
//
// It is the hottest write in the product (a board of reps dragging cards), so it is written
// in postgres.js directly and takes two round trips (withTenantPipelined): BEGIN, the tenant,
// the row lock, the pipeline with its stages and the drop position in the first; the
// record, history and event in one statement with COMMIT in the second. Drizzle's query
// building and row mapping cost three times the raw statements here (bench/move.ts); the
// schema still comes from Drizzle (table and column names, row decoding: db/rows.ts).
import { domainEvents, stageHistory } from "@/db/schema";
import { ident, rowMapper, statementText } from "@/db/rows";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, notFound, validationError } from "@/lib/errors";
import { actorPayload } from "@/lib/events/emit";
import { RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import { serializeRecord, type RecordRow } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenantPipelined } from "@/lib/tenancy/with-tenant";
import { getTableName } from "drizzle-orm";
import type postgres from "postgres";
import { keyBetween, neighbourKeys } from "./position";
import { checkMove, dealStatusFor, missingRequiredFields, type MovementMode, type StageState } from "./rules";
import { moveSchema, type MoveInput } from "./schemas";

export type PipelineKind = Extract<RecordKind, "DEAL" | "LEAD" | "TICKET">;

export interface MoveResult {
  record: RecordRow;
  moved: boolean;
  historyId: string | null;
}

interface StageRow {
  movementMode: MovementMode;
  id: string;
  name: string;
  displayOrder: number;
  stageState: StageState;
  requiredFields: string[];
  probability: string;
}

/**
 * The move's statements on `table`, built once (db/rows.ts statementText): rebuilding them
 * as tagged templates on every call cost 5–15% of a move's JavaScript (20 concurrent movers).
 */
function statementsFor(table: string) {
  const t = ident(table);
  return {
    lock: statementText(`move-lock:${table}`, () => `select * from ${t} where tenant_id = $1 and id = $2 and deleted_at is null for update`),
    stages: statementText(
      `move-stages:${table}`,
      () => `select p.movement_mode as "movementMode", s.id, s.name, s.display_order as "displayOrder", s.stage_state as "stageState",
          s.required_fields as "requiredFields", s.probability::text as probability
        from pipeline_stages s join pipelines p on p.tenant_id = s.tenant_id and p.id = s.pipeline_id
        where s.tenant_id = $1 and s.pipeline_id = (select pipeline_id from ${t} where tenant_id = $1 and id = $2)
        order by s.display_order`,
    ),
    reorder: statementText(`move-reorder:${table}`, () => `update ${t} set position = $3 where tenant_id = $1 and id = $2`),
    /** The record's `columns` ($1…$n), then tenant, id, kind, pipeline, from, to, user, source, override, its reason, reason, event payload. */
    write: (columns: string[]) =>
      statementText(`move-write:${table}:${columns.join(",")}`, () => {
        const n = columns.length;
        const $ = (i: number) => `$${n + i}`;
        return `with moved as (
            update ${t} set ${columns.map((c, i) => `${ident(c)} = $${i + 1}`).join(", ")} where tenant_id = ${$(1)} and id = ${$(2)}
          ), history as (
            insert into ${ident(getTableName(stageHistory))} (tenant_id, entity_type, entity_id, pipeline_id, from_stage_id, to_stage_id,
              changed_by_user_id, source, is_override, override_reason, reason)
            values (${$(1)}, ${$(3)}, ${$(2)}, ${$(4)}, ${$(5)}, ${$(6)}, ${$(7)}, ${$(8)}, ${$(9)}, ${$(10)}, ${$(11)})
            returning id
          ), event as (
            insert into ${ident(getTableName(domainEvents))} (tenant_id, event_type, entity_type, entity_id, actor_user_id, source, payload)
            values (${$(1)}, 'stage.changed', ${$(3)}, ${$(2)}, ${$(7)}, ${$(8)}, ${$(12)})
          )
          select id as "historyId" from history`;
      }),
  };
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
  const table = getTableName(t);
  const decode = rowMapper(t);
  return withTenantPipelined(ctx, async ({ sql, clock, commit }) => {
    // Sent together, run in order: the stages are read after the row lock is held.
    const text = statementsFor(table);
    const [time, [locked], stages, [keys]] = await Promise.all([
      clock,
      sql.unsafe(text.lock, [ctx.tenantId, id], { prepare: true }),
      sql.unsafe<StageRow[]>(text.stages, [ctx.tenantId, id], { prepare: true }),
      neighbourKeys(sql, table, ctx.tenantId, input.toStageId, input.afterId, input.beforeId),
    ]);
    if (!locked) throw notFound(def.singular);
    const row = decode(locked) as RecordRow;
    const pipelineId = row.pipelineId as string | null;
    const currentStageId = row.stageId as string | null;
    if (!pipelineId || !currentStageId || !stages.length) throw new AppError("conflict", `This ${def.singular} is not in a pipeline`);
    const position = keyBetween(keys?.lo ?? null, keys?.hi ?? null);

    // Re-ordering inside the same column is not a stage change: position only.
    if (input.toStageId === currentStageId && (input.afterId !== undefined || input.beforeId !== undefined)) {
      await commit(sql.unsafe(text.reorder, [ctx.tenantId, id, position], { prepare: true }));
      return { record: { ...row, position }, moved: false, historyId: null };
    }

    const current = stages.find((s) => s.id === currentStageId);
    let returnStageId: string | null = null;
    if (current?.stageState === "DONE_FAILED") {
      const [last] = await sql<{ fromStageId: string | null }[]>`
        select from_stage_id as "fromStageId" from stage_history
        where tenant_id = ${ctx.tenantId} and entity_type = ${kind} and entity_id = ${id} and to_stage_id = ${currentStageId}
        order by changed_at desc limit 1`;
      returnStageId = last?.fromStageId ?? null;
    }
    const verdict = checkMove({ mode: stages[0]!.movementMode, stages, currentStageId, toStageId: input.toStageId, returnStageId });
    const target = stages.find((s) => s.id === input.toStageId);
    const isOverride = !verdict.ok;
    if (!verdict.ok && (!input.override || !target)) {
      throw new AppError("movement-not-allowed", verdict.reason, { allowedStageIds: verdict.allowedStageIds });
    }
    const toStage = target!;

    // The record after the move, column by column as the UPDATE below writes it; now() and
    // current_date are the transaction's (Postgres' own text, decoded like a read).
    const now = t.updatedAt.mapFromDriverValue(time.now);
    const set: Record<string, unknown> = { stageId: toStage.id, stageEnteredAt: now, position, updatedAt: now };
    if (kind === "DEAL") {
      if (toStage.stageState === "DONE_FAILED" && input.lostReason) set.lostReason = input.lostReason;
      if (toStage.stageState === "DONE_SUCCESS" && input.wonReason) set.wonReason = input.wonReason;
      set.forecastProbability = toStage.probability;
      set.status = dealStatusFor(toStage.stageState);
      const closing = toStage.stageState === "DONE_SUCCESS" || toStage.stageState === "DONE_FAILED";
      if (closing) set.closeDate = time.today;
      set.closedAt = closing ? now : null;
    }
    if (kind === "TICKET") set.resolvedAt = toStage.stageState === "DONE_SUCCESS" ? now : null;
    if (kind === "LEAD" && toStage.stageState === "DONE_SUCCESS") set.convertedAt = now;
    const after = { ...row, ...set } as RecordRow;

    const missing = missingRequiredFields(toStage, after);
    if (kind === "DEAL" && toStage.stageState === "DONE_FAILED" && !after.lostReason) missing.push("lostReason");
    if (missing.length && !input.override) {
      throw new AppError("required-fields-missing", `${toStage.name} requires: ${missing.join(", ")}`, { missingFields: missing });
    }
    const overridden = isOverride || missing.length > 0;

    // Timestamps are written as the transaction's own now() (its exact text), so the row
    // equals `after`.
    const columns: Record<string, unknown> = { stage_id: toStage.id, stage_entered_at: time.now, position, updated_at: time.now };
    if (kind === "DEAL") {
      Object.assign(columns, { forecast_probability: set.forecastProbability, status: set.status, closed_at: set.closedAt ? time.now : null });
      if (set.closeDate) columns.close_date = set.closeDate;
      if (set.lostReason) columns.lost_reason = set.lostReason;
      if (set.wonReason) columns.won_reason = set.wonReason;
    }
    if (kind === "TICKET") columns.resolved_at = set.resolvedAt ? time.now : null;
    if (kind === "LEAD" && set.convertedAt) columns.converted_at = time.now;

    const payload = {
      title: def.title(after),
      pipelineId,
      fromStageId: currentStageId,
      toStageId: toStage.id,
      fromStageName: current?.name ?? null,
      toStageName: toStage.name,
      override: overridden,
      record: serializeRecord(after),
      actor: actorPayload(ctx),
    };
    // jsonb parameters go as text: the Drizzle client sends them unserialized (db/client.ts)
    const names = Object.keys(columns);
    const params = [
      ...names.map((c) => columns[c]),
      ...[ctx.tenantId, id, kind, pipelineId, currentStageId, toStage.id, ctx.actor.userId, ctx.actor.source],
      ...[overridden, overridden ? (input.reason ?? null) : null, input.lostReason ?? input.wonReason ?? null, JSON.stringify(payload)],
    ];
    const [[written]] = await commit<[{ historyId: string }[]]>(sql.unsafe(text.write(names), params as postgres.ParameterOrJSON<never>[], { prepare: true }));
    return { record: after, moved: true, historyId: written!.historyId };
  });
}
