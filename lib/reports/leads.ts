// The leads report of /reports (issue 16, item 6), computed from the lead rows and their
// activities (no counters): over the leads created in the period, per source — counts by
// status, conversions and conversion rate, time to first contact (the first call, email
// or meeting logged on the lead at or after its creation) and to conversion — and the
// distribution of their scores. Read in the actor's access scope (RLS), like every report.
import "server-only";
import { sql } from "drizzle-orm";
import { activities, leads } from "@/db/schema";
import { LEAD_STATUSES } from "@/db/schema/enums";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";

export type LeadStatus = (typeof LEAD_STATUSES)[number];

export interface LeadSourceRow {
  /** null: the leads without a source (and the total row is `total: true`). */
  source: string | null;
  total: boolean;
  leads: number;
  byStatus: Record<LeadStatus, number>;
  converted: number;
  /** converted / leads, null when there are none. */
  conversionRate: number | null;
  contacted: number;
  medianHoursToFirstContact: number | null;
  averageHoursToFirstContact: number | null;
  medianDaysToConversion: number | null;
  averageDaysToConversion: number | null;
}

export interface ScoreBucket {
  /** "0–9", …, "90–100". */
  label: string;
  from: number;
  to: number;
  leads: number;
}

export interface LeadsReport {
  sources: LeadSourceRow[];
  scores: ScoreBucket[];
}

const CONTACT_TYPES = sql`('CALL', 'EMAIL', 'MEETING')`;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function leadsReport(ctx: TenantContext, window: { from: Date; to: Date | null }): Promise<LeadsReport> {
  const l = leads;
  const a = activities;
  const inPeriod = sql`${l.tenantId} = ${ctx.tenantId}::uuid and ${l.deletedAt} is null and ${l.createdAt} >= ${window.from.toISOString()}::timestamptz ${window.to ? sql`and ${l.createdAt} < ${window.to.toISOString()}::timestamptz` : sql``}`;
  const statusCounts = sql.join(
    LEAD_STATUSES.map((s) => sql`count(*) filter (where p.status = ${s}::lead_status) as ${sql.identifier(`s_${s}`)}`),
    sql`, `,
  );
  return withTenant(ctx, async (tx) => {
    const rows = await tx.execute<Record<string, unknown>>(sql`
      with p as (
        select ${l.id} as id, nullif(trim(${l.source}), '') as source, ${l.status} as status, ${l.createdAt} as created_at,
          case when ${l.convertedAt} is not null then ${l.convertedAt} end as converted_at,
          (${l.convertedAt} is not null or ${l.status} = 'converted') as converted
        from ${l} where ${inPeriod}
      ), fc as (
        select ${a.recordId} as lead_id, min(${a.activityAt}) as first_at
        from ${a} join p on p.id = ${a.recordId}
        where ${a.tenantId} = ${ctx.tenantId}::uuid and ${a.recordType} = 'LEAD' and ${a.deletedAt} is null
          and ${a.activityType}::text in ${CONTACT_TYPES} and ${a.activityAt} >= p.created_at
        group by ${a.recordId}
      )
      select lower(p.source) as source_key, min(p.source) as source, grouping(lower(p.source)) = 1 as total, count(*)::int as leads, ${statusCounts},
        count(*) filter (where p.converted)::int as converted,
        count(fc.first_at)::int as contacted,
        percentile_cont(0.5) within group (order by extract(epoch from fc.first_at - p.created_at) / 3600) as median_hours,
        avg(extract(epoch from fc.first_at - p.created_at) / 3600) as average_hours,
        percentile_cont(0.5) within group (order by extract(epoch from p.converted_at - p.created_at) / 86400) as median_days,
        avg(extract(epoch from p.converted_at - p.created_at) / 86400) as average_days
      from p left join fc on fc.lead_id = p.id
      group by grouping sets ((lower(p.source)), ())
      order by grouping(lower(p.source)), count(*) desc, lower(p.source) nulls last`);
    const sources = [...rows].map((r): LeadSourceRow => {
      const leadsN = Number(r.leads);
      const converted = Number(r.converted);
      return {
        source: r.total ? null : ((r.source as string | null) ?? null),
        total: r.total === true,
        leads: leadsN,
        byStatus: Object.fromEntries(LEAD_STATUSES.map((s) => [s, Number(r[`s_${s}`])])) as Record<LeadStatus, number>,
        converted,
        conversionRate: leadsN ? converted / leadsN : null,
        contacted: Number(r.contacted),
        medianHoursToFirstContact: num(r.median_hours),
        averageHoursToFirstContact: num(r.average_hours),
        medianDaysToConversion: num(r.median_days),
        averageDaysToConversion: num(r.average_days),
      };
    });
    const buckets = await tx.execute<{ bucket: number; n: number }>(sql`
      select least(${l.score} / 10, 9)::int as bucket, count(*)::int as n from ${l} where ${inPeriod} group by 1`);
    const byBucket = new Map([...buckets].map((b) => [Number(b.bucket), Number(b.n)]));
    const scores = Array.from({ length: 10 }, (_, i) => ({ label: i === 9 ? "90–100" : `${i * 10}–${i * 10 + 9}`, from: i * 10, to: i === 9 ? 100 : i * 10 + 9, leads: byBucket.get(i) ?? 0 }));
    // the total row comes first from SQL; show it last, under the sources
    return { sources: [...sources.filter((s) => !s.total), ...sources.filter((s) => s.total)], scores };
  });
}
