// Merge against real Postgres: the survivor's fields, every child kind re-pointed (counted
// before and after), the merged records gone with mergedIntoId (a 404 naming it), the
// history snapshot, the event and audit entry, and the access scope.
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as getOne } from "@/app/api/v1/[collection]/[id]/route";
import { POST as mergeRoute } from "@/app/api/v1/[collection]/[id]/merge/route";
import { GET as historyRoute } from "@/app/api/v1/[collection]/[id]/merge-history/route";
import { activities, auditLog, domainEvents, listMemberships, recordWatchers } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createActivity } from "@/lib/activities/service";
import { createApiKey } from "@/lib/api/keys";
import { apiRequest as req, routeParams as params } from "@/lib/api/testing";
import { addMembers } from "@/lib/lists/members";
import { createList } from "@/lib/lists/service";
import { createRecord, getRecord } from "@/lib/records/service";
import { putAccessPolicy } from "@/lib/tenancy/access-policy";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { followRecord } from "@/lib/watchers/service";
import { mergeRecords } from "./merge-records";
import { mergeHistory } from "./queries";
import { planMerge } from "./rules";

const note = (ctx: TenantContext, recordType: "CONTACT" | "COMPANY" | "LEAD", recordId: string, subject: string) =>
  createActivity(ctx, { recordType, recordId, activityType: "NOTE", subject } as never);

describe("planMerge (pure)", () => {
  const s = { id: "s", email: null, phone: "1", jobTitle: "", customFields: { a: 1 } };
  const m1 = { id: "m1", email: "one@x.test", phone: "2", jobTitle: null, customFields: { a: 2, b: "m1" } };
  const m2 = { id: "m2", email: "two@x.test", phone: "3", jobTitle: "CTO", customFields: { b: "m2", c: true } };
  const fields = ["email", "phone", "jobTitle", "tags", "customFields"];

  it("fills the survivor's empty fields with the first non-empty value, keeps its own, fills empty custom keys", () => {
    expect(planMerge(s, [m1, m2], fields)).toEqual({
      patch: { email: "one@x.test", jobTitle: "CTO", customFields: { b: "m1", c: true } },
      winners: { email: "m1", phone: "s", jobTitle: "m2", "customFields.a": "s", "customFields.b": "m1", "customFields.c": "m2" },
    });
  });

  it("`fields` overrides the rule, for a field and a custom field", () => {
    const plan = planMerge(s, [m1, m2], fields, { phone: "m2", email: "m2", "customFields.a": "m1" });
    expect(plan).toMatchObject({ patch: { phone: "3", email: "two@x.test", customFields: { a: 2 } } });
  });

  it("refuses a choice of an unknown field, a field that is never taken (tags), or a record outside the merge", () => {
    expect(planMerge(s, [m1], fields, { nope: "m1", tags: "m1", email: "zz", "customFields.zz": "m1" })).toEqual({
      issues: [
        { path: "fields.nope", message: expect.any(String) },
        { path: "fields.tags", message: expect.any(String) },
        { path: "fields.email", message: expect.stringContaining("surviving record") },
        { path: "fields.customFields.zz", message: expect.any(String) },
      ],
    });
  });
});

async function contactsToMerge() {
  const t = await makeTenant();
  const company = await createRecord(t.ctx, "COMPANY", { name: "Acme" });
  const survivor = await createRecord(t.ctx, "CONTACT", { firstName: "Ann", lastName: "Lee", email: "ann@acme.test", tags: ["vip"] });
  const dup = await createRecord(t.ctx, "CONTACT", { firstName: "Annie", lastName: "Lee", email: "ANN@acme.test", phone: "+1 555 010 2030", jobTitle: "CTO", companyId: company.id, tags: ["lead", "vip"] });
  return { t, company, survivor, dup };
}

describe("mergeRecords", () => {
  it("fills the survivor's empty fields, keeps its own unless `fields` says otherwise, unites tags", async () => {
    const { t, company, survivor, dup } = await contactsToMerge();
    const after = await mergeRecords(t.ctx, "CONTACT", survivor.id, { mergeIds: [dup.id], fields: { firstName: dup.id } });
    expect(after).toMatchObject({ id: survivor.id, firstName: "Annie", lastName: "Lee", email: "ann@acme.test", phone: "+1 555 010 2030", jobTitle: "CTO", companyId: company.id, tags: ["vip", "lead"] });
    expect(await getRecord(t.ctx, "CONTACT", survivor.id)).toMatchObject({ firstName: "Annie", tags: ["vip", "lead"] });
  });

  it("re-points every child of the merged records: activities, deals, tickets, watchers, static list memberships", async () => {
    const { t, survivor, dup } = await contactsToMerge();
    const member = await makeMember(t.tenantId, "sales_rep");
    await note(t.ctx, "CONTACT", survivor.id, "Survivor's note");
    await note(t.ctx, "CONTACT", dup.id, "Dup's call");
    await note(t.ctx, "CONTACT", dup.id, "Dup's note");
    const deal = await createRecord(t.ctx, "DEAL", { name: "Dup deal", contactId: dup.id });
    const ticket = await createRecord(t.ctx, "TICKET", { subject: "Dup ticket", contactId: dup.id });
    await followRecord(t.ctx, { recordType: "CONTACT", recordId: dup.id, principalType: "USER", principalId: member.userId });
    const list = await createList(t.ctx, { name: "VIPs", objectType: "CONTACT", processingType: "STATIC" });
    await addMembers(t.ctx, list.id, { memberIds: [dup.id] });

    const count = (ids: string[]) =>
      withTenant(t.ctx, async (tx) => ({
        activities: (await tx.select().from(activities).where(and(eq(activities.tenantId, t.tenantId), inArray(activities.recordId, ids)))).length,
        watchers: (await tx.select().from(recordWatchers).where(and(eq(recordWatchers.tenantId, t.tenantId), inArray(recordWatchers.recordId, ids)))).length,
        lists: (await tx.select().from(listMemberships).where(and(eq(listMemberships.tenantId, t.tenantId), inArray(listMemberships.memberId, ids)))).length,
      }));
    expect(await count([dup.id])).toEqual({ activities: 2, watchers: 1, lists: 1 });
    expect(await count([survivor.id])).toEqual({ activities: 1, watchers: 0, lists: 0 });

    await mergeRecords(t.ctx, "CONTACT", survivor.id, { mergeIds: [dup.id] });

    expect(await count([dup.id])).toEqual({ activities: 0, watchers: 0, lists: 0 });
    expect(await count([survivor.id])).toEqual({ activities: 3, watchers: 1, lists: 1 });
    expect(await getRecord(t.ctx, "DEAL", deal.id)).toMatchObject({ contactId: survivor.id });
    expect(await getRecord(t.ctx, "TICKET", ticket.id)).toMatchObject({ contactId: survivor.id });
  });

  it("a company's contacts, deals and tickets follow it; the merged company's domain can then be the survivor's", async () => {
    const t = await makeTenant();
    const survivor = await createRecord(t.ctx, "COMPANY", { name: "Acme" });
    const dup = await createRecord(t.ctx, "COMPANY", { name: "ACME, Inc.", domain: "acme.test" });
    const contact = await createRecord(t.ctx, "CONTACT", { firstName: "Bo", companyId: dup.id });
    const deal = await createRecord(t.ctx, "DEAL", { name: "D", companyId: dup.id });
    const ticket = await createRecord(t.ctx, "TICKET", { subject: "T", companyId: dup.id });
    const after = await mergeRecords(t.ctx, "COMPANY", survivor.id, { mergeIds: [dup.id] });
    expect(after).toMatchObject({ name: "Acme", domain: "acme.test" });
    for (const [kind, id] of [["CONTACT", contact.id], ["DEAL", deal.id], ["TICKET", ticket.id]] as const) expect(await getRecord(t.ctx, kind, id)).toMatchObject({ companyId: survivor.id });
  });

  it("a merged record is gone: its GET is a 404 naming mergedIntoId; the survivor's history holds its snapshot", async () => {
    const { t, survivor, dup } = await contactsToMerge();
    await mergeRecords(t.ctx, "CONTACT", survivor.id, { mergeIds: [dup.id] });
    await expect(getRecord(t.ctx, "CONTACT", dup.id)).rejects.toMatchObject({ code: "not-found", extensions: { mergedIntoId: survivor.id } });
    const { key } = await createApiKey(t.ctx, { name: "k", role: "admin" });
    const res = await getOne(req("GET", `/contacts/${dup.id}`, { key }), params({ collection: "contacts", id: dup.id }));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: "/problems/not-found", mergedIntoId: survivor.id });

    const history = await mergeHistory(t.ctx, "CONTACT", survivor.id);
    expect(history).toEqual([expect.objectContaining({ mergedId: dup.id, mergedByUserId: t.userId, snapshot: { record: expect.objectContaining({ id: dup.id, firstName: "Annie", jobTitle: "CTO" }) } })]);
    const h = await historyRoute(req("GET", `/contacts/${survivor.id}/merge-history`, { key }), params({ collection: "contacts", id: survivor.id }));
    expect(h.status).toBe(200);
    expect((await h.json()).data).toEqual([expect.objectContaining({ mergedId: dup.id, mergedAt: expect.any(String) })]);
  });

  it("writes one record.merged event on the survivor and its record.merged audit entry naming the merged records", async () => {
    const { t, survivor, dup } = await contactsToMerge();
    await mergeRecords(t.ctx, "CONTACT", survivor.id, { mergeIds: [dup.id] });
    const [events, audit] = await withTenant(t.ctx, async (tx) => [
      await tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, t.tenantId), eq(domainEvents.eventType, "record.merged"))),
      await tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t.tenantId), eq(auditLog.action, "record.merged"))),
    ]);
    expect(events).toEqual([expect.objectContaining({ entityType: "CONTACT", entityId: survivor.id, payload: expect.objectContaining({ mergedIds: [dup.id] }) })]);
    expect(audit).toEqual([expect.objectContaining({ recordType: "CONTACT", recordId: survivor.id, actorUserId: t.userId, changes: { mergedIds: [dup.id] } })]);
  });

  it("is one transaction: a refused choice changes nothing", async () => {
    const { t, survivor, dup } = await contactsToMerge();
    await note(t.ctx, "CONTACT", dup.id, "stays");
    await expect(mergeRecords(t.ctx, "CONTACT", survivor.id, { mergeIds: [dup.id], fields: { nope: dup.id } })).rejects.toMatchObject({ code: "validation" });
    await expect(mergeRecords(t.ctx, "CONTACT", survivor.id, { mergeIds: [survivor.id] })).rejects.toMatchObject({ code: "validation" });
    expect(await getRecord(t.ctx, "CONTACT", dup.id)).toMatchObject({ id: dup.id });
    expect(await mergeHistory(t.ctx, "CONTACT", survivor.id)).toEqual([]);
  });

  it("stays inside the access scope: a record outside the write scope is a 403, one outside the read scope a 404", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    await putAccessPolicy(t.ctx, { sales_rep: { CONTACT: { read: "all", write: "own" } } });
    const mine = await createRecord(rep.ctx, "CONTACT", { firstName: "Mine" });
    const theirs = await createRecord(t.ctx, "CONTACT", { firstName: "Theirs" });
    await expect(mergeRecords(rep.ctx, "CONTACT", mine.id, { mergeIds: [theirs.id] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(mergeRecords(rep.ctx, "CONTACT", theirs.id, { mergeIds: [mine.id] })).rejects.toMatchObject({ code: "forbidden" });
    await putAccessPolicy(t.ctx, { sales_rep: { CONTACT: { read: "own", write: "own" } } });
    const { key } = await createApiKey(t.ctx, { name: "rep", userId: rep.userId });
    const res = await mergeRoute(req("POST", `/contacts/${theirs.id}/merge`, { key, body: { mergeIds: [mine.id] } }), params({ collection: "contacts", id: theirs.id }));
    expect(res.status).toBe(404);
    expect(await getRecord(t.ctx, "CONTACT", theirs.id)).toMatchObject({ id: theirs.id });
    expect(await getRecord(t.ctx, "CONTACT", mine.id)).toMatchObject({ id: mine.id });
  });

  it("the REST route answers the surviving record, and 404 for a collection that does not merge", async () => {
    const { t, survivor, dup } = await contactsToMerge();
    const { key } = await createApiKey(t.ctx, { name: "k", role: "sales_rep" });
    const res = await mergeRoute(req("POST", `/contacts/${survivor.id}/merge`, { key, body: { mergeIds: [dup.id] } }), params({ collection: "contacts", id: survivor.id }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: survivor.id, jobTitle: "CTO", mergedIntoId: null });
    // the stored duplicate keys are not record fields
    expect(Object.keys(body).filter((k) => k.startsWith("dup"))).toEqual([]);
    const deal = await createRecord(t.ctx, "DEAL", { name: "D" });
    expect((await mergeRoute(req("POST", `/deals/${deal.id}/merge`, { key, body: { mergeIds: [deal.id] } }), params({ collection: "deals", id: deal.id }))).status).toBe(404);
  });
});
