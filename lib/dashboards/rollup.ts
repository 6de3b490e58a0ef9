// Activity widgets from the daily counts (analytics_activity_days, migration
// analytics_aggregates): a count of activities with no filter, grouped by type, who logged
// them, their group and/or the activity date (any bucket), over a period of the activity
// date — the shapes the rollup's keys answer exactly. The counts are per day of the
// workspace's zone, as the raw query buckets and bounds them, so the answer is the same
// (lib/analytics/aggregates.test.ts). Anything else — a filter, another measure, field or
// group-by — and any viewer whose access scope is not every record (an activity is seen
// through its record, which the daily counts cannot tell) runs the raw query.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { analyticsActivityDays } from "@/db/schema";
import type { Tx } from "@/lib/tenancy/with-tenant";
import type { GroupBy, WidgetQuery } from "./schemas";

const d = analyticsActivityDays;

/** The rollup's key for a group-by, or null when it has none. */
function rollupKey(g: GroupBy): SQL | null {
  switch (g.by) {
    case "activityType":
      return sql`${d.activityType}::text`;
    case "owner":
      return sql`${d.createdByUserId}::text`;
    case "group":
      return sql`${d.assignedGroupId}::text`;
    case "date":
      return g.field === "activityAt" ? sql`to_char(date_trunc(${g.bucket ?? "month"}::text, ${d.day}::timestamp), 'YYYY-MM-DD')` : null;
    default:
      return null;
  }
}

/** Whether the daily counts answer this query (its shape only; the viewer's scope is checked by rollupAllowed). */
export function rollupAnswers(q: WidgetQuery): boolean {
  const noFilter = !q.filter || ("all" in q.filter && q.filter.all.length === 0);
  return q.recordType === "activities" && noFilter && q.measure.fn === "count" && (!q.period || q.period.field === "activityAt") && q.groupBy.every((g) => rollupKey(g) !== null);
}

/** Whether the viewer sees every record (so every activity): the daily counts are theirs. */
export async function rollupAllowed(tx: Tx): Promise<boolean> {
  const [r] = await tx.execute<{ all: boolean }>(sql`select 'ACTIVITY'::crm_record_type = any(access_all_types(false)) as all`);
  return r?.all === true;
}

/** The `agg` body (k1, k2, v) from the daily counts: the same rows as the raw aggregate. */
export function rollupAggregate(q: WidgetQuery, tenantId: string, period: { from: string; toExclusive: string } | null): SQL {
  const keys = q.groupBy.map((g) => rollupKey(g)!);
  const where: SQL[] = [sql`${d.tenantId} = ${tenantId}::uuid`, sql`${d.n} <> 0`];
  if (period) where.push(sql`${d.day} >= ${period.from}::date and ${d.day} < ${period.toExclusive}::date`);
  const groupBy = keys.length === 2 ? sql`group by 1, 2` : keys.length === 1 ? sql`group by 1` : sql``;
  // a count with no group-by is one row, 0 when nothing matched (as count(*) is)
  return sql`select ${keys[0] ?? sql`null::text`} as k1, ${keys[1] ?? sql`null::text`} as k2, coalesce(sum(${d.n}), 0) as v
    from ${d} where ${sql.join(where, sql` and `)} ${groupBy}`;
}
