import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import type { Role } from "@/lib/auth/permissions";
import { createRecord } from "@/lib/records/service";
import { POST as complete } from "./[id]/complete/route";
import { DELETE, GET as getOne, PATCH } from "./[id]/route";
import { GET as list, POST } from "./route";
import { apiRequest as req } from "@/lib/api/testing";

const none = { params: Promise.resolve({}) };
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

async function tenantWithKeys() {
  const t = await makeTenant();
  const keys = {} as Record<Role, string>;
  for (const role of ["admin", "sales_rep", "readonly"] as Role[]) keys[role] = (await createApiKey(t.ctx, { name: role, role })).key;
  return { ...t, keys };
}

describe("REST /activities", () => {
  it("logs a call (201), lists, patches and soft-deletes it (204)", async () => {
    const t = await tenantWithKeys();
    const contact = await createRecord(t.ctx, "CONTACT", { firstName: "Hank" });
    const key = t.keys.sales_rep;
    const res = await POST(req("POST", "/activities", { key, body: { activityType: "CALL", recordType: "CONTACT", recordId: contact.id, subject: "Intro", body: "Went well", activityAt: "2026-02-01T10:00:00Z" } }), none);
    expect(res.status).toBe(201);
    const call = await res.json();
    expect(call).toMatchObject({ activityType: "CALL", subject: "Intro", recordType: "CONTACT", recordId: contact.id, activityAt: "2026-02-01T10:00:00.000Z", createdByUserId: null });
    expect(call.tenantId).toBeUndefined();

    const listed = await list(req("GET", `/activities?recordType=CONTACT&recordId=${contact.id}`, { key: t.keys.readonly }), none);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ data: [expect.objectContaining({ id: call.id })], nextCursor: null });

    const patched = await PATCH(req("PATCH", `/activities/${call.id}`, { key, body: { subject: "Intro call", outcome: "Interested" } }), withId(call.id));
    expect(await patched.json()).toMatchObject({ subject: "Intro call", outcome: "Interested", body: "Went well" });
    expect((await getOne(req("GET", `/activities/${call.id}`, { key }), withId(call.id))).status).toBe(200);

    expect((await DELETE(req("DELETE", `/activities/${call.id}`, { key }), withId(call.id))).status).toBe(204);
    expect((await getOne(req("GET", `/activities/${call.id}`, { key }), withId(call.id))).status).toBe(404);
    expect(await (await list(req("GET", `/activities?recordType=CONTACT&recordId=${contact.id}`, { key }), none)).json()).toEqual({ data: [], nextCursor: null });
  });

  it("creates a recurring task and completes it into its next occurrence", async () => {
    const t = await tenantWithKeys();
    const deal = await createRecord(t.ctx, "DEAL", { name: "Renewal" });
    const res = await POST(
      req("POST", "/activities", { key: t.keys.admin, body: { activityType: "TASK", recordType: "DEAL", recordId: deal.id, subject: "Check in", dueAt: "2026-03-02T09:00:00Z", recurrenceRule: "FREQ=WEEKLY", assignedUserId: t.userId } }),
      none,
    );
    expect(res.status).toBe(201);
    const task = await res.json();
    const done = await complete(req("POST", `/activities/${task.id}/complete`, { key: t.keys.admin }), withId(task.id));
    expect(done.status).toBe(200);
    const body = await done.json();
    expect(body.task.completedAt).not.toBeNull();
    expect(body.next).toMatchObject({ dueAt: "2026-03-09T09:00:00.000Z", parentActivityId: task.id, assignedUserId: t.userId });
  });

  it("answers 422 with paths for bad input, 403 for a readonly key, 400 for a bad query", async () => {
    const t = await tenantWithKeys();
    const contact = await createRecord(t.ctx, "CONTACT", { firstName: "Hank" });
    const bad = await POST(req("POST", "/activities", { key: t.keys.admin, body: { activityType: "TASK", recordType: "CONTACT", recordId: contact.id, subject: "", recurrenceRule: "FREQ=NEVER" } }), none);
    expect(bad.status).toBe(422);
    const problem = await bad.json();
    expect(problem.type).toBe("/problems/validation");
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(["recurrenceRule", "subject"]);
    const forbidden = await POST(req("POST", "/activities", { key: t.keys.readonly, body: { activityType: "NOTE", recordType: "CONTACT", recordId: contact.id, subject: "x" } }), none);
    expect(forbidden.status).toBe(403);
    expect((await list(req("GET", "/activities?recordType=CONTACT", { key: t.keys.admin }), none)).status).toBe(400);
    expect((await list(req("GET", `/activities?recordType=PIPELINE&recordId=${contact.id}`, { key: t.keys.admin }), none)).status).toBe(400);
  });

  it("never reaches another tenant's records or activities: 404", async () => {
    const a = await tenantWithKeys();
    const b = await tenantWithKeys();
    const theirContact = await createRecord(b.ctx, "CONTACT", { firstName: "Bea" });
    const theirs = await (await POST(req("POST", "/activities", { key: b.keys.admin, body: { activityType: "NOTE", recordType: "CONTACT", recordId: theirContact.id, subject: "B only" } }), none)).json();
    const key = a.keys.admin;
    const create = await POST(req("POST", "/activities", { key, body: { activityType: "NOTE", recordType: "CONTACT", recordId: theirContact.id, subject: "sneak" } }), none);
    expect(create.status).toBe(404);
    expect((await create.json()).type).toBe("/problems/not-found");
    expect((await list(req("GET", `/activities?recordType=CONTACT&recordId=${theirContact.id}`, { key }), none)).status).toBe(404);
    expect((await getOne(req("GET", `/activities/${theirs.id}`, { key }), withId(theirs.id))).status).toBe(404);
    expect((await PATCH(req("PATCH", `/activities/${theirs.id}`, { key, body: { subject: "x" } }), withId(theirs.id))).status).toBe(404);
    expect((await DELETE(req("DELETE", `/activities/${theirs.id}`, { key }), withId(theirs.id))).status).toBe(404);
    expect((await getOne(req("GET", "/activities/not-a-uuid", { key }), withId("not-a-uuid"))).status).toBe(404);
  });
});
