// The set-based twin of rules.ts: one statement rescoring the live leads that `scope`
// selects, with the rule conditions compiled by lib/filters (the same semantics as the
// in-memory evaluator rules.ts uses) and each lead's activities counted in one grouped
// pass. Only leads whose score changes are written; the statement returns them.
import { sql, type SQL } from "drizzle-orm";
import { activities, leads } from "@/db/schema";
import { ACTIVITY_TYPES } from "@/db/schema/enums";
import { compileFilter, type FilterContext } from "@/lib/filters/compile";
import { decayCutoff, SCORE_MAX, SCORE_MIN, type ScoringConfig } from "./rules";

const plus = (parts: SQL[]) => (parts.length ? sql.join(parts, sql` + `) : sql`0`);

/** Σ points of the rules a row of `leads` matches. */
function rulePoints(config: ScoringConfig, ctx: FilterContext): SQL {
  return plus(config.rules.filter((r) => r.points !== 0).map((r) => sql`(case when ${compileFilter("LEAD", r.condition, ctx)} then ${r.points}::int else 0 end)`));
}

/** Σ activity points over a group of one lead's activities (rules.ts activityLinePoints, per type). */
function activityPoints(config: ScoringConfig, now: Date): SQL {
  const cutoff = decayCutoff(config.decayDays, now);
  const at = cutoff ? sql`${cutoff.toISOString()}::timestamptz` : null;
  const parts: SQL[] = [];
  for (const type of ACTIVITY_TYPES) {
    const p = config.activityPoints[type] ?? 0;
    if (!p) continue;
    const ofType = sql`${activities.activityType} = ${type}::activity_type`;
    if (!at) {
      parts.push(sql`${p}::int * count(*) filter (where ${ofType})`);
      continue;
    }
    parts.push(sql`${p}::int * count(*) filter (where ${ofType} and ${activities.activityAt} >= ${at})`);
    parts.push(sql`trunc(${p}::int * count(*) filter (where ${ofType} and ${activities.activityAt} < ${at}) / 2.0)`);
  }
  return plus(parts);
}

export interface RescoredRow extends Record<string, unknown> {
  id: string;
  old: number;
  score: number;
}

/**
 * UPDATE of the live leads of the tenant matching `scope` (a condition on `leads`), to
 * their score under `config`; returns { id, old, score } of those that changed.
 * `ctx.userId` should be null: "me" matches nobody in scoring rules.
 */
export function rescoreStatement(config: ScoringConfig, ctx: FilterContext & { now: Date }, scope: SQL): SQL {
  const t = leads;
  const hasActivityPoints = ACTIVITY_TYPES.some((type) => !!config.activityPoints[type]);
  const act = hasActivityPoints
    ? sql`select ${activities.recordId} as lead_id, ${activityPoints(config, ctx.now)} as pts
        from ${activities}
        where ${activities.tenantId} = ${ctx.tenantId}::uuid and ${activities.recordType} = 'LEAD' and ${activities.deletedAt} is null
          and ${activities.recordId} in (select id from target)
        group by ${activities.recordId}`
    : sql`select null::uuid as lead_id, 0 as pts where false`;
  return sql`
    with target as (
      select ${t.id} as id, ${t.score} as old, ${rulePoints(config, ctx)} as rule_points
      from ${t}
      where ${t.tenantId} = ${ctx.tenantId}::uuid and ${t.deletedAt} is null and ${scope}
    ), act as (${act}), scored as (
      select target.id, target.old, least(${SCORE_MAX}, greatest(${SCORE_MIN}, target.rule_points + coalesce(act.pts, 0)))::int as score
      from target left join act on act.lead_id = target.id
    )
    update ${t} set score = scored.score
    from scored
    where ${t.tenantId} = ${ctx.tenantId}::uuid and ${t.id} = scored.id and scored.score <> scored.old
    returning ${t.id} as id, scored.old as old, scored.score as score`;
}
