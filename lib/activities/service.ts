// The one write path for activities: log entries (calls, emails, meetings, notes) and
// tasks attached to a record. Every write runs in withTenant with its domain event in
// the same transaction; activity.created names the record (entityType/entityId), so
// the record's watchers hear about it.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { activities, tenantGroups, tenantUsers, type Activity } from "@/db/schema";
import { insertRows } from "@/lib/records/record-set";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, findPgError, forbidden, notFound, validationError, type ValidationIssue } from "@/lib/errors";
import { emitEvent, emitEvents } from "@/lib/events/emit";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { shownActivities } from "@/lib/email/visibility";
import { loadRecordRef, loadRecordRefs, type RecordRef } from "./record-ref";
import { RECORD_KINDS } from "@/lib/records/registry";
import { nextOccurrence } from "./recurrence";
import { activityCreateSchema, activityRuleIssues, activityUpdateSchema, type ActivityCreateInput, type ActivityUpdateInput } from "./schemas";

const toDate = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));

/** The assignee must be an active member, the group a group, of this tenant (422 naming the field). */
async function checkAssignees(tx: Tx, tenantId: string, v: { assignedUserId?: string | null; assignedGroupId?: string | null }) {
  const issues: ValidationIssue[] = [];
  if (v.assignedUserId) {
    const [u] = await tx
      .select({ userId: tenantUsers.userId })
      .from(tenantUsers)
      .where(and(eq(tenantUsers.tenantId, tenantId), eq(tenantUsers.userId, v.assignedUserId), eq(tenantUsers.isActive, true)));
    if (!u) issues.push({ path: "assignedUserId", message: "is not an active user of this workspace" });
  }
  if (v.assignedGroupId) {
    const [g] = await tx.select({ id: tenantGroups.id }).from(tenantGroups).where(and(eq(tenantGroups.tenantId, tenantId), eq(tenantGroups.id, v.assignedGroupId)));
    if (!g) issues.push({ path: "assignedGroupId", message: "is not a group of this workspace" });
  }
  if (issues.length) throw validationError(issues);
}

const OUTSIDE_WRITE_SCOPE =
  "You may see this record but not change it, and an activity is part of its record: the access policy of your role limits what you may edit (Settings → Access)";

/**
 * The activity, locked. FOR UPDATE passes the write scope of its record too (RLS, migration
 * access_scope_children): one the actor can read but not lock is theirs to see, not to
 * change — a 403 rather than a 404.
 */
async function lockActivity(tx: Tx, tenantId: string, id: string): Promise<Activity> {
  if (!isUuid(id)) throw notFound("Activity");
  const live = and(eq(activities.tenantId, tenantId), eq(activities.id, id), isNull(activities.deletedAt));
  const [row] = await tx.select().from(activities).where(live).for("update");
  if (!row) {
    const [readable] = await tx.select({ id: activities.id }).from(activities).where(live);
    throw readable ? forbidden(OUTSIDE_WRITE_SCOPE) : notFound("Activity");
  }
  return row;
}

/** RLS refused the activity's row (42501): its record is outside the actor's write scope. */
function refusedByScope(err: unknown): never {
  if (findPgError(err)?.code === "42501") throw forbidden(OUTSIDE_WRITE_SCOPE);
  throw err;
}

/** The activity as the actor may see it (a private mailbox's synced email: lib/email/visibility.ts). */
const shownTo = async (tx: Tx, ctx: TenantContext, a: Activity) => (await shownActivities(tx, ctx.tenantId, ctx.actor.userId, [a]))[0]!;

const withoutText = ({ subject: _s, body: _b, ...rest }: Record<string, { from: unknown; to: unknown }>) => rest;

/** The record the activity hangs on, for the event's title (it may have been trashed since). */
async function recordTitleOf(tx: Tx, tenantId: string, a: Activity): Promise<string | null> {
  if (!a.recordType || !a.recordId || !["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET"].includes(a.recordType)) return null;
  try {
    return (await loadRecordRef(tx, tenantId, a.recordType as never, a.recordId)).title;
  } catch {
    return null;
  }
}

/** An email the IMAP sync logged: its mailbox may be private, so events (kept, and read by anyone with the stream) never carry its subject or body (lib/email/visibility.ts). */
const isSyncedEmail = (a: Activity) => a.activityType === "EMAIL" && !!(a.detailsJson as { syncedEmailId?: string } | null)?.syncedEmailId;

const eventPayload = (a: Activity, title: string | null, hideText = isSyncedEmail(a)) => ({
  activityId: a.id,
  activityType: a.activityType,
  subject: hideText ? null : a.subject,
  title,
  dueAt: a.dueAt,
  assignedUserId: a.assignedUserId,
  assignedGroupId: a.assignedGroupId,
});

export async function createActivity(ctx: TenantContext, input: ActivityCreateInput): Promise<Activity> {
  assertCan(ctx.actor.role, "activities.write");
  return withTenant(ctx, (tx) => createActivityIn(tx, ctx, input)).catch(refusedByScope);
}

/**
 * createActivity in the caller's transaction (an assignment rule's follow-up task, in its
 * record's create). `syncedEmail`: the IMAP sync's message, whose text stays out of the event.
 */
export async function createActivityIn(tx: Tx, ctx: TenantContext, input: ActivityCreateInput, opts: { syncedEmail?: boolean } = {}): Promise<Activity> {
  const [row] = await createActivitiesIn(tx, ctx, [{ input }], opts);
  return row!;
}

/** One activity of createActivitiesIn; `id` and `detailsJson` for the email writers, which link it to their own row. */
export interface NewActivity {
  input: ActivityCreateInput;
  id?: string;
  detailsJson?: Record<string, unknown>;
}

/**
 * Many activities in the caller's transaction, set-based (a campaign's batch, a batch of
 * synced mail): their records read once per kind, one INSERT, their events in one write.
 * The same checks and events as one createActivityIn each; in the order given.
 */
export async function createActivitiesIn(tx: Tx, ctx: TenantContext, items: readonly NewActivity[], opts: { syncedEmail?: boolean } = {}): Promise<Activity[]> {
  if (!items.length) return [];
  const parsed = items.map((item) => ({ ...item, id: item.id ?? randomUUID(), data: activityCreateSchema.parse(item.input) }));
  const records = new Map<string, RecordRef>();
  for (const kind of new Set(parsed.map((p) => p.data.recordType))) {
    const ids = parsed.filter((p) => p.data.recordType === kind).map((p) => p.data.recordId);
    const found = await loadRecordRefs(tx, ctx.tenantId, kind, ids);
    for (const id of ids) {
      const ref = found.get(id);
      if (!ref) throw notFound(RECORD_KINDS[kind].singular);
      records.set(`${kind}:${id}`, ref);
    }
  }
  for (const { data } of parsed) if (data.assignedUserId || data.assignedGroupId) await checkAssignees(tx, ctx.tenantId, data);
  // one jsonb parameter, not a VALUES list Drizzle takes ~100 ms to build for a campaign's 500 (record-set.ts)
  const rows = await insertRows<Activity>(
    tx,
    activities,
    parsed.map(({ id, data, detailsJson }) => {
        const isTask = data.activityType === "TASK";
        return {
          tenantId: ctx.tenantId,
          id,
          activityType: data.activityType,
          subject: data.subject,
          body: data.body ?? null,
          recordType: data.recordType,
          recordId: data.recordId,
          ...(data.activityAt ? { activityAt: new Date(data.activityAt) } : {}),
          dueAt: toDate(data.dueAt) ?? null,
          reminderAt: toDate(data.reminderAt) ?? null,
          priority: data.priority ?? (isTask ? "medium" : null),
          outcome: data.outcome ?? null,
          durationSeconds: data.durationSeconds ?? null,
          direction: data.direction ?? null,
          meetingLocation: data.meetingLocation ?? null,
          meetingAttendees: data.meetingAttendees ?? [],
          recurrenceRule: data.recurrenceRule ?? null,
          // A task nobody was named for is the creator's own.
          assignedUserId: data.assignedUserId ?? (isTask && !data.assignedGroupId ? ctx.actor.userId : null),
          assignedGroupId: data.assignedGroupId ?? null,
          createdByUserId: ctx.actor.userId,
          ...(detailsJson ? { detailsJson } : {}),
        };
      }),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = parsed.map((p) => byId.get(p.id)!);
  await emitEvents(
    tx,
    ctx,
    ordered.map((row) => {
      const record = records.get(`${row.recordType}:${row.recordId}`)!;
      return { type: "activity.created" as const, entityType: record.kind, entityId: record.id, payload: eventPayload(row, record.title, opts.syncedEmail) };
    }),
  );
  return ordered;
}

export async function updateActivity(ctx: TenantContext, id: string, patch: ActivityUpdateInput): Promise<Activity> {
  assertCan(ctx.actor.role, "activities.write");
  const data = activityUpdateSchema.parse(patch);
  return withTenant(ctx, async (tx) => {
    const before = await lockActivity(tx, ctx.tenantId, id);
    const pick = <K extends keyof typeof data & keyof Activity>(k: K) => (data[k] !== undefined ? data[k] : before[k]);
    const next = {
      dueAt: pick("dueAt"),
      reminderAt: pick("reminderAt"),
      recurrenceRule: pick("recurrenceRule"),
      direction: pick("direction"),
      meetingLocation: pick("meetingLocation"),
      meetingAttendees: pick("meetingAttendees"),
    };
    const issues = activityRuleIssues(next, before.activityType);
    if (issues.length) throw validationError(issues);
    await checkAssignees(tx, ctx.tenantId, data);
    const set: Partial<typeof activities.$inferInsert> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, raw] of Object.entries(data)) {
      if (raw === undefined) continue;
      const value = ["activityAt", "dueAt", "reminderAt"].includes(key) ? toDate(raw as string | null) : raw;
      const old = before[key as keyof Activity];
      if (JSON.stringify(old ?? null) === JSON.stringify(value ?? null)) continue;
      (set as Record<string, unknown>)[key] = value;
      changes[key] = { from: old ?? null, to: value ?? null };
    }
    if (Object.keys(changes).length === 0) return shownTo(tx, ctx, before);
    const [row] = await tx
      .update(activities)
      .set({ ...set, updatedAt: sql`now()` })
      .where(and(eq(activities.tenantId, ctx.tenantId), eq(activities.id, id)))
      .returning();
    await emitEvent(tx, ctx, {
      type: "activity.updated",
      entityType: "ACTIVITY",
      entityId: id,
      payload: { ...eventPayload(row!, await recordTitleOf(tx, ctx.tenantId, row!)), recordType: row!.recordType, recordId: row!.recordId, changes: isSyncedEmail(row!) ? withoutText(changes) : changes },
    });
    return shownTo(tx, ctx, row!);
  }).catch(refusedByScope);
}

/**
 * Pins a note to the top of its record's timeline, or unpins it. Only a NOTE is pinned
 * (409 otherwise); pinning a pinned note (or unpinning one that is not) changes nothing
 * and writes no event.
 */
export async function setNotePinned(ctx: TenantContext, id: string, pinned: boolean): Promise<Activity> {
  assertCan(ctx.actor.role, "activities.write");
  return withTenant(ctx, async (tx) => {
    const before = await lockActivity(tx, ctx.tenantId, id);
    if (before.activityType !== "NOTE") throw new AppError("conflict", "Only a note can be pinned");
    if (!!before.pinnedAt === pinned) return before;
    const [row] = await tx
      .update(activities)
      .set({ pinnedAt: pinned ? sql`now()` : null, updatedAt: sql`now()` })
      .where(and(eq(activities.tenantId, ctx.tenantId), eq(activities.id, id)))
      .returning();
    await emitEvent(tx, ctx, {
      type: "activity.updated",
      entityType: "ACTIVITY",
      entityId: id,
      payload: {
        ...eventPayload(row!, await recordTitleOf(tx, ctx.tenantId, row!)),
        recordType: row!.recordType,
        recordId: row!.recordId,
        pinned,
        changes: { pinnedAt: { from: before.pinnedAt, to: row!.pinnedAt } },
      },
    });
    return row!;
  }).catch(refusedByScope);
}

/** Soft delete: the activity leaves the timeline and the task lists. */
export async function deleteActivity(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx.actor.role, "activities.write");
  await withTenant(ctx, async (tx) => {
    const before = await lockActivity(tx, ctx.tenantId, id);
    await tx
      .update(activities)
      .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(activities.tenantId, ctx.tenantId), eq(activities.id, id)));
    await emitEvent(tx, ctx, {
      type: "activity.updated",
      entityType: "ACTIVITY",
      entityId: id,
      payload: { ...eventPayload(before, await recordTitleOf(tx, ctx.tenantId, before)), recordType: before.recordType, recordId: before.recordId, deleted: true },
    });
  }).catch(refusedByScope);
}

export interface CompleteResult {
  task: Activity;
  /** The next task of a recurring series, when there is one. */
  next: Activity | null;
}

/**
 * Marks a task done. For a recurring task, the next occurrence is created in the same
 * transaction: due at the rule's next date after this one, pointing at the first task of
 * the series. The row lock makes a double click complete (and repeat) it only once.
 */
export async function completeTask(ctx: TenantContext, id: string): Promise<CompleteResult> {
  assertCan(ctx.actor.role, "activities.write");
  return withTenant(ctx, async (tx) => {
    const task = await lockActivity(tx, ctx.tenantId, id);
    if (task.activityType !== "TASK") throw new AppError("conflict", "Only a task can be completed");
    if (task.completedAt) throw new AppError("conflict", "This task is already completed");
    const [done] = await tx
      .update(activities)
      .set({ completedAt: sql`now()`, completedByUserId: ctx.actor.userId, updatedAt: sql`now()` })
      .where(and(eq(activities.tenantId, ctx.tenantId), eq(activities.id, id)))
      .returning();
    const title = await recordTitleOf(tx, ctx.tenantId, done!);
    await emitEvent(tx, ctx, {
      type: "activity.updated",
      entityType: "ACTIVITY",
      entityId: id,
      payload: { ...eventPayload(done!, title), recordType: done!.recordType, recordId: done!.recordId, completed: true },
    });

    let next: Activity | null = null;
    if (task.recurrenceRule && task.dueAt) {
      const firstId = task.parentActivityId ?? task.id;
      const [first] = task.parentActivityId
        ? await tx.select({ dueAt: activities.dueAt }).from(activities).where(and(eq(activities.tenantId, ctx.tenantId), eq(activities.id, firstId)))
        : [{ dueAt: task.dueAt }];
      const nextDue = nextOccurrence(task.recurrenceRule, first?.dueAt ?? task.dueAt, task.dueAt);
      if (nextDue) {
        const reminderLead = task.reminderAt ? task.dueAt.getTime() - task.reminderAt.getTime() : null;
        const [created] = await tx
          .insert(activities)
          .values({
            tenantId: ctx.tenantId,
            activityType: "TASK",
            subject: task.subject,
            body: task.body,
            recordType: task.recordType,
            recordId: task.recordId,
            dueAt: nextDue,
            reminderAt: reminderLead === null ? null : new Date(nextDue.getTime() - reminderLead),
            priority: task.priority,
            recurrenceRule: task.recurrenceRule,
            parentActivityId: firstId,
            assignedUserId: task.assignedUserId,
            assignedGroupId: task.assignedGroupId,
            createdByUserId: ctx.actor.userId,
            detailsJson: task.detailsJson,
          })
          .returning();
        next = created!;
        if (created!.recordType && created!.recordId) {
          await emitEvent(tx, ctx, { type: "activity.created", entityType: created!.recordType, entityId: created!.recordId, payload: { ...eventPayload(created!, title), recurrenceOf: firstId } });
        }
      }
    }
    return { task: done!, next };
  }).catch(refusedByScope);
}

/** Undoes a completion (the next occurrence of a recurring task, if made, stays). */
export async function reopenTask(ctx: TenantContext, id: string): Promise<Activity> {
  assertCan(ctx.actor.role, "activities.write");
  return withTenant(ctx, async (tx) => {
    const task = await lockActivity(tx, ctx.tenantId, id);
    if (task.activityType !== "TASK") throw new AppError("conflict", "Only a task can be reopened");
    if (!task.completedAt) return task;
    const [row] = await tx
      .update(activities)
      .set({ completedAt: null, completedByUserId: null, updatedAt: sql`now()` })
      .where(and(eq(activities.tenantId, ctx.tenantId), eq(activities.id, id)))
      .returning();
    await emitEvent(tx, ctx, {
      type: "activity.updated",
      entityType: "ACTIVITY",
      entityId: id,
      payload: { ...eventPayload(row!, await recordTitleOf(tx, ctx.tenantId, row!)), recordType: row!.recordType, recordId: row!.recordId, completed: false },
    });
    return row!;
  }).catch(refusedByScope);
}
