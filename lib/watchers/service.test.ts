import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { domainEvents } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createActivity } from "@/lib/activities/service";
import { dispatchEvent, registerConsumer } from "@/lib/events/dispatcher";
import { listNotifications, markNotificationsRead } from "@/lib/notifications/service";
import { createRecord, deleteRecord, updateRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { createGroup } from "@/lib/tenancy/groups";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { notifyWatchersConsumer } from "./notify-consumer";
import { followRecord, listWatched, listWatchers, unfollowRecord } from "./service";

registerConsumer(notifyWatchersConsumer);

/** Runs the consumers for every event of the tenant not yet delivered (what the worker does). */
async function dispatchAll(ctx: TenantContext) {
  const events = await withTenant(ctx, (tx) => tx.select({ id: domainEvents.id }).from(domainEvents).where(eq(domainEvents.tenantId, ctx.tenantId)).orderBy(domainEvents.seq));
  for (const e of events) await dispatchEvent(ctx.tenantId, e.id);
}

describe("following a record", () => {
  it("is idempotent for a user, lists watchers with names, and what a user follows", async () => {
    const { ctx, userId, email } = await makeTenant();
    const contact = await createRecord(ctx, "CONTACT", { firstName: "Jane", lastName: "Doe" });
    const me = { recordType: "CONTACT", recordId: contact.id, principalType: "USER", principalId: userId } as const;
    const first = await followRecord(ctx, me);
    expect(first.created).toBe(true);
    expect(first.watcher).toMatchObject({ principalType: "USER", principalId: userId, principalName: email.split("@")[0], principalEmail: email });
    const again = await followRecord(ctx, me);
    expect(again.created).toBe(false);
    expect(again.watcher.createdAt).toEqual(first.watcher.createdAt);
    const events = await withTenant(ctx, (tx) => tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, ctx.tenantId), eq(domainEvents.eventType, "watcher.added"))));
    expect(events).toHaveLength(1);

    const watchers = await listWatchers(ctx, "CONTACT", contact.id);
    expect(watchers).toHaveLength(1);
    expect(watchers[0]).toMatchObject({ principalType: "USER", principalId: userId, principalName: email.split("@")[0], principalEmail: email });
    expect(await listWatched(ctx, "USER", userId)).toEqual([expect.objectContaining({ recordType: "CONTACT", recordId: contact.id, title: "Jane Doe" })]);

    await unfollowRecord(ctx, me);
    expect(await listWatchers(ctx, "CONTACT", contact.id)).toEqual([]);
    await expect(unfollowRecord(ctx, me)).rejects.toMatchObject({ code: "not-found" });
  });

  it("follows for a group, whose members are notified (except the actor), and reads and marks notifications", async () => {
    const { ctx, tenantId } = await makeTenant();
    const rep = await makeMember(tenantId, "sales_rep", "Rita Rep");
    const rep2 = await makeMember(tenantId, "sales_rep", "Sam Second");
    const team = await createGroup(ctx, { name: "Key accounts", memberUserIds: [rep.userId, rep2.userId] });
    const company = await createRecord(ctx, "COMPANY", { name: "Globex" });
    // a sales rep may make a group follow, but not another user
    const { created } = await followRecord(rep.ctx, { recordType: "COMPANY", recordId: company.id, principalType: "GROUP", principalId: team.id });
    expect(created).toBe(true);
    await expect(followRecord(rep.ctx, { recordType: "COMPANY", recordId: company.id, principalType: "USER", principalId: rep2.userId })).rejects.toMatchObject({ code: "forbidden" });
    expect((await listWatchers(ctx, "COMPANY", company.id)).map((w) => [w.principalType, w.principalName])).toEqual([["GROUP", "Key accounts"]]);
    expect((await listWatched(ctx, "GROUP", team.id)).map((w) => w.title)).toEqual(["Globex"]);

    await updateRecord(rep.ctx, "COMPANY", company.id, { industry: "Energy" });
    await createActivity(rep2.ctx, { activityType: "CALL", recordType: "COMPANY", recordId: company.id, subject: "Kick-off" });
    await dispatchAll(ctx);

    const ritas = await listNotifications(rep.ctx);
    expect(ritas.unreadCount).toBe(1);
    expect(ritas.data.map((n) => n.title)).toEqual(["New call on Globex: Kick-off"]);
    const sams = await listNotifications(rep2.ctx);
    expect(sams.data.map((n) => [n.title, n.body])).toEqual([["Globex was changed", "Industry: (empty) → Energy · by Rita Rep"]]);
    expect((await listNotifications(ctx)).data).toEqual([]);

    expect(await markNotificationsRead(rep.ctx, { ids: [ritas.data[0]!.id, sams.data[0]!.id] })).toEqual({ updated: 1, unreadCount: 0 });
    expect((await listNotifications(rep2.ctx)).unreadCount).toBe(1);
    expect(await markNotificationsRead(rep2.ctx, { all: true })).toEqual({ updated: 1, unreadCount: 0 });
    expect((await listNotifications(rep2.ctx, { unreadOnly: true })).data).toEqual([]);
  });

  it("refuses principals and records of another tenant", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const mine = await createRecord(a.ctx, "CONTACT", { email: "a@example.test" });
    const theirs = await createRecord(b.ctx, "CONTACT", { email: "b@example.test" });
    const theirGroup = await createGroup(b.ctx, { name: "B team" });
    const follow = { recordType: "CONTACT", recordId: theirs.id, principalType: "USER", principalId: a.userId } as const;
    await expect(followRecord(a.ctx, follow)).rejects.toMatchObject({ code: "not-found" });
    await expect(listWatchers(a.ctx, "CONTACT", theirs.id)).rejects.toMatchObject({ code: "not-found" });
    await followRecord(b.ctx, { ...follow, principalId: b.userId });
    await expect(unfollowRecord(a.ctx, { ...follow, principalId: b.userId })).rejects.toMatchObject({ code: "not-found" });
    expect(await listWatchers(b.ctx, "CONTACT", theirs.id)).toHaveLength(1);
    // principals must be this tenant's
    await expect(followRecord(a.ctx, { ...follow, recordId: mine.id, principalId: b.userId })).rejects.toMatchObject({ code: "validation", extensions: { errors: [{ path: "principalId" }] } });
    await expect(followRecord(a.ctx, { ...follow, recordId: mine.id, principalType: "GROUP", principalId: theirGroup.id })).rejects.toMatchObject({ code: "validation" });
    await expect(listWatched(a.ctx, "USER", b.userId)).rejects.toMatchObject({ code: "not-found" });
  });

  it("cannot follow a trashed record, and a trashed record drops out of what I follow", async () => {
    const { ctx, userId } = await makeTenant();
    const deal = await createRecord(ctx, "DEAL", { name: "Doomed" });
    await followRecord(ctx, { recordType: "DEAL", recordId: deal.id, principalType: "USER", principalId: userId });
    await deleteRecord(ctx, "DEAL", deal.id);
    expect(await listWatched(ctx, "USER", userId)).toEqual([]);
    await expect(followRecord(ctx, { recordType: "DEAL", recordId: deal.id, principalType: "USER", principalId: userId })).rejects.toMatchObject({ code: "not-found" });
  });

  it("lets a readonly member follow for themselves; an API key has no notifications", async () => {
    const { ctx, tenantId } = await makeTenant();
    const viewer = await makeMember(tenantId, "readonly");
    const lead = await createRecord(ctx, "LEAD", { firstName: "Lee" });
    expect((await followRecord(viewer.ctx, { recordType: "LEAD", recordId: lead.id, principalType: "USER", principalId: viewer.userId })).created).toBe(true);
    const keyCtx: TenantContext = { tenantId, actor: { kind: "api_key", userId: null, apiKeyId: "k", role: "admin", source: "API" } };
    await expect(listNotifications(keyCtx)).rejects.toMatchObject({ code: "forbidden" });
  });
});
