// Where each record of a pipeline stood at an instant, replayed from stage history: the
// SQL shared by the pipeline metrics (won, lost, active at the end of a period) and the
// board as of a date. Server-only.
//
// A record's place at T is the stage its last history row before T entered. Reading that
// row for every record of a pipeline would read its whole history; instead only the
// records with a history row at or after T (few, for a recent T) are replayed, and every
// other record is where it is now (its stage and stage-entered time).
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { analyticsStays, pipelines, pipelineStages, stageHistory } from "@/db/schema";
import { RECORD_KINDS, tableOf } from "@/lib/records/registry";
import type { PipelineKind } from "@/lib/pipelines/move-record";

export interface StateAtOptions {
  tenantId: string;
  kind: PipelineKind;
  pipelineId: string;
  at: Date;
  /** Metrics: soft-deleted records count nowhere. The board as of T: records deleted after T were still there. */
  deleted: "excluded" | "after";
  /** Extra columns of the record (`r.<col>`), selected in both branches. */
  columns: SQL;
  /** A distant T from the stays (analytics_stays: each history row with its exit), or replayed from stage history (the raw computation). Default: the stays. */
  source?: "stays" | "history";
  /**
   * From the stays, leave the record out: at_t is (id, stage_id, entered_at, amount) from
   * the stays' index alone and the caller joins the records it shows (the board).
   */
  lean?: boolean;
}

/** Whether at_t comes from the stays for this T (a distant one, from the stays). */
export const fromStaysAt = (at: Date, source: StateAtOptions["source"] = "stays", now = Date.now()) => source === "stays" && at.getTime() < now - REPLAY_AFTER_MS;

/**
 * CTEs `st` (the pipeline's stages with the next non-DONE_FAILED stage), `kin` (the
 * pipelines of its object type), `later` (records moved at or after T), and `at_t`
 * (id, stage_id, entered_at, created_at, moved_since, …columns) — the records in a stage
 * of this pipeline at T; moved_since: it moved (or was deleted) after T. Starts with `with`; the caller appends `, more as (...) select …`.
 */
/** How far back T must be for a plain replay of the history before it to beat reading what moved since. */
const REPLAY_AFTER_MS = 30 * 86_400_000;

type Records = ReturnType<typeof tableOf>;

/** Recent T: records that did not move since are where they are now; the few that did are replayed. */
function movedSince(o: StateAtOptions, r: Records, at: string, alive: SQL): SQL {
  return sql`
      select r.id, r.stage_id, r.stage_entered_at as entered_at, r.created_at, r.deleted_at is not null as moved_since, ${o.columns}
      from ${r} r
      where r.tenant_id = ${o.tenantId}::uuid and r.pipeline_id = ${o.pipelineId}::uuid and ${alive} and r.created_at < ${at}::timestamptz
        and not exists (select 1 from later l where l.entity_id = r.id)
      union all
      select r.id, x.to_stage_id, x.changed_at, r.created_at, true, ${o.columns}
      from later l
      join ${r} r on r.tenant_id = ${o.tenantId}::uuid and r.id = l.entity_id and ${alive}
      cross join lateral (
        select h.to_stage_id, h.changed_at from ${stageHistory} h
        where h.tenant_id = ${o.tenantId}::uuid and h.entity_type = ${o.kind} and h.entity_id = l.entity_id and h.changed_at < ${at}::timestamptz
        order by h.seq desc limit 1
      ) x
      where x.to_stage_id in (select id from st)`;
}

/** Distant T: most records moved since, so every record's last row before T is read in one pass. */
function replayed(o: StateAtOptions, r: Records, at: string, alive: SQL): SQL {
  return sql`
      select r.id, x.to_stage_id as stage_id, x.changed_at as entered_at, r.created_at,
        (r.deleted_at is not null or r.stage_entered_at is distinct from x.changed_at) as moved_since, ${o.columns}
      from (
        select distinct on (h.entity_id) h.entity_id, h.to_stage_id, h.changed_at from ${stageHistory} h
        where h.tenant_id = ${o.tenantId}::uuid and h.entity_type = ${o.kind} and h.pipeline_id in (select id from kin) and h.changed_at < ${at}::timestamptz
        order by h.entity_id, h.seq desc
      ) x
      join ${r} r on r.tenant_id = ${o.tenantId}::uuid and r.id = x.entity_id and ${alive}
      where x.to_stage_id in (select id from st)`;
}

/** Distant T from the stays: each record's stay that began before T and ended at or after it (one index range, no sort). */
function fromStays(o: StateAtOptions, r: Records, at: string, alive: SQL): SQL {
  const current = sql`x.tenant_id = ${o.tenantId}::uuid and x.entity_type = ${o.kind} and x.pipeline_id = ${o.pipelineId}::uuid
        and x.entered_at < ${at}::timestamptz and coalesce(x.exited_at, 'infinity') >= ${at}::timestamptz
        and x.stage_id = any(array(select id from st))`;
  if (o.lean) {
    const live = o.deleted === "excluded" ? sql`x.record_deleted_at is null` : sql`(x.record_deleted_at is null or x.record_deleted_at > ${at}::timestamptz)`;
    return sql`
      select x.entity_id as id, x.stage_id, x.entered_at, x.record_amount as amount
      from ${analyticsStays} x where ${current} and ${live}`;
  }
  return sql`
      select r.id, x.stage_id, x.entered_at, r.created_at,
        (r.deleted_at is not null or r.stage_entered_at is distinct from x.entered_at) as moved_since, ${o.columns}
      from ${analyticsStays} x
      join ${r} r on r.tenant_id = ${o.tenantId}::uuid and r.id = x.entity_id and ${alive}
      where ${current}`;
}

export function stateAtCtes(o: StateAtOptions): SQL {
  const r = tableOf(RECORD_KINDS[o.kind]);
  const at = o.at.toISOString();
  const alive = o.deleted === "excluded" ? sql`r.deleted_at is null` : sql`(r.deleted_at is null or r.deleted_at > ${at}::timestamptz)`;
  return sql`
    with st as (
      select s.id, s.name, s.display_order, s.stage_state, s.probability,
        (select n.id from ${pipelineStages} n
          where n.tenant_id = s.tenant_id and n.pipeline_id = s.pipeline_id and n.display_order > s.display_order and n.stage_state <> 'DONE_FAILED'
          order by n.display_order limit 1) as next_id
      from ${pipelineStages} s where s.tenant_id = ${o.tenantId}::uuid and s.pipeline_id = ${o.pipelineId}::uuid
    ), kin as (
      select p.id from ${pipelines} p where p.tenant_id = ${o.tenantId}::uuid and p.object_type = ${o.kind}
    ), later as (
      -- a record in this pipeline at T has, if it moved since, a row at or after T in this pipeline or leaving one of its stages
      select distinct h.entity_id from ${stageHistory} h
      where h.tenant_id = ${o.tenantId}::uuid and h.entity_type = ${o.kind} and h.pipeline_id in (select id from kin)
        and h.changed_at >= ${at}::timestamptz and (h.pipeline_id = ${o.pipelineId}::uuid or h.from_stage_id in (select id from st))
    ), at_t as (${fromStaysAt(o.at, o.source) ? fromStays(o, r, at, alive) : o.at.getTime() >= Date.now() - REPLAY_AFTER_MS ? movedSince(o, r, at, alive) : replayed(o, r, at, alive)}
    )`;
}
