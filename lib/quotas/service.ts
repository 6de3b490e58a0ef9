// Sales quotas (issue 18; API.md "Analytics"): targets of a user or a group for a month,
// quarter or year, and their attainment computed from deals, stage history and activities
// (no counters). Admins and managers set quotas; every member reads them. Attainment is
// read in the reader's access scope (RLS), like every report.
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { activities, deals, pipelineStages, quotas, tenantGroupMembers, type Quota } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { isFkViolation, notFound, validationError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { loadWorkspace } from "@/lib/workspace/service";
import { zonedDayStart } from "@/lib/workspace/zone";
import { hasOneTarget, periodEndDay, quotaCreateSchema, quotaPatchSchema, type QuotaCreateInput, type QuotaPatchInput } from "./schemas";

export interface QuotaJson {
  id: string;
  userId: string | null;
  groupId: string | null;
  period: Quota["period"];
  start: string;
  /** The last day of the period (inclusive). */
  end: string;
  revenueTarget: string | null;
  dealsTarget: number | null;
  callsTarget: number | null;
  meetingsTarget: number | null;
  dealTypes: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Attainment {
  revenueWon: string;
  dealsWon: number;
  calls: number;
  meetings: number;
  committed: string;
}

function toJson(q: Quota): QuotaJson {
  const endExclusive = periodEndDay(q.start, q.period);
  const end = new Date(`${endExclusive}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return {
    id: q.id,
    userId: q.userId,
    groupId: q.groupId,
    period: q.period,
    start: q.start,
    end: end.toISOString().slice(0, 10),
    revenueTarget: q.revenueTarget,
    dealsTarget: q.dealsTarget,
    callsTarget: q.callsTarget,
    meetingsTarget: q.meetingsTarget,
    dealTypes: q.dealTypes,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
  };
}

/** A user or group of another tenant (or none) is a 422 naming the field. */
function badTarget(err: unknown): never {
  if (isFkViolation(err, "quotas_user_fk")) throw validationError([{ path: "userId", message: "is not a member of this workspace" }]);
  if (isFkViolation(err, "quotas_group_fk")) throw validationError([{ path: "groupId", message: "is not a group of this workspace" }]);
  throw err;
}

export async function listQuotas(ctx: TenantContext, filter: { userId?: string; groupId?: string } = {}): Promise<QuotaJson[]> {
  assertCan(ctx.actor.role, "users.read");
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select()
      .from(quotas)
      .where(and(eq(quotas.tenantId, ctx.tenantId), filter.userId ? eq(quotas.userId, filter.userId) : undefined, filter.groupId ? eq(quotas.groupId, filter.groupId) : undefined))
      .orderBy(asc(quotas.start), asc(quotas.createdAt)),
  );
  return rows.map(toJson);
}

async function loadQuota(ctx: TenantContext, id: string): Promise<Quota> {
  if (!isUuid(id)) throw notFound("Quota");
  const [row] = await withTenant(ctx, (tx) => tx.select().from(quotas).where(and(eq(quotas.tenantId, ctx.tenantId), eq(quotas.id, id))));
  if (!row) throw notFound("Quota");
  return row;
}

export async function getQuota(ctx: TenantContext, id: string): Promise<QuotaJson> {
  assertCan(ctx.actor.role, "users.read");
  return toJson(await loadQuota(ctx, id));
}

export async function createQuota(ctx: TenantContext, input: QuotaCreateInput | unknown): Promise<QuotaJson> {
  assertCan(ctx.actor.role, "quotas.manage");
  const data = quotaCreateSchema.parse(input);
  const [row] = await withTenant(ctx, (tx) =>
    tx
      .insert(quotas)
      .values({ ...data, tenantId: ctx.tenantId, userId: data.userId ?? null, groupId: data.groupId ?? null, dealTypes: data.dealTypes ?? [], createdByUserId: ctx.actor.userId })
      .returning(),
  ).catch(badTarget);
  return toJson(row!);
}

export async function updateQuota(ctx: TenantContext, id: string, input: QuotaPatchInput | unknown): Promise<QuotaJson> {
  assertCan(ctx.actor.role, "quotas.manage");
  const patch = quotaPatchSchema.parse(input);
  const before = await loadQuota(ctx, id);
  const merged = { userId: patch.userId !== undefined ? patch.userId : before.userId, groupId: patch.groupId !== undefined ? patch.groupId : before.groupId };
  if (!hasOneTarget(merged)) throw validationError([{ path: "userId", message: "set exactly one of userId and groupId" }]);
  const [row] = await withTenant(ctx, (tx) =>
    tx
      .update(quotas)
      .set({ ...patch, ...merged, updatedAt: sql`now()` })
      .where(and(eq(quotas.tenantId, ctx.tenantId), eq(quotas.id, id)))
      .returning(),
  ).catch(badTarget);
  if (!row) throw notFound("Quota");
  return toJson(row);
}

export async function deleteQuota(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx.actor.role, "quotas.manage");
  if (!isUuid(id)) throw notFound("Quota");
  const gone = await withTenant(ctx, (tx) => tx.delete(quotas).where(and(eq(quotas.tenantId, ctx.tenantId), eq(quotas.id, id))).returning({ id: quotas.id }));
  if (!gone.length) throw notFound("Quota");
}

/**
 * What the quota's owner achieved in its period (whole days in the workspace's time zone):
 * won deals — in a DONE_SUCCESS stage now, entered in the period (a deal reopened since
 * counts no more) — owned by the user (for a group: by the group or any member), of
 * `dealTypes` when given; CALL and MEETING activities they created with `activityAt` in the
 * period; committed = Σ amount × forecast probability of their open deals closing in it.
 */
export async function quotaAttainment(ctx: TenantContext, id: string): Promise<Attainment> {
  assertCan(ctx.actor.role, "users.read");
  const q = await loadQuota(ctx, id);
  return withTenant(ctx, async (tx) => {
    const { timeZone } = await loadWorkspace(tx, ctx.tenantId);
    const endDay = periodEndDay(q.start, q.period);
    const from = zonedDayStart(q.start, timeZone).toISOString();
    const to = zonedDayStart(endDay, timeZone).toISOString();
    const members = q.groupId
      ? sql`(select m.user_id from ${tenantGroupMembers} m where m.tenant_id = ${ctx.tenantId}::uuid and m.group_id = ${q.groupId}::uuid)`
      : sql`(select ${q.userId}::uuid)`;
    const owned = q.groupId ? sql`(d.owned_by_group_id = ${q.groupId}::uuid or d.owned_by_user_id in ${members})` : sql`d.owned_by_user_id = ${q.userId}::uuid`;
    const types = q.dealTypes.length ? sql`and d.deal_type = any(${sql.param(q.dealTypes)}::deal_type[])` : sql``;
    const [won] = await tx.execute<{ revenue: string; n: number; committed: string }>(sql`
      select coalesce(sum(d.amount) filter (where s.stage_state = 'DONE_SUCCESS' and d.stage_entered_at >= ${from}::timestamptz and d.stage_entered_at < ${to}::timestamptz ${types}), 0)::numeric(18,2)::text as revenue,
        (count(*) filter (where s.stage_state = 'DONE_SUCCESS' and d.stage_entered_at >= ${from}::timestamptz and d.stage_entered_at < ${to}::timestamptz ${types}))::int as n,
        coalesce(sum(d.amount * coalesce(d.forecast_probability, s.probability)) filter (
          where s.stage_state in ('NOT_STARTED', 'IN_PROGRESS') and d.close_date >= ${q.start}::date and d.close_date < ${endDay}::date), 0)::numeric(18,2)::text as committed
      from ${deals} d join ${pipelineStages} s on s.tenant_id = d.tenant_id and s.id = d.stage_id
      where d.tenant_id = ${ctx.tenantId}::uuid and d.deleted_at is null and ${owned}`);
    const [acts] = await tx.execute<{ calls: number; meetings: number }>(sql`
      select count(*) filter (where a.activity_type = 'CALL')::int as calls, count(*) filter (where a.activity_type = 'MEETING')::int as meetings
      from ${activities} a
      where a.tenant_id = ${ctx.tenantId}::uuid and a.deleted_at is null and a.activity_type in ('CALL', 'MEETING')
        and a.created_by_user_id in ${members} and a.activity_at >= ${from}::timestamptz and a.activity_at < ${to}::timestamptz`);
    return { revenueWon: won!.revenue, dealsWon: Number(won!.n), calls: Number(acts!.calls), meetings: Number(acts!.meetings), committed: won!.committed };
  });
}
