// moveRecord's engine: runs a set of moves of one tenant and record type (distinct records)
// in one transaction. Each move is checked on its own against its locked row, by the rules
// of ARCHITECTURE.md, and writes its own record, stage_history row and stage.changed event;
// a move the checks refuse is left out of the write and gets its own error. The moves share
// the statements: BEGIN and the tenant, one lock of all rows (in id order, so transactions
// never deadlock on each other), one read of their stages and drop positions, then one
// write with COMMIT. Per move, those statements were most of the cost (bench/move.ts).
import "server-only";
import { domainEvents, stageHistory } from "@/db/schema";
import { columnName, columnTypes, ident, rowMapper, statementText } from "@/db/rows";
import { AppError, notFound } from "@/lib/errors";
import { eventRow } from "@/lib/events/emit";
import { RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import { serializeRecord, type RecordRow } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenantPipelined, type PipelinedTx } from "@/lib/tenancy/with-tenant";
import { getTableColumns, getTableName, type Column } from "drizzle-orm";
import type postgres from "postgres";
import { keyBetween } from "./position";
import { RequiredFieldsMissing } from "./required-fields";
import { checkMove, dealStatusFor, missingRequiredFields, type MovementMode, type StageState } from "./rules";
import type { moveSchema } from "./schemas";
import type { z } from "zod";

export type PipelineKind = Extract<RecordKind, "DEAL" | "LEAD" | "TICKET">;

export interface MoveResult {
  record: RecordRow;
  moved: boolean;
  historyId: string | null;
}

export interface MoveJob {
  ctx: TenantContext;
  kind: PipelineKind;
  id: string;
  input: z.output<typeof moveSchema>;
}

interface StageRow {
  pipelineId: string;
  movementMode: MovementMode;
  id: string;
  name: string;
  displayOrder: number;
  stageState: StageState;
  requiredFields: string[];
  probability: string;
}

/** A move that passed its checks: what it writes. */
interface Planned {
  at: number;
  after: RecordRow;
  /** Reordering inside its column: the position only, no history, no event. */
  reorderOnly: boolean;
  /** The columns the UPDATE sets, by the table's keys, as driver text (Write). */
  write: Write;
  pipelineId: string;
  fromStageId: string;
  toStageId: string;
  overridden: boolean;
  overrideReason: string | null;
  reason: string | null;
  /** Its stage.changed event (the one event-row builder); null for a reorder. */
  event: ReturnType<typeof eventRow> | null;
}

/** A move's UPDATE: the record table's keys, values as Postgres' text (timestamps exact to the microsecond). */
type Write = Partial<Record<"stageId" | "stageEnteredAt" | "position" | "updatedAt" | "lostReason" | "wonReason" | "forecastProbability" | "status" | "closeDate" | "closedAt" | "resolvedAt" | "convertedAt", string | null>>;

/** The written values as a read would decode them (Date, numeric string...). */
function decodeWrite(table: ReturnType<typeof tableOf>, write: Write): Record<string, unknown> {
  const columns = getTableColumns(table) as Record<string, Column>;
  return Object.fromEntries(Object.entries(write).map(([k, v]) => [k, v === null || v === undefined ? null : columns[k]!.mapFromDriverValue(v)]));
}

export type Settle = { ok: true; value: MoveResult } | { ok: false; error: unknown };

// postgres.js types an array parameter by its first element (a boolean array would go as
// boolean): boolean arrays go through sql.array(), the others are strings the server types.
const P = (params: unknown[]) => params as postgres.ParameterOrJSON<never>[];

function readTexts(table: string) {
  const t = ident(table);
  return {
    lock: statementText(`moves-lock:${table}`, () => `select * from ${t} where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null order by id for update`),
    // The moves' time, read once the locks are held: a move that waited for another's lock
    // is later than it (now(), the transaction's start, may be earlier: issue 12, item 16).
    clock: statementText("moves-clock", () => `select c::text as now, c::date::text as today from clock_timestamp() as c`),
    stages: statementText(
      `moves-stages:${table}`,
      () => `select s.pipeline_id as "pipelineId", p.movement_mode as "movementMode", s.id, s.name, s.display_order as "displayOrder",
          s.stage_state as "stageState", s.required_fields as "requiredFields", s.probability::text as probability
        from pipeline_stages s join pipelines p on p.tenant_id = s.tenant_id and p.id = s.pipeline_id
        where s.tenant_id = $1 and s.pipeline_id in (select pipeline_id from ${t} where tenant_id = $1 and id = any($2::uuid[]))
        order by s.pipeline_id, s.display_order`,
    ),
    // the drop's neighbours' keys; without neighbours, `hi` is the column's top card
    keys: statementText(
      `moves-keys:${table}`,
      () => `select (select position from ${t} where tenant_id = $1 and stage_id = k.stage and id = k.after) as lo,
          case when k.after is null and k.before is null
            then (select position from ${t} where tenant_id = $1 and stage_id = k.stage and deleted_at is null and position is not null order by position asc limit 1)
            else (select position from ${t} where tenant_id = $1 and stage_id = k.stage and id = k.before) end as hi
        from unnest($2::uuid[], $3::uuid[], $4::uuid[]) with ordinality as k(stage, after, before, n) order by k.n`,
    ),
    returnStages: statementText(
      "moves-return-stages",
      () => `select (select from_stage_id from ${ident(getTableName(stageHistory))} h
          where h.tenant_id = $1 and h.entity_type = $2::${stageHistory.entityType.getSQLType()} and h.entity_id = r.id and h.to_stage_id = r.stage
          order by h.seq desc limit 1) as "fromStageId"
        from unnest($3::uuid[], $4::uuid[]) with ordinality as r(id, stage, n) order by r.n`,
    ),
  };
}

/**
 * The write of a batch, for its groups of moves that set the same columns: each group's
 * UPDATE from arrays, the reorders, then the history rows and events in the moves' order.
 */
function writeText(records: ReturnType<typeof tableOf>, groups: string[][], reorders: boolean, moves: boolean): string {
  const table = getTableName(records);
  return statementText(`moves-write:${table}:${groups.map((g) => g.join(",")).join("|")}:${reorders}:${moves}`, () => {
    const types = columnTypes(records);
    const t = ident(table);
    const dbName = (key: string) => columnName(getTableColumns(records)[key as keyof typeof records.$inferSelect] as Column);
    let n = 2; // $1 tenant, $2 record type
    const $ = () => `$${++n}`;
    const ctes: string[] = [];
    groups.forEach((cols, g) => {
      const arrays = [`${$()}::uuid[]`, ...cols.map(() => `${$()}::text[]`)];
      const names = ["id", ...cols.map((_, i) => `c${i}`)];
      const set = cols.map((c, i) => `${ident(dbName(c))} = v.c${i}::${types.get(dbName(c))}`).join(", ");
      ctes.push(`moved${g} as (update ${t} d set ${set} from unnest(${arrays.join(", ")}) as v(${names.join(", ")}) where d.tenant_id = $1 and d.id = v.id)`);
    });
    if (reorders) ctes.push(`reordered as (update ${t} d set position = r.position from unnest(${$()}::uuid[], ${$()}::text[]) as r(id, position) where d.tenant_id = $1 and d.id = r.id)`);
    const kind = `$2::${stageHistory.entityType.getSQLType()}`;
    if (!moves) return `with ${ctes.join(", ")} select null::uuid as "historyId", null::uuid as "entityId" where ${kind} is null`;
    const source = stageHistory.source.getSQLType();
    const changedAt = `${$()}::timestamptz`;
    const rows = `unnest(${$()}::uuid[], ${$()}::uuid[], ${$()}::uuid[], ${$()}::uuid[], ${$()}::uuid[], ${$()}::text[], ${$()}::boolean[], ${$()}::text[], ${$()}::text[], ${$()}::text[])
      with ordinality as h(id, pipeline_id, from_id, to_id, user_id, source, overridden, override_reason, reason, payload, n)`;
    ctes.push(`history as (
        insert into ${ident(getTableName(stageHistory))} (tenant_id, entity_type, entity_id, pipeline_id, from_stage_id, to_stage_id,
          changed_at, changed_by_user_id, source, is_override, override_reason, reason)
        select $1, ${kind}, h.id, h.pipeline_id, h.from_id, h.to_id, ${changedAt}, h.user_id, h.source::${source}, h.overridden, h.override_reason, h.reason
        from ${rows} order by h.n
        returning id, entity_id)`);
    ctes.push(`event as (
        insert into ${ident(getTableName(domainEvents))} (tenant_id, event_type, entity_type, entity_id, actor_user_id, source, payload)
        select $1, 'stage.changed', ${kind}, h.id, h.user_id, h.source::${source}, h.payload::jsonb
        from ${rows} order by h.n)`);
    return `with ${ctes.join(", ")} select id as "historyId", entity_id as "entityId" from history`;
  });
}

/**
 * Runs `jobs` (one tenant and record type, distinct records) in one transaction. Never
 * throws: each job settles with its result or its own error. If the shared write fails,
 * the caller runs the moves again one by one, so one move's failure is only its own.
 */
export async function runMoves(jobs: MoveJob[]): Promise<Settle[] | "write-failed"> {
  const { ctx } = jobs[0]!;
  const settled: (Settle | undefined)[] = jobs.map(() => undefined);
  try {
    await withTenantPipelined(ctx, (tx) => movesIn(tx, jobs, settled));
  } catch (error) {
    if (error instanceof WriteFailed) return "write-failed";
    return settled.map((s) => s ?? { ok: false, error });
  }
  return settled.map((s) => s ?? { ok: false, error: new Error("moveRecord: a move was not settled") });
}

/** A transaction of the tenant the moves run in: withTenantPipelined's, or an open one (moveWithFields). */
export interface MoveConn {
  sql: Pick<postgres.Sql, "unsafe" | "array">;
  commit: PipelinedTx["commit"];
}

/**
 * The moves' reads, checks and write in the transaction `tx`: each job's outcome goes to
 * `settled` (left empty when the whole transaction failed). Writes nothing when every move
 * is refused; throws WriteFailed when the shared write of several moves fails.
 */
export async function movesIn(tx: MoveConn, jobs: MoveJob[], settled: (Settle | undefined)[]): Promise<void> {
  const { ctx, kind } = jobs[0]!;
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  const table = getTableName(t);
  const decode = rowMapper(t);
  const text = readTexts(table);
  const { sql } = tx;
  const ids = jobs.map((j) => j.id);
  // Sent together, run in order: the clock and the stages are read after the row locks are held.
  const [locked, [time], stages, keys] = await Promise.all([
    sql.unsafe(text.lock, P([ctx.tenantId, ids]), { prepare: true }),
    sql.unsafe<{ now: string; today: string }[]>(text.clock, [], { prepare: true }),
    sql.unsafe<StageRow[]>(text.stages, P([ctx.tenantId, ids]), { prepare: true }),
    sql.unsafe<{ lo: string | null; hi: string | null }[]>(
      text.keys,
      P([ctx.tenantId, jobs.map((j) => j.input.toStageId), jobs.map((j) => j.input.afterId ?? null), jobs.map((j) => j.input.beforeId ?? null)]),
      { prepare: true },
    ),
  ]);
  const rows = new Map(locked.map((r) => [r.id as string, decode(r) as RecordRow]));
  const byPipeline = new Map<string, StageRow[]>();
  for (const s of stages) (byPipeline.get(s.pipelineId) ?? byPipeline.set(s.pipelineId, []).get(s.pipelineId)!).push(s);

  // A record in a DONE_FAILED stage may go back where it came from: its last move in.
  const failed = jobs.flatMap((j, at) => {
    const row = rows.get(j.id);
    const current = byPipeline.get(row?.pipelineId as string)?.find((s) => s.id === row?.stageId);
    return current?.stageState === "DONE_FAILED" ? [{ at, id: j.id, stage: current.id }] : [];
  });
  const returnStage = new Map<number, string | null>();
  if (failed.length) {
    const back = await sql.unsafe<{ fromStageId: string | null }[]>(text.returnStages, P([ctx.tenantId, kind, failed.map((f) => f.id), failed.map((f) => f.stage)]), {
      prepare: true,
    });
    failed.forEach((f, i) => returnStage.set(f.at, back[i]?.fromStageId ?? null));
  }

  const planned: Planned[] = [];
  // drops at the top of the same column: each above the one before it, not all on one key
  const tops = new Map<string, string>();
  jobs.forEach((job, at) => {
    try {
      const row = rows.get(job.id);
      if (!row) throw notFound(def.singular);
      const onTop = !job.input.afterId && !job.input.beforeId;
      const above = onTop ? tops.get(job.input.toStageId) : undefined;
      const p = plan(job, at, row, byPipeline.get(row.pipelineId as string) ?? [], above ? { lo: null, hi: above } : keys[at]!, time!, returnStage.get(at) ?? null);
      if (onTop) tops.set(job.input.toStageId, p.after.position as string);
      planned.push(p);
    } catch (error) {
      settled[at] = { ok: false, error };
    }
  });
  if (!planned.length) return; // nothing to write: rolled back

  const moves = planned.filter((p) => !p.reorderOnly);
  const reorders = planned.filter((p) => p.reorderOnly);
  const groups = new Map<string, Planned[]>();
  for (const p of moves) {
    const key = Object.keys(p.write).join(",");
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(p);
  }
  const columnSets = [...groups.keys()].map((k) => k.split(","));
  const params: unknown[] = [ctx.tenantId, kind];
  [...groups.values()].forEach((members, i) => {
    params.push(members.map((p) => jobs[p.at]!.id), ...columnSets[i]!.map((c) => members.map((p) => p.write[c as keyof Write] ?? null)));
  });
  if (reorders.length) params.push(reorders.map((p) => jobs[p.at]!.id), reorders.map((p) => p.after.position));
  if (moves.length) {
    // who and what: the event rows' own values (the history row records the same actor)
    const events = moves.map((p) => p.event!);
    params.push(
      time!.now,
      ...[moves.map((p) => jobs[p.at]!.id), moves.map((p) => p.pipelineId), moves.map((p) => p.fromStageId), moves.map((p) => p.toStageId)],
      ...[events.map((e) => e.actorUserId ?? null), events.map((e) => e.source), sql.array(moves.map((p) => p.overridden))],
      ...[moves.map((p) => p.overrideReason), moves.map((p) => p.reason), events.map((e) => JSON.stringify(e.payload))],
    );
  }
  let written: { historyId: string; entityId: string }[];
  try {
    [written] = await tx.commit<[{ historyId: string; entityId: string }[]]>(
      sql.unsafe(writeText(t, columnSets, reorders.length > 0, moves.length > 0), P(params), { prepare: true }),
    );
  } catch (error) {
    throw jobs.length > 1 ? new WriteFailed() : error;
  }
  const historyOf = new Map(written.map((w) => [w.entityId, w.historyId]));
  for (const p of planned) {
    settled[p.at] = { ok: true, value: { record: p.after, moved: !p.reorderOnly, historyId: p.reorderOnly ? null : historyOf.get(jobs[p.at]!.id)! } };
  }
}

class WriteFailed extends Error {}

/** One move's checks against its locked row, and what it writes (moveRecord's rules). */
function plan(
  job: MoveJob,
  at: number,
  row: RecordRow,
  stages: StageRow[],
  keys: { lo: string | null; hi: string | null },
  time: { now: string; today: string },
  returnStageId: string | null,
): Planned {
  const { ctx, kind, input } = job;
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  const pipelineId = row.pipelineId as string | null;
  const currentStageId = row.stageId as string | null;
  if (!pipelineId || !currentStageId || !stages.length) throw new AppError("conflict", `This ${def.singular} is not in a pipeline`);
  const position = keyBetween(keys.lo, keys.hi);
  const base = { at, pipelineId, fromStageId: currentStageId, toStageId: currentStageId, overridden: false, overrideReason: null, reason: null, event: null };

  // Re-ordering inside the same column is not a stage change: position only.
  if (input.toStageId === currentStageId && (input.afterId !== undefined || input.beforeId !== undefined)) {
    return { ...base, after: { ...row, position }, reorderOnly: true, write: {} };
  }

  const current = stages.find((s) => s.id === currentStageId);
  const verdict = checkMove({ mode: stages[0]!.movementMode, stages, currentStageId, toStageId: input.toStageId, returnStageId });
  const target = stages.find((s) => s.id === input.toStageId);
  const isOverride = !verdict.ok;
  if (!verdict.ok && (!input.override || !target)) {
    throw new AppError("movement-not-allowed", verdict.reason, { allowedStageIds: verdict.allowedStageIds });
  }
  const toStage = target!;

  // What the UPDATE writes, by the table's keys and in Postgres' own text (so a renamed
  // column is a type error here, and the row equals `after`, decoded like a read): the
  // time and date are the clock's once the lock was held, and the history row's
  // changed_at is the same text.
  const write: Write = { stageId: toStage.id, stageEnteredAt: time.now, position, updatedAt: time.now };
  if (kind === "DEAL") {
    if (toStage.stageState === "DONE_FAILED" && input.lostReason) write.lostReason = input.lostReason;
    if (toStage.stageState === "DONE_SUCCESS" && input.wonReason) write.wonReason = input.wonReason;
    write.forecastProbability = toStage.probability;
    write.status = dealStatusFor(toStage.stageState);
    const closing = toStage.stageState === "DONE_SUCCESS" || toStage.stageState === "DONE_FAILED";
    if (closing) write.closeDate = time.today;
    write.closedAt = closing ? time.now : null;
  }
  if (kind === "TICKET") write.resolvedAt = toStage.stageState === "DONE_SUCCESS" ? time.now : null;
  if (kind === "LEAD" && toStage.stageState === "DONE_SUCCESS") write.convertedAt = time.now;
  const after = { ...row, ...decodeWrite(t, write) } as RecordRow;

  const missing = missingRequiredFields(toStage, after);
  if (kind === "DEAL" && toStage.stageState === "DONE_FAILED" && !after.lostReason) missing.push("lostReason");
  if (missing.length && !input.override) {
    throw new RequiredFieldsMissing(toStage.name, missing);
  }
  const overridden = isOverride || missing.length > 0;

  const payload = {
    title: def.title(after),
    pipelineId,
    fromStageId: currentStageId,
    toStageId: toStage.id,
    fromStageName: current?.name ?? null,
    toStageName: toStage.name,
    override: overridden,
    record: serializeRecord(after),
  };
  return {
    at,
    after,
    reorderOnly: false,
    write,
    pipelineId,
    fromStageId: currentStageId,
    toStageId: toStage.id,
    overridden,
    overrideReason: overridden ? (input.reason ?? null) : null,
    reason: input.lostReason ?? input.wonReason ?? null,
    event: eventRow(ctx, { type: "stage.changed", entityType: kind, entityId: job.id, payload }),
  };
}
