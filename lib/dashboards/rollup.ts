// Widgets answered from counts kept by the writers' triggers instead of the records
// themselves — the shapes whose keys the counts hold exactly, so the answer is the same as
// the raw aggregate's (lib/analytics/aggregates.test.ts compares them):
// - activities: the daily counts (analytics_activity_days, migration analytics_aggregates):
//   a count with no filter, grouped by type, who logged them, their group and/or the
//   activity date (any bucket), over a period of the activity date. The counts are per day
//   of the workspace's zone, as the raw query buckets and bounds them. Only for a viewer
//   whose access scope is every record (an activity is seen through its record, which the
//   daily counts cannot tell); anyone else runs the raw query.
// - contacts, companies, leads and deals: the live records per owner, group, assignee and
//   tag (analytics_record_counts, migration analytics_record_counts): a count with no filter
//   and no period, grouped by owner, group and/or tag. Their rows are changes by key, summed
//   here. Their key holds every column of the records' access policy, and their read policy
//   is the records', so any viewer's sum is over exactly the records they may see.
// Anything else — a filter, another measure, field or group-by — runs the raw query.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { analyticsActivityDays, analyticsRecordCounts } from "@/db/schema";
import type { Tx } from "@/lib/tenancy/with-tenant";
import type { GroupBy, WidgetQuery, WidgetRecordType } from "./schemas";

const d = analyticsActivityDays;
const rc = analyticsRecordCounts;

const COUNTED: Partial<Record<WidgetRecordType, "CONTACT" | "COMPANY" | "LEAD" | "DEAL">> = { contacts: "CONTACT", companies: "COMPANY", leads: "LEAD", deals: "DEAL" };

export type Rollup = "activities" | "records";

/** The activity counts' key for a group-by, or null when they have none. */
function activityKey(g: GroupBy): SQL | null {
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

/** The record counts' key for a group-by, or null when they have none. */
function recordKey(g: GroupBy): SQL | null {
  switch (g.by) {
    case "owner":
      return sql`${rc.ownedByUserId}::text`;
    case "group":
      return sql`${rc.ownedByGroupId}::text`;
    case "tag":
      return sql`${rc.tag}`;
    default:
      return null;
  }
}

const noFilter = (q: WidgetQuery) => !q.filter || ("all" in q.filter && q.filter.all.length === 0);

/** Which counts answer this query (its shape only; for activities the viewer's scope is checked by rollupAllowed), or null. */
export function rollupAnswers(q: WidgetQuery): Rollup | null {
  if (!noFilter(q) || q.measure.fn !== "count") return null;
  if (q.recordType === "activities") return (!q.period || q.period.field === "activityAt") && q.groupBy.every((g) => activityKey(g) !== null) ? "activities" : null;
  return COUNTED[q.recordType] && !q.period && q.groupBy.every((g) => recordKey(g) !== null) ? "records" : null;
}

/** Whether the viewer may read this rollup: the activity counts only when they see every record (so every activity). */
export async function rollupAllowed(tx: Tx, rollup: Rollup): Promise<boolean> {
  if (rollup === "records") return true; // the counts' own read policy is the records'
  const [r] = await tx.execute<{ all: boolean }>(sql`select 'ACTIVITY'::crm_record_type = any(access_all_types(false)) as all`);
  return r?.all === true;
}

/** The `agg` body (k1, k2, v) from the counts: the same rows as the raw aggregate. */
export function rollupAggregate(q: WidgetQuery, tenantId: string, period: { from: string; toExclusive: string } | null): SQL {
  const records = rollupAnswers(q) === "records";
  const keys = q.groupBy.map((g) => (records ? recordKey(g) : activityKey(g))!);
  const n = records ? rc.n : d.n;
  const where: SQL[] = records
    ? [sql`${rc.tenantId} = ${tenantId}::uuid`, sql`${rc.recordType} = ${COUNTED[q.recordType]!}::crm_record_type`, sql`${rc.tagged} = ${q.groupBy.some((g) => g.by === "tag")}`]
    : [sql`${d.tenantId} = ${tenantId}::uuid`, sql`${d.n} <> 0`];
  if (period && !records) where.push(sql`${d.day} >= ${period.from}::date and ${d.day} < ${period.toExclusive}::date`);
  // the record counts are changes summed by key: a group whose records are all gone sums to 0
  const groupBy = keys.length === 0 ? sql`` : sql`group by ${sql.raw(keys.length === 2 ? "1, 2" : "1")} having sum(${n}) <> 0`;
  // a count with no group-by is one row, 0 when nothing matched (as count(*) is)
  return sql`select ${keys[0] ?? sql`null::text`} as k1, ${keys[1] ?? sql`null::text`} as k2, coalesce(sum(${n}), 0) as v
    from ${records ? rc : d} where ${sql.join(where, sql` and `)} ${groupBy}`;
}
