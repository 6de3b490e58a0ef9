import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, listMembershipLog, listMemberships, lists, recordWatchers } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createActivity } from "@/lib/activities/service";
import { addMembers } from "@/lib/lists/members";
import { createList, updateList } from "@/lib/lists/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { followRecord } from "@/lib/watchers/service";
import { carryOver } from "./carry-over";
import { createRecord, getRecord } from "./service";

async function memberships(ctx: TenantContext, memberId: string) {
  return withTenant(ctx, (tx) =>
    tx
      .select({ listId: listMemberships.listId, name: lists.name })
      .from(listMemberships)
      .innerJoin(lists, and(eq(lists.tenantId, listMemberships.tenantId), eq(lists.id, listMemberships.listId)))
      .where(and(eq(listMemberships.tenantId, ctx.tenantId), eq(listMemberships.memberId, memberId))),
  );
}

async function watchersOf(ctx: TenantContext, recordId: string) {
  return withTenant(ctx, (tx) => tx.select().from(recordWatchers).where(and(eq(recordWatchers.tenantId, ctx.tenantId), eq(recordWatchers.recordId, recordId))));
}

describe("carryOver", () => {
  it("moves activities, watchers and same-type static memberships of many records to one, and unites tags", async () => {
    const { ctx, tenantId, userId } = await makeTenant();
    const rep = await makeMember(tenantId, "sales_rep", "Rita");
    const survivor = await createRecord(ctx, "CONTACT", { firstName: "Ann", tags: ["vip"] });
    const a = await createRecord(ctx, "CONTACT", { firstName: "Ann A", tags: ["vip", "webinar"] });
    const b = await createRecord(ctx, "CONTACT", { firstName: "Ann B", tags: ["partner"] });
    await createActivity(ctx, { activityType: "CALL", recordType: "CONTACT", recordId: a.id, subject: "Call A" });
    await createActivity(ctx, { activityType: "NOTE", recordType: "CONTACT", recordId: b.id, subject: "Note B" });
    await followRecord(ctx, { recordType: "CONTACT", recordId: a.id, principalType: "USER", principalId: userId });
    await followRecord(ctx, { recordType: "CONTACT", recordId: survivor.id, principalType: "USER", principalId: userId });
    await followRecord(ctx, { recordType: "CONTACT", recordId: b.id, principalType: "USER", principalId: rep.userId });
    const newsletter = await createList(ctx, { name: "Newsletter", objectType: "CONTACT" });
    const both = await createList(ctx, { name: "Both", objectType: "CONTACT" });
    const archived = await createList(ctx, { name: "Old", objectType: "CONTACT" });
    await addMembers(ctx, newsletter.id, { memberIds: [a.id, b.id] });
    await addMembers(ctx, both.id, { memberIds: [a.id, survivor.id] });
    await addMembers(ctx, archived.id, { memberIds: [b.id] });
    await updateList(ctx, archived.id, { isArchived: true });

    const result = await withTenant(ctx, (tx) => carryOver(tx, ctx, { type: "CONTACT", ids: [a.id, b.id] }, { type: "CONTACT", id: survivor.id }));

    expect(result).toMatchObject({ activities: 2, watchers: 1, tags: ["webinar", "partner"], listsKept: [] });
    const acts = await withTenant(ctx, (tx) => tx.select().from(activities).where(eq(activities.tenantId, tenantId)));
    expect(acts.map((x) => [x.subject, x.recordId]).sort()).toEqual([
      ["Call A", survivor.id],
      ["Note B", survivor.id],
    ]);
    expect((await watchersOf(ctx, survivor.id)).map((w) => w.principalId).sort()).toEqual([userId, rep.userId].sort());
    expect(await watchersOf(ctx, a.id)).toEqual([]);
    expect((await getRecord(ctx, "CONTACT", survivor.id)).tags).toEqual(["vip", "webinar", "partner"]);
    expect((await getRecord(ctx, "CONTACT", a.id)).tags).toEqual(["vip", "webinar"]);
    expect((await memberships(ctx, survivor.id)).map((m) => m.name).sort()).toEqual(["Both", "Newsletter"]);
    expect(await memberships(ctx, a.id)).toEqual([]);
    // an archived list is read-only: b stays in it
    expect((await memberships(ctx, b.id)).map((m) => m.name)).toEqual(["Old"]);
    const counts = await withTenant(ctx, (tx) => tx.select({ name: lists.name, n: lists.memberCount }).from(lists).where(eq(lists.tenantId, tenantId)));
    expect(Object.fromEntries(counts.map((c) => [c.name, c.n]))).toEqual({ Newsletter: 1, Both: 1, Old: 1 });
    const log = await withTenant(ctx, (tx) => tx.select().from(listMembershipLog).where(and(eq(listMembershipLog.tenantId, tenantId), eq(listMembershipLog.listId, newsletter.id))));
    expect(log.map((l) => l.action).sort()).toEqual(["ADDED", "ADDED", "ADDED", "REMOVED", "REMOVED"]);
  });

  it("across types keeps the source in lists of its type and joins the target's same-named static list", async () => {
    const { ctx } = await makeTenant();
    const lead = await createRecord(ctx, "LEAD", { firstName: "Lee", tags: ["webinar"] });
    const contact = await createRecord(ctx, "CONTACT", { firstName: "Lee" });
    const leadsList = await createList(ctx, { name: "Webinar Q3", objectType: "LEAD" });
    const contactsList = await createList(ctx, { name: "webinar q3", objectType: "CONTACT" });
    const lonely = await createList(ctx, { name: "Only leads", objectType: "LEAD" });
    await addMembers(ctx, leadsList.id, { memberIds: [lead.id] });
    await addMembers(ctx, lonely.id, { memberIds: [lead.id] });
    await createActivity(ctx, { activityType: "MEETING", recordType: "LEAD", recordId: lead.id, subject: "Demo" });

    const result = await withTenant(ctx, (tx) => carryOver(tx, ctx, { type: "LEAD", ids: [lead.id] }, { type: "CONTACT", id: contact.id }));

    expect(result.activities).toBe(1);
    expect(result.tags).toEqual(["webinar"]);
    expect(result.listsJoined).toEqual([contactsList.id]);
    expect(result.listsKept.sort()).toEqual([leadsList.id, lonely.id].sort());
    expect((await memberships(ctx, contact.id)).map((m) => m.listId)).toEqual([contactsList.id]);
    expect((await memberships(ctx, lead.id)).map((m) => m.name).sort()).toEqual(["Only leads", "Webinar Q3"]);
  });

  it("does nothing without sources or when the target is its own source", async () => {
    const { ctx } = await makeTenant();
    const c = await createRecord(ctx, "CONTACT", { firstName: "Solo", tags: ["x"] });
    await createActivity(ctx, { activityType: "NOTE", recordType: "CONTACT", recordId: c.id, subject: "Mine" });
    const result = await withTenant(ctx, (tx) => carryOver(tx, ctx, { type: "CONTACT", ids: [c.id] }, { type: "CONTACT", id: c.id }));
    expect(result).toEqual({ activities: 0, watchers: 0, tags: [], listsJoined: [], listsKept: [] });
  });
});
