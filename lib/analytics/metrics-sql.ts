// The per-stage figures and the "created" count of pipeline metrics (lib/analytics/metrics.ts),
// two ways over the same definitions:
// - from the stays (analytics_stays, migration analytics_aggregates): one row per history
//   row with its exit time and its record's creation and deletion, kept by triggers in the
//   writer's transaction — one index range for a period (the read path);
// - from stage history itself (the raw computation): each row of the period, its record,
//   the next row of the record and a search for a later entry into the next stage — what
//   the stays are tested against (lib/analytics/aggregates.test.ts).
// Both are read in the actor's scope: the stays follow their record's visibility as
// stage_history does.
// One difference of definition, by construction equal in practice: "converted" looks for
// the later entry into the next stage among the period's rows, i.e. it takes a record's
// later rows (by seq) to be no earlier than this one, as history is written under the
// record's lock in time order.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { analyticsStays, stageHistory } from "@/db/schema";
import type { PipelineKind } from "@/lib/pipelines/move-record";
import type { tableOf } from "@/lib/records/registry";

export type MetricsSource = "stays" | "history";

interface Bounds {
  tenantId: string;
  kind: PipelineKind;
  start: SQL;
  end: SQL;
}

/** The figures per stage of `st`, from `entries` (stage_id, days, converted) and `period_rows` (from_stage_id, to_stage_id). */
function perStage(ctes: SQL, periodRows: SQL, entries: SQL): SQL {
  return sql`${ctes}, period_rows as (${periodRows}), ${entries}, per_stage as (
      select e.stage_id, count(*)::int as entered, avg(e.days) as average_days, avg(case when e.converted then 1.0 else 0.0 end) as conversion
      from entries e group by e.stage_id
    ), pairs as (
      select x.from_stage_id, x.to_stage_id, count(*)::int as n from period_rows x where x.from_stage_id is not null group by 1, 2
    ), exits as (
      select x.from_stage_id as stage_id, sum(x.n)::int as exited from pairs x where x.from_stage_id in (select id from st) group by 1
    ), moves as (
      select coalesce(sum(m.n) filter (where t.display_order > f.display_order), 0)::int as forward, coalesce(sum(m.n) filter (where t.display_order < f.display_order), 0)::int as backward
      from pairs m join st f on f.id = m.from_stage_id join st t on t.id = m.to_stage_id
    )
    select s.id as stage_id, s.name, s.display_order, s.stage_state, s.next_id,
      coalesce(p.entered, 0) as entered, coalesce(x.exited, 0) as exited, p.average_days, p.conversion,
      (select forward from moves) as forward, (select backward from moves) as backward
    from st s left join per_stage p on p.stage_id = s.id left join exits x on x.stage_id = s.id
    order by s.display_order`;
}

const days = (until: SQL) => sql`extract(epoch from greatest(least(coalesce(e.exited_at, ${until}), ${until}), e.changed_at) - e.changed_at) / 86400`;

/** From the stays: the period's stays of live records (an index-only range); exits are stored, conversions found among the period's rows. */
export function staysStageSql(ctes: SQL, o: Bounds & { until: SQL }): SQL {
  const periodRows = sql`
    select s.entity_id, s.seq, s.entered_at as changed_at, s.exited_at, s.from_stage_id, s.stage_id as to_stage_id
    from ${analyticsStays} s
    where s.tenant_id = ${o.tenantId}::uuid and s.entity_type = ${o.kind} and s.pipeline_id in (select id from kin)
      and s.entered_at >= ${o.start} and s.entered_at < ${o.end} and s.record_deleted_at is null`;
  // converted: the record's last entry (in the period) into the stage after this one comes after this entry
  const entries = sql`last_entry as (
      select e.entity_id, e.to_stage_id, max(e.seq) as seq from period_rows e group by 1, 2
    ), entries as (
      select e.to_stage_id as stage_id, ${days(o.until)} as days, coalesce(l.seq > e.seq, false) as converted
      from period_rows e join st s on s.id = e.to_stage_id left join last_entry l on l.entity_id = e.entity_id and l.to_stage_id = s.next_id
    )`;
  return perStage(ctes, periodRows, entries);
}

/** From stage history (raw): the period's rows of live records (any pipeline of the type: a move between pipelines leaves one stage and enters another). */
export function historyStageSql(ctes: SQL, o: Bounds & { r: ReturnType<typeof tableOf>; until: SQL }): SQL {
  const periodRows = sql`
    select h.entity_id, h.seq, h.changed_at, h.from_stage_id, h.to_stage_id
    from ${stageHistory} h join ${o.r} r on r.tenant_id = h.tenant_id and r.id = h.entity_id and r.deleted_at is null
    where h.tenant_id = ${o.tenantId}::uuid and h.entity_type = ${o.kind} and h.pipeline_id in (select id from kin)
      and h.changed_at >= ${o.start} and h.changed_at < ${o.end}`;
  const entries = sql`entries as (
      select e.to_stage_id as stage_id, ${days(o.until)} as days,
        s.next_id is not null and exists (
          select 1 from ${stageHistory} n
          where n.tenant_id = ${o.tenantId}::uuid and n.entity_type = ${o.kind} and n.entity_id = e.entity_id
            and n.seq > e.seq and n.changed_at < ${o.end} and n.to_stage_id = s.next_id
        ) as converted
      from (
        select p.*, (select n.changed_at from ${stageHistory} n
          where n.tenant_id = ${o.tenantId}::uuid and n.entity_type = ${o.kind} and n.entity_id = p.entity_id and n.seq > p.seq
          order by n.seq limit 1) as exited_at
        from period_rows p
      ) e join st s on s.id = e.to_stage_id
    )`;
  return perStage(ctes, periodRows, entries);
}

type CreatedOptions = Bounds & { pipelineId: string; r: ReturnType<typeof tableOf> };

/**
 * Records created in the period whose first stay is in this pipeline, plus those with no
 * history that are in it (a hashed anti-join with the period's first stays).
 */
export function staysCreatedSql(o: CreatedOptions): SQL {
  return sql`
    with firsts as (
      select s.entity_id, s.pipeline_id from ${analyticsStays} s
      where s.tenant_id = ${o.tenantId}::uuid and s.entity_type = ${o.kind} and s.is_first
        and s.record_created_at >= ${o.start} and s.record_created_at < ${o.end} and s.record_deleted_at is null
    )
    select (select count(*) from firsts f where f.pipeline_id = ${o.pipelineId}::uuid)::int + (
      select count(*) from ${o.r} r
      where r.tenant_id = ${o.tenantId}::uuid and r.deleted_at is null and r.created_at >= ${o.start} and r.created_at < ${o.end} and r.pipeline_id = ${o.pipelineId}::uuid
        and r.id not in (select f.entity_id from firsts f)
    )::int as n`;
}

/** Raw: each record created in the period, its first history row's pipeline (else its own). */
export function historyCreatedSql(o: CreatedOptions): SQL {
  return sql`
    select count(*)::int as n from ${o.r} r
    where r.tenant_id = ${o.tenantId}::uuid and r.deleted_at is null and r.created_at >= ${o.start} and r.created_at < ${o.end}
      and coalesce((select h.pipeline_id from ${stageHistory} h
        where h.tenant_id = ${o.tenantId}::uuid and h.entity_type = ${o.kind} and h.entity_id = r.id order by h.seq limit 1), r.pipeline_id) = ${o.pipelineId}::uuid`;
}
