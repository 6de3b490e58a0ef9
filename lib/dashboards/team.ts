// The Team page and the quota widget (issue 18): each rep's quota attainment in the current
// period with a pace line, and rep performance over a period (activities by type, deals
// created / won / lost, win rate, cycle time, leads converted). Read in the viewer's access
// scope (RLS in withTenant): a rep who sees only their own records sees only their figures.
// Periods are whole days of the workspace's time zone. Definitions (per rep, period [start, end)):
// - activities: those they logged (created_by_user_id) with activity_at in the period, by type;
// - deals created: owned by them, created in the period; won / lost: owned by them, status
//   won / lost with closed_at in the period; win rate = won / (won + lost); cycle: mean days
//   from creation to closed_at of the won ones; won value: Σ amount of the won ones;
// - leads converted: owned by them, converted_at in the period.
import "server-only";
import { sql } from "drizzle-orm";
import { activities, ACTIVITY_TYPES, deals, leads, tenantGroupMembers, tenantUsers, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { listQuotas, quotaAttainment } from "@/lib/quotas/service";
import { periodEndDay } from "@/lib/quotas/schemas";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { daysBetween } from "@/lib/analytics/period";
import { shiftDay } from "@/lib/days";
import { loadWorkspace } from "@/lib/workspace/service";
import { zonedDayOf, zonedDayStart } from "@/lib/workspace/zone";
import { presetDays, type PeriodPreset } from "./schemas";

export interface RepAttainment {
  quotaId: string;
  userId: string;
  name: string;
  period: "MONTH" | "QUARTER" | "YEAR";
  start: string;
  /** Last day, inclusive. */
  end: string;
  revenueTarget: number | null;
  won: number;
  committed: number;
  /** target − won, at least 0 (null without a revenue target). */
  gap: number | null;
  /** Where the rep should be today: target × the share of the period's days gone (today included). */
  pace: number | null;
  /** won / target. */
  attainment: number | null;
  dealsTarget: number | null;
  dealsWon: number;
}

export interface TeamAttainment {
  today: string;
  timeZone: string;
  currency: string;
  reps: RepAttainment[];
}

/** Each member's quota that covers today (the shortest period first: month, then quarter, then year). */
export async function teamAttainment(ctx: TenantContext, now: Date = new Date()): Promise<TeamAttainment> {
  assertCan(ctx.actor.role, "users.read");
  const [ws, members] = await withTenant(ctx, async (tx) => {
    const w = await loadWorkspace(tx, ctx.tenantId);
    const m = await tx.execute<{ user_id: string; name: string }>(sql`select tu.user_id, u.name from ${tenantUsers} tu join ${users} u on u.id = tu.user_id where tu.tenant_id = ${ctx.tenantId}::uuid`);
    return [w, new Map(m.map((r) => [r.user_id, r.name]))] as const;
  });
  const today = zonedDayOf(now, ws.timeZone);
  const rank = { MONTH: 0, QUARTER: 1, YEAR: 2 } as const;
  const current = (await listQuotas(ctx))
    .filter((q) => q.userId && q.start <= today && today <= q.end)
    .sort((a, b) => rank[a.period] - rank[b.period]);
  const seen = new Set<string>();
  const picked = current.filter((q) => !seen.has(q.userId!) && seen.add(q.userId!));
  const reps = await Promise.all(
    picked.map(async (q): Promise<RepAttainment> => {
      const a = await quotaAttainment(ctx, q.id);
      const target = q.revenueTarget === null ? null : Number(q.revenueTarget);
      const won = Number(a.revenueWon);
      const total = daysBetween(q.start, periodEndDay(q.start, q.period));
      const gone = Math.min(total, daysBetween(q.start, today) + 1);
      return {
        quotaId: q.id,
        userId: q.userId!,
        name: members.get(q.userId!) ?? "Former member",
        period: q.period,
        start: q.start,
        end: q.end,
        revenueTarget: target,
        won,
        committed: Number(a.committed),
        gap: target === null ? null : Math.max(0, Math.round((target - won) * 100) / 100),
        pace: target === null ? null : Math.round(((target * gone) / total) * 100) / 100,
        attainment: target ? won / target : null,
        dealsTarget: q.dealsTarget,
        dealsWon: a.dealsWon,
      };
    }),
  );
  reps.sort((a, b) => a.name.localeCompare(b.name));
  return { today, timeZone: ws.timeZone, currency: ws.currency, reps };
}

export interface RepPerformance {
  userId: string;
  name: string;
  activities: Record<(typeof ACTIVITY_TYPES)[number], number>;
  activitiesTotal: number;
  dealsCreated: number;
  dealsWon: number;
  dealsLost: number;
  wonValue: number;
  winRate: number | null;
  averageCycleDays: number | null;
  leadsConverted: number;
}

export interface PerformanceReport {
  from: string;
  /** Last day, inclusive. */
  to: string;
  timeZone: string;
  currency: string;
  reps: RepPerformance[];
}

/** Rep performance over a preset period (or from..to, inclusive days), optionally of one group's members. */
export async function repPerformance(ctx: TenantContext, opts: { preset?: PeriodPreset; from?: string; to?: string; groupId?: string | null } = {}, now: Date = new Date()): Promise<PerformanceReport> {
  assertCan(ctx.actor.role, "users.read");
  return withTenant(ctx, async (tx) => {
    const ws = await loadWorkspace(tx, ctx.tenantId);
    const tz = ws.timeZone;
    const today = zonedDayOf(now, tz);
    const days = opts.from && opts.to ? { from: opts.from, toExclusive: shift(opts.to) } : presetDays(opts.preset ?? "thisMonth", today);
    const start = zonedDayStart(days.from, tz).toISOString();
    const end = zonedDayStart(days.toExclusive, tz).toISOString();
    const t = ctx.tenantId;
    const inGroup = opts.groupId ? sql`and tu.user_id in (select m.user_id from ${tenantGroupMembers} m where m.tenant_id = ${t}::uuid and m.group_id = ${opts.groupId}::uuid)` : sql``;
    const rows = await tx.execute<Record<string, unknown>>(sql`
      with acts as (
        select a.created_by_user_id as uid, a.activity_type::text as type, count(*)::int as n
        from ${activities} a
        where a.tenant_id = ${t}::uuid and a.deleted_at is null and a.activity_at >= ${start}::timestamptz and a.activity_at < ${end}::timestamptz
        group by 1, 2
      ), d as (
        select d.owned_by_user_id as uid,
          count(*) filter (where d.created_at >= ${start}::timestamptz and d.created_at < ${end}::timestamptz)::int as created,
          count(*) filter (where d.status = 'won' and d.closed_at >= ${start}::timestamptz and d.closed_at < ${end}::timestamptz)::int as won,
          count(*) filter (where d.status = 'lost' and d.closed_at >= ${start}::timestamptz and d.closed_at < ${end}::timestamptz)::int as lost,
          coalesce(sum(d.amount) filter (where d.status = 'won' and d.closed_at >= ${start}::timestamptz and d.closed_at < ${end}::timestamptz), 0)::float8 as won_value,
          avg(extract(epoch from d.closed_at - d.created_at) / 86400) filter (where d.status = 'won' and d.closed_at >= ${start}::timestamptz and d.closed_at < ${end}::timestamptz)::float8 as cycle
        from ${deals} d
        where d.tenant_id = ${t}::uuid and d.deleted_at is null
          and ((d.created_at >= ${start}::timestamptz and d.created_at < ${end}::timestamptz) or (d.closed_at >= ${start}::timestamptz and d.closed_at < ${end}::timestamptz))
        group by 1
      ), l as (
        select l.owned_by_user_id as uid, count(*)::int as converted
        from ${leads} l
        where l.tenant_id = ${t}::uuid and l.deleted_at is null and l.converted_at >= ${start}::timestamptz and l.converted_at < ${end}::timestamptz
        group by 1
      )
      select tu.user_id, u.name,
        coalesce((select jsonb_object_agg(acts.type, acts.n) from acts where acts.uid = tu.user_id), '{}'::jsonb) as acts,
        coalesce(d.created, 0) as created, coalesce(d.won, 0) as won, coalesce(d.lost, 0) as lost, coalesce(d.won_value, 0) as won_value, d.cycle,
        coalesce(l.converted, 0) as converted
      from ${tenantUsers} tu join ${users} u on u.id = tu.user_id
        left join d on d.uid = tu.user_id left join l on l.uid = tu.user_id
      where tu.tenant_id = ${t}::uuid and (tu.is_active or d.uid is not null or l.uid is not null or exists (select 1 from acts where acts.uid = tu.user_id)) ${inGroup}
      order by lower(u.name), tu.user_id`);
    const reps = rows.map((r): RepPerformance => {
      const acts = r.acts as Record<string, number>;
      const activitiesByType = Object.fromEntries(ACTIVITY_TYPES.map((k) => [k, Number(acts[k] ?? 0)])) as RepPerformance["activities"];
      const won = Number(r.won);
      const lost = Number(r.lost);
      return {
        userId: String(r.user_id),
        name: String(r.name),
        activities: activitiesByType,
        activitiesTotal: Object.values(activitiesByType).reduce((a, b) => a + b, 0),
        dealsCreated: Number(r.created),
        dealsWon: won,
        dealsLost: lost,
        wonValue: Math.round(Number(r.won_value) * 100) / 100,
        winRate: won + lost ? won / (won + lost) : null,
        averageCycleDays: r.cycle === null || r.cycle === undefined ? null : Math.round(Number(r.cycle) * 10) / 10,
        leadsConverted: Number(r.converted),
      };
    });
    return { from: days.from, to: shift(days.toExclusive, -1), timeZone: tz, currency: ws.currency, reps };
  });
}

const shift = (day: string, by = 1) => shiftDay(day, by);
