// Reads for activities: a record's activities, one activity, and "my tasks". Server-only.
import "server-only";
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { activities, tenantGroupMembers, tenantGroups, users, type Activity } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { decodeTimeCursor, encodeTimeCursor, microsOf, olderThan } from "@/lib/timeline/keyset";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { shownActivities } from "@/lib/email/visibility";
import { bucketTasks, type TaskBuckets } from "./buckets";
import { loadRecordRef } from "./record-ref";
import type { ActivityRecordType, ActivityType } from "./schemas";

/** The REST shape of an activity (no tenant id, no trash marker). */
export function activityJson(a: Activity) {
  return {
    id: a.id,
    activityType: a.activityType,
    subject: a.subject,
    body: a.body,
    recordType: a.recordType,
    recordId: a.recordId,
    activityAt: a.activityAt,
    dueAt: a.dueAt,
    reminderAt: a.reminderAt,
    completedAt: a.completedAt,
    completedByUserId: a.completedByUserId,
    priority: a.priority,
    outcome: a.outcome,
    durationSeconds: a.durationSeconds,
    direction: a.direction,
    meetingLocation: a.meetingLocation,
    meetingAttendees: a.meetingAttendees,
    pinnedAt: a.pinnedAt,
    recurrenceRule: a.recurrenceRule,
    parentActivityId: a.parentActivityId,
    assignedUserId: a.assignedUserId,
    assignedGroupId: a.assignedGroupId,
    createdByUserId: a.createdByUserId,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
export type ActivityJson = ReturnType<typeof activityJson>;

export async function getActivity(ctx: TenantContext, id: string): Promise<Activity> {
  if (!isUuid(id)) throw notFound("Activity");
  const [row] = await withTenant(ctx, async (tx) =>
    shownActivities(
      tx,
      ctx.tenantId,
      ctx.actor.userId,
      await tx
        .select()
        .from(activities)
        .where(and(eq(activities.tenantId, ctx.tenantId), eq(activities.id, id), isNull(activities.deletedAt))),
    ),
  );
  if (!row) throw notFound("Activity");
  return row;
}

export interface ActivityPage {
  data: Activity[];
  nextCursor: string | null;
}

/** A record's activities, newest first (activityAt, then id), keyset-paginated. 404 for a record not in this tenant. */
export async function listActivities(
  ctx: TenantContext,
  recordType: ActivityRecordType,
  recordId: string,
  opts: { activityType?: ActivityType; limit?: number; cursor?: string | null } = {},
): Promise<ActivityPage> {
  const limit = opts.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError("bad-request", "limit must be an integer from 1 to 200");
  return withTenant(ctx, async (tx) => {
    await loadRecordRef(tx, ctx.tenantId, recordType, recordId);
    const conditions: (SQL | undefined)[] = [
      eq(activities.tenantId, ctx.tenantId),
      eq(activities.recordType, recordType),
      eq(activities.recordId, recordId),
      isNull(activities.deletedAt),
      opts.activityType ? eq(activities.activityType, opts.activityType) : undefined,
    ];
    if (opts.cursor) conditions.push(olderThan(activities.activityAt, activities.id, decodeTimeCursor(opts.cursor)));
    const rows = await tx
      .select({ activity: activities, micros: microsOf(activities.activityAt) })
      .from(activities)
      .where(and(...conditions))
      // (type, record, time desc nulls last) is the index order: see lib/timeline/queries.ts on RLS and enums
      .orderBy(activities.recordType, activities.recordId, sql`${activities.activityAt} desc nulls last`, desc(activities.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const data = await shownActivities(tx, ctx.tenantId, ctx.actor.userId, page.map((r) => r.activity));
    return { data, nextCursor: rows.length > limit && last ? encodeTimeCursor({ micros: last.micros, id: last.activity.id }) : null };
  });
}

export interface TaskItem {
  id: string;
  subject: string;
  body: string | null;
  dueAt: Date | null;
  reminderAt: Date | null;
  priority: Activity["priority"];
  recurrenceRule: string | null;
  recordType: RecordKind | null;
  recordId: string | null;
  /** Null when the record is gone (in the trash). */
  recordTitle: string | null;
  assignedUserId: string | null;
  assignedUserName: string | null;
  assignedGroupId: string | null;
  assignedGroupName: string | null;
}

/** Titles of the records the tasks hang on, one query per record type. */
async function recordTitles(tx: Tx, tenantId: string, refs: { recordType: string | null; recordId: string | null }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const byKind = new Map<RecordKind, string[]>();
  for (const r of refs) {
    if (!r.recordType || !r.recordId || !(r.recordType in RECORD_KINDS)) continue;
    const kind = r.recordType as RecordKind;
    byKind.set(kind, [...(byKind.get(kind) ?? []), r.recordId]);
  }
  for (const [kind, ids] of byKind) {
    const def = RECORD_KINDS[kind];
    const t = tableOf(def);
    const rows = (await tx
      .select()
      .from(t)
      .where(and(eq(t.tenantId, tenantId), inArray(t.id, [...new Set(ids)]), isNull(t.deletedAt)))) as Record<string, unknown>[];
    for (const row of rows) out.set(`${kind}:${String(row.id)}`, def.title(row));
  }
  return out;
}

/** Open tasks assigned to the user or to a group they belong to (My tasks, the nav's overdue count). */
function myOpenTasks(tx: Tx, tenantId: string, userId: string): SQL {
  const myGroups = tx
    .select({ groupId: tenantGroupMembers.groupId })
    .from(tenantGroupMembers)
    .where(and(eq(tenantGroupMembers.tenantId, tenantId), eq(tenantGroupMembers.userId, userId)));
  return and(
    eq(activities.tenantId, tenantId),
    eq(activities.activityType, "TASK"),
    isNull(activities.completedAt),
    isNull(activities.deletedAt),
    or(eq(activities.assignedUserId, userId), inArray(activities.assignedGroupId, myGroups)),
  )!;
}

/** How many of my open tasks are past due (0 for an API key, which has no tasks). */
export async function myOverdueTaskCount(ctx: TenantContext, now: Date = new Date()): Promise<number> {
  const userId = ctx.actor.userId;
  if (!userId) return 0;
  const [row] = await withTenant(ctx, (tx) =>
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(activities)
      .where(and(myOpenTasks(tx, ctx.tenantId, userId), sql`${activities.dueAt} < ${now.toISOString()}::timestamptz`)),
  );
  return row?.n ?? 0;
}

/** Open tasks assigned to me or to a group I belong to, as overdue / today / upcoming. */
export async function myTasks(ctx: TenantContext, opts: { now?: Date; endOfToday?: Date; limit?: number } = {}): Promise<TaskBuckets<TaskItem>> {
  const userId = ctx.actor.userId;
  if (!userId) throw new AppError("bad-request", "Tasks belong to a user: this needs a signed-in user, not an API key");
  const now = opts.now ?? new Date();
  const assignee = alias(users, "assignee");
  const items = await withTenant(ctx, async (tx) => {
    const rows = await tx
      .select({
        id: activities.id,
        subject: activities.subject,
        body: activities.body,
        dueAt: activities.dueAt,
        reminderAt: activities.reminderAt,
        priority: activities.priority,
        recurrenceRule: activities.recurrenceRule,
        recordType: activities.recordType,
        recordId: activities.recordId,
        assignedUserId: activities.assignedUserId,
        assignedUserName: assignee.name,
        assignedGroupId: activities.assignedGroupId,
        assignedGroupName: tenantGroups.name,
      })
      .from(activities)
      .leftJoin(assignee, eq(assignee.id, activities.assignedUserId))
      .leftJoin(tenantGroups, and(eq(tenantGroups.tenantId, activities.tenantId), eq(tenantGroups.id, activities.assignedGroupId)))
      .where(myOpenTasks(tx, ctx.tenantId, userId))
      .orderBy(sql`${activities.dueAt} asc nulls last`, asc(activities.id))
      .limit(opts.limit ?? 500);
    const titles = await recordTitles(tx, ctx.tenantId, rows);
    return rows.map((r) => ({
      ...r,
      recordType: r.recordType as RecordKind | null,
      recordTitle: r.recordType && r.recordId ? (titles.get(`${r.recordType}:${r.recordId}`) ?? null) : null,
    }));
  });
  return bucketTasks(items, now, opts.endOfToday);
}
