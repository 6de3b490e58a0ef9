// The browser's one live stream carries each kind of change — record events, list
// changes, execution changes, notifications — to the tabs that follow it, and to no
// other tenant, no other user (notifications) and no role that may not read it (executions).
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { domainEvents } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import type { SessionInfo } from "@/lib/auth/session";
import { automationsConsumer } from "@/lib/automations/dispatch";
import { createAutomation } from "@/lib/automations/service";
import { dispatchEvent, registerConsumer } from "@/lib/events/dispatcher";
import { addMembers } from "@/lib/lists/members";
import { createList } from "@/lib/lists/service";
import { markNotificationsRead } from "@/lib/notifications/service";
import { createRecord, updateRecord } from "@/lib/records/service";
import { putAccessPolicy } from "@/lib/tenancy/access-policy";
import { createGroup } from "@/lib/tenancy/groups";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { notifyWatchersConsumer } from "@/lib/watchers/notify-consumer";
import { followRecord } from "@/lib/watchers/service";
import type { LiveClientMessage } from "./topics";

registerConsumer(notifyWatchersConsumer);
registerConsumer(automationsConsumer);

const session = vi.hoisted(() => ({ current: null as SessionInfo | null }));
vi.mock("@/lib/auth/session", () => ({ getSession: async () => session.current }));
const { GET } = await import("@/app/api/board-stream/route");

const WAIT = { timeout: 10_000, interval: 20 };
const opened: AbortController[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.abort();
  session.current = null;
});

type Who = { ctx: TenantContext; userId: string; role: SessionInfo["role"] };

/** Opens the stream as `who`, following `topics`; collects the messages it receives. */
async function follow(who: Who, topics: string[]) {
  session.current = { ctx: who.ctx, user: { id: who.userId, email: "x@example.test", name: "X" }, role: who.role, tenantName: "T", memberships: [] };
  const abort = new AbortController();
  opened.push(abort);
  const res = await GET(new NextRequest(`http://localhost/api/board-stream?${topics.map((t) => `topic=${encodeURIComponent(t)}`).join("&")}`, { signal: abort.signal }));
  expect(res.status).toBe(200);
  const messages: LiveClientMessage[] = [];
  let text = "";
  const reader = res.body!.getReader();
  void (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      text += decoder.decode(value);
      const frames = text.split("\n\n");
      text = frames.pop()!;
      for (const f of frames) if (f.startsWith("data: ")) messages.push(JSON.parse(f.slice("data: ".length)) as LiveClientMessage);
    }
  })();
  return messages;
}

/** Runs the consumers of every event not yet dispatched (what the worker's relay does). */
async function dispatchAll(ctx: TenantContext) {
  const events = await withTenant(ctx, (tx) => tx.select({ id: domainEvents.id }).from(domainEvents).where(eq(domainEvents.tenantId, ctx.tenantId)).orderBy(domainEvents.seq));
  for (const e of events) await dispatchEvent(ctx.tenantId, e.id);
}

describe("the browser's live stream", () => {
  it("delivers record events, list, execution and notification changes to the right tab only", async () => {
    const a = await makeTenant("A");
    const rep = await makeMember(a.tenantId, "sales_rep", "Rita Rep");
    const b = await makeTenant("B");
    const admin: Who = { ctx: a.ctx, userId: a.userId, role: "admin" };
    const [hot, cold] = [await createList(a.ctx, { name: "Hot", objectType: "DEAL" }), await createList(a.ctx, { name: "Cold", objectType: "DEAL" })];
    const { automation } = await createAutomation(a.ctx, { name: "Feed", entityType: "DEAL", scopeType: "ENTITY", triggerEvent: "record.updated", actionType: "EVENT", config: {} });

    const toAdmin = await follow(admin, ["records:DEAL", `list:${hot.id}`, "executions", "notifications"]);
    // a sales rep may not read the execution log: that topic is dropped, the others stay
    const toRep = await follow({ ctx: rep.ctx, userId: rep.userId, role: "sales_rep" }, ["notifications", "executions", `list:${cold.id}`]);
    // another tenant naming A's list
    const toB = await follow({ ctx: b.ctx, userId: b.userId, role: "admin" }, ["records:DEAL", `list:${hot.id}`, "executions", "notifications"]);

    // a record event
    const deal = await createRecord(a.ctx, "DEAL", { name: "Live deal" });
    await vi.waitFor(() => expect(toAdmin).toContainEqual({ topic: "records:DEAL", type: "record.created", eventId: expect.any(String), entityType: "DEAL", entityId: deal.id }), WAIT);

    // a list's members
    await addMembers(a.ctx, hot.id, { memberIds: [deal.id] });
    await vi.waitFor(() => expect(toAdmin).toContainEqual({ topic: `list:${hot.id}`, type: "list.changed", listId: hot.id }), WAIT);

    // a notification (the admin follows the deal, the rep changes it) and an execution (the automation on record.updated)
    await followRecord(a.ctx, { recordType: "DEAL", recordId: deal.id, principalType: "USER", principalId: a.userId });
    await dispatchAll(a.ctx);
    const before = toAdmin.length;
    await updateRecord(rep.ctx, "DEAL", deal.id, { name: "Live deal, renamed" });
    await dispatchAll(a.ctx);
    await vi.waitFor(() => {
      const since = toAdmin.slice(before);
      expect(since).toContainEqual({ topic: "notifications", type: "notification.changed" });
      expect(since).toContainEqual({ topic: "executions", type: "execution.changed", automationIds: [automation.id], executionIds: [expect.any(String)] });
    }, WAIT);

    // reading a notification is a change too (another tab's bell follows)
    const read = toAdmin.length;
    await markNotificationsRead(a.ctx, { all: true });
    await vi.waitFor(() => expect(toAdmin.slice(read)).toContainEqual({ topic: "notifications", type: "notification.changed" }), WAIT);

    // markers: once each tab has its own, it would have had the earlier ones too (NOTIFYs reach the one listener in commit order)
    await addMembers(a.ctx, cold.id, { memberIds: [deal.id] });
    const bDeal = await createRecord(b.ctx, "DEAL", { name: "B deal" });
    await vi.waitFor(() => expect(toRep).toContainEqual({ topic: `list:${cold.id}`, type: "list.changed", listId: cold.id }), WAIT);
    await vi.waitFor(() => expect(toB).toContainEqual(expect.objectContaining({ topic: "records:DEAL", entityId: bDeal.id })), WAIT);

    expect(toRep).toEqual([{ topic: `list:${cold.id}`, type: "list.changed", listId: cold.id }]);
    expect(toB).toEqual([expect.objectContaining({ topic: "records:DEAL", type: "record.created", entityId: bDeal.id })]);
    // the admin follows neither the other list nor tenant B
    expect(toAdmin.filter((m) => m.topic === `list:${cold.id}` || ("entityId" in m && m.entityId === bDeal.id))).toEqual([]);
  });

  it("a rep whose policy is 'own' hears only of their own cards; their manager of the team's; the admin of all (issue 15)", async () => {
    const t = await makeTenant();
    const manager = await makeMember(t.tenantId, "manager", "Mo Manager");
    const rep = await makeMember(t.tenantId, "sales_rep", "Rae Rep");
    const mate = await makeMember(t.tenantId, "sales_rep", "Max Mate");
    const outsider = await makeMember(t.tenantId, "sales_rep", "Oli Outsider");
    await createGroup(t.ctx, { name: "Team", memberUserIds: [rep.userId, mate.userId], managerUserId: manager.userId });
    await putAccessPolicy(t.ctx, { sales_rep: { DEAL: { read: "own", write: "own" } }, manager: { DEAL: { read: "team", write: "team" } } });
    const toRep = await follow({ ctx: rep.ctx, userId: rep.userId, role: "sales_rep" }, ["records:DEAL"]);
    const toManager = await follow({ ctx: manager.ctx, userId: manager.userId, role: "manager" }, ["records:DEAL"]);
    const toAdmin = await follow({ ctx: t.ctx, userId: t.userId, role: "admin" }, ["records:DEAL"]);

    const theirs = await createRecord(t.ctx, "DEAL", { name: "Outsider's", ownedByUserId: outsider.userId });
    const mates = await createRecord(t.ctx, "DEAL", { name: "Mate's", ownedByUserId: mate.userId });
    await updateRecord(t.ctx, "DEAL", theirs.id, { name: "Outsider's, renamed" });
    const mine = await createRecord(t.ctx, "DEAL", { name: "Rep's", ownedByUserId: rep.userId });
    // the last event reached each tab, so every earlier one had its chance (one listener, commit order)
    for (const tab of [toRep, toManager, toAdmin]) await vi.waitFor(() => expect(tab).toContainEqual(expect.objectContaining({ entityId: mine.id })), WAIT);
    const ids = (tab: LiveClientMessage[]) => tab.map((m) => ("entityId" in m ? `${m.type} ${m.entityId}` : m.type));
    expect(ids(toRep)).toEqual([`record.created ${mine.id}`]);
    expect(ids(toManager)).toEqual([`record.created ${mates.id}`, `record.created ${mine.id}`]);
    expect(ids(toAdmin)).toEqual([`record.created ${theirs.id}`, `record.created ${mates.id}`, `record.updated ${theirs.id}`, `record.created ${mine.id}`]);
  });

  it("refuses a stream with no topic it may follow, and one without a session", async () => {
    const t = await makeTenant();
    session.current = null;
    expect((await GET(new NextRequest("http://localhost/api/board-stream?topic=notifications"))).status).toBe(401);
    const rep = await makeMember(t.tenantId, "readonly", "Rob Readonly");
    session.current = { ctx: rep.ctx, user: { id: rep.userId, email: rep.email, name: "Rob" }, role: "readonly", tenantName: "T", memberships: [] };
    for (const q of ["", "topic=executions", "topic=records:NOPE", "topic=list:not-a-uuid"]) {
      const res = await GET(new NextRequest(`http://localhost/api/board-stream?${q}`));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ type: "/problems/bad-request" });
    }
  });
});
