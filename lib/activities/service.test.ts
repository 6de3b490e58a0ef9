import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, domainEvents } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createRecord, deleteRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { createGroup } from "@/lib/tenancy/groups";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { listActivities, myOverdueTaskCount, myTasks } from "./queries";
import { completeTask, createActivity, deleteActivity, reopenTask, updateActivity } from "./service";

async function eventsOf(ctx: TenantContext, type: string) {
  return withTenant(ctx, (tx) => tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, ctx.tenantId), eq(domainEvents.eventType, type))));
}

async function contactIn(ctx: TenantContext, firstName = "Jane") {
  return createRecord(ctx, "CONTACT", { firstName, lastName: "Doe" });
}

describe("createActivity", () => {
  it("logs a call on a contact with an activity.created event naming the record", async () => {
    const { ctx } = await makeTenant();
    const contact = await contactIn(ctx);
    const call = await createActivity(ctx, { activityType: "CALL", recordType: "CONTACT", recordId: contact.id, subject: "Intro call", body: "Talked about pricing", durationSeconds: 600 });
    expect(call).toMatchObject({ activityType: "CALL", subject: "Intro call", recordType: "CONTACT", recordId: contact.id, createdByUserId: ctx.actor.userId, assignedUserId: null });
    const [event] = await eventsOf(ctx, "activity.created");
    expect(event).toMatchObject({ entityType: "CONTACT", entityId: contact.id, actorUserId: ctx.actor.userId });
    expect(event!.payload).toMatchObject({ activityId: call.id, activityType: "CALL", subject: "Intro call", title: "Jane Doe" });
    expect((await listActivities(ctx, "CONTACT", contact.id)).data.map((a) => a.id)).toEqual([call.id]);
  });

  it("refuses a record that is not in this tenant (404), a trashed one (404) and a bad record type (422)", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const theirs = await contactIn(b.ctx);
    const input = { activityType: "NOTE", recordType: "CONTACT", recordId: theirs.id, subject: "Sneaky" } as const;
    await expect(createActivity(a.ctx, input)).rejects.toMatchObject({ code: "not-found" });
    await expect(createActivity(a.ctx, { ...input, recordId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "not-found" });
    await expect(createActivity(a.ctx, { ...input, recordType: "LIST" as never })).rejects.toMatchObject({ name: "ZodError" });
    expect(await withTenant(b.ctx, (tx) => tx.select().from(activities).where(eq(activities.tenantId, b.tenantId)))).toHaveLength(0);
    await expect(listActivities(a.ctx, "CONTACT", theirs.id)).rejects.toMatchObject({ code: "not-found" });
    const trashed = await contactIn(a.ctx, "Gone");
    await deleteRecord(a.ctx, "CONTACT", trashed.id);
    await expect(createActivity(a.ctx, { ...input, recordId: trashed.id })).rejects.toMatchObject({ code: "not-found" });
  });

  it("validates task fields: the RRULE, assignees of this tenant only", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const contact = await contactIn(a.ctx);
    const task = { activityType: "TASK", recordType: "CONTACT", recordId: contact.id, subject: "Follow up", dueAt: "2026-01-05T09:00:00Z" } as const;
    await expect(createActivity(a.ctx, { ...task, recurrenceRule: "FREQ=EVERY_SO_OFTEN" })).rejects.toMatchObject({ name: "ZodError" });
    await expect(createActivity(a.ctx, { ...task, assignedUserId: b.userId })).rejects.toMatchObject({ code: "validation", extensions: { errors: [{ path: "assignedUserId" }] } });
    const theirGroup = await createGroup(b.ctx, { name: "B team" });
    await expect(createActivity(a.ctx, { ...task, assignedGroupId: theirGroup.id })).rejects.toMatchObject({ code: "validation", extensions: { errors: [{ path: "assignedGroupId" }] } });
    // nobody named: the creator's own task, medium priority
    expect(await createActivity(a.ctx, task)).toMatchObject({ assignedUserId: a.userId, assignedGroupId: null, priority: "medium" });
  });

  it("is refused to a readonly member", async () => {
    const { ctx, tenantId } = await makeTenant();
    const contact = await contactIn(ctx);
    const viewer = await makeMember(tenantId, "readonly");
    await expect(createActivity(viewer.ctx, { activityType: "NOTE", recordType: "CONTACT", recordId: contact.id, subject: "x" })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("updateActivity and deleteActivity", () => {
  it("changes fields with an activity.updated event, and a soft delete hides it", async () => {
    const { ctx } = await makeTenant();
    const contact = await contactIn(ctx);
    const note = await createActivity(ctx, { activityType: "NOTE", recordType: "CONTACT", recordId: contact.id, subject: "Draft" });
    const updated = await updateActivity(ctx, note.id, { subject: "Final", body: "Signed" });
    expect(updated).toMatchObject({ subject: "Final", body: "Signed" });
    const [event] = await eventsOf(ctx, "activity.updated");
    expect(event!.payload).toMatchObject({ activityId: note.id, changes: { subject: { from: "Draft", to: "Final" } }, recordId: contact.id });
    await expect(updateActivity(ctx, note.id, { recurrenceRule: "FREQ=DAILY" })).rejects.toMatchObject({ code: "validation", extensions: { errors: [{ path: "recurrenceRule" }] } });

    await deleteActivity(ctx, note.id);
    expect((await listActivities(ctx, "CONTACT", contact.id)).data).toHaveLength(0);
    await expect(updateActivity(ctx, note.id, { subject: "again" })).rejects.toMatchObject({ code: "not-found" });
    await expect(deleteActivity(ctx, note.id)).rejects.toMatchObject({ code: "not-found" });
  });

  it("cannot touch another tenant's activity", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const contact = await contactIn(b.ctx);
    const theirs = await createActivity(b.ctx, { activityType: "NOTE", recordType: "CONTACT", recordId: contact.id, subject: "Private" });
    await expect(updateActivity(a.ctx, theirs.id, { subject: "hijack" })).rejects.toMatchObject({ code: "not-found" });
    await expect(deleteActivity(a.ctx, theirs.id)).rejects.toMatchObject({ code: "not-found" });
    await expect(completeTask(a.ctx, theirs.id)).rejects.toMatchObject({ code: "not-found" });
  });
});

describe("completeTask", () => {
  it("completes a one-off task once", async () => {
    const { ctx, userId } = await makeTenant();
    const contact = await contactIn(ctx);
    const task = await createActivity(ctx, { activityType: "TASK", recordType: "CONTACT", recordId: contact.id, subject: "Send deck", dueAt: "2026-01-05T09:00:00Z" });
    const { task: done, next } = await completeTask(ctx, task.id);
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(done.completedByUserId).toBe(userId);
    expect(next).toBeNull();
    await expect(completeTask(ctx, task.id)).rejects.toMatchObject({ code: "conflict" });
    expect((await reopenTask(ctx, task.id)).completedAt).toBeNull();
  });

  it("creates the next occurrence of a recurring task, pointing at the first, until COUNT ends the series", async () => {
    const { ctx } = await makeTenant();
    const deal = await createRecord(ctx, "DEAL", { name: "Renewal" });
    const first = await createActivity(ctx, {
      activityType: "TASK",
      recordType: "DEAL",
      recordId: deal.id,
      subject: "Weekly check-in",
      dueAt: "2026-01-05T09:00:00Z",
      reminderAt: "2026-01-05T08:30:00Z",
      priority: "high",
      recurrenceRule: "RRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3",
    });
    expect(first.recurrenceRule).toBe("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3");

    const one = await completeTask(ctx, first.id);
    expect(one.next).toMatchObject({ subject: "Weekly check-in", parentActivityId: first.id, priority: "high", recordType: "DEAL", recordId: deal.id, completedAt: null });
    expect(one.next!.dueAt!.toISOString()).toBe("2026-01-08T09:00:00.000Z");
    expect(one.next!.reminderAt!.toISOString()).toBe("2026-01-08T08:30:00.000Z");

    const two = await completeTask(ctx, one.next!.id);
    expect(two.next!.parentActivityId).toBe(first.id);
    expect(two.next!.dueAt!.toISOString()).toBe("2026-01-12T09:00:00.000Z");

    const three = await completeTask(ctx, two.next!.id);
    expect(three.next).toBeNull();
    const created = await eventsOf(ctx, "activity.created");
    expect(created).toHaveLength(3);
    expect(created.every((e) => e.entityType === "DEAL" && e.entityId === deal.id)).toBe(true);
  });

  it("completes a double click only once", async () => {
    const { ctx } = await makeTenant();
    const contact = await contactIn(ctx);
    const task = await createActivity(ctx, { activityType: "TASK", recordType: "CONTACT", recordId: contact.id, subject: "Daily", dueAt: "2026-01-05T09:00:00Z", recurrenceRule: "FREQ=DAILY" });
    const results = await Promise.allSettled([completeTask(ctx, task.id), completeTask(ctx, task.id)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const series = await withTenant(ctx, (tx) => tx.select().from(activities).where(and(eq(activities.tenantId, ctx.tenantId), eq(activities.parentActivityId, task.id))));
    expect(series).toHaveLength(1);
  });

  it("refuses a log entry", async () => {
    const { ctx } = await makeTenant();
    const contact = await contactIn(ctx);
    const call = await createActivity(ctx, { activityType: "CALL", recordType: "CONTACT", recordId: contact.id, subject: "Hi" });
    await expect(completeTask(ctx, call.id)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("myTasks", () => {
  it("groups my open tasks and my groups' tasks into overdue, today and upcoming", async () => {
    const { ctx, tenantId } = await makeTenant();
    const rep = await makeMember(tenantId, "sales_rep", "Rita Rep");
    const other = await makeMember(tenantId, "sales_rep", "Olaf Other");
    const team = await createGroup(ctx, { name: "Support", memberUserIds: [rep.userId] });
    const contact = await contactIn(ctx, "Tom");
    const make = (subject: string, extra: Record<string, unknown>) =>
      createActivity(ctx, { activityType: "TASK", recordType: "CONTACT", recordId: contact.id, subject, ...extra });

    await make("Overdue mine", { dueAt: "2026-03-09T10:00:00Z", assignedUserId: rep.userId });
    await make("Today for the team", { dueAt: "2026-03-10T18:00:00Z", assignedGroupId: team.id });
    await make("Next week mine", { dueAt: "2026-03-17T10:00:00Z", assignedUserId: rep.userId });
    await make("Someday mine", { assignedUserId: rep.userId });
    await make("Someone else's", { dueAt: "2026-03-09T10:00:00Z", assignedUserId: other.userId });
    const done = await make("Done already", { dueAt: "2026-03-09T10:00:00Z", assignedUserId: rep.userId });
    await completeTask(ctx, done.id);
    const gone = await make("Deleted", { dueAt: "2026-03-09T10:00:00Z", assignedUserId: rep.userId });
    await deleteActivity(ctx, gone.id);
    await createActivity(ctx, { activityType: "CALL", recordType: "CONTACT", recordId: contact.id, subject: "A call is not a task", assignedUserId: rep.userId });

    const b = await myTasks(rep.ctx, { now: new Date("2026-03-10T12:00:00Z"), endOfToday: new Date("2026-03-10T23:59:59.999Z") });
    expect(b.overdue.map((t) => t.subject)).toEqual(["Overdue mine"]);
    expect(b.today.map((t) => t.subject)).toEqual(["Today for the team"]);
    expect(b.upcoming.map((t) => t.subject)).toEqual(["Next week mine"]);
    expect(b.noDueDate.map((t) => t.subject)).toEqual(["Someday mine"]);
    expect(b.today[0]).toMatchObject({ recordType: "CONTACT", recordId: contact.id, recordTitle: "Tom Doe", assignedGroupName: "Support" });
    expect(b.overdue[0]).toMatchObject({ assignedUserName: "Rita Rep" });

    const others = await myTasks(other.ctx, { now: new Date("2026-03-10T12:00:00Z"), endOfToday: new Date("2026-03-10T23:59:59.999Z") });
    expect(others.overdue.map((t) => t.subject)).toEqual(["Someone else's"]);
    expect([...others.today, ...others.upcoming, ...others.noDueDate]).toHaveLength(0);

    // The nav's badge: overdue only, the group's task counts once it is past due; the same user in another tenant has none there.
    expect(await myOverdueTaskCount(rep.ctx, new Date("2026-03-10T12:00:00Z"))).toBe(1);
    expect(await myOverdueTaskCount(rep.ctx, new Date("2026-03-10T19:00:00Z"))).toBe(2);
    const elsewhere = await makeTenant();
    expect(await myOverdueTaskCount({ ...rep.ctx, tenantId: elsewhere.tenantId }, new Date("2026-03-10T19:00:00Z"))).toBe(0);
  });
});
