import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import type { Role } from "@/lib/auth/permissions";
import { createRecord } from "@/lib/records/service";
import { createGroup } from "@/lib/tenancy/groups";
import { GET as notifications } from "../notifications/route";
import { POST as markRead } from "../notifications/read/route";
import { DELETE, GET, POST } from "./route";
import { apiRequest as req } from "@/lib/api/testing";

const none = { params: Promise.resolve({}) };

async function tenantWithKeys() {
  const t = await makeTenant();
  const keys = {} as Record<Role, string>;
  for (const role of ["admin", "sales_rep", "readonly"] as Role[]) keys[role] = (await createApiKey(t.ctx, { name: role, role })).key;
  return { ...t, keys };
}

describe("REST /watchers", () => {
  it("follows idempotently (201 then 200), lists both ways, unfollows (204, then 404)", async () => {
    const t = await tenantWithKeys();
    const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
    const team = await createGroup(t.ctx, { name: "Enterprise", memberUserIds: [rep.userId] });
    const company = await createRecord(t.ctx, "COMPANY", { name: "Initech" });
    const body = { recordType: "COMPANY", recordId: company.id, principalType: "USER", principalId: rep.userId };
    const first = await POST(req("POST", "/watchers", { key: t.keys.admin, body }), none);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ ...body, principalName: "Rita Rep" });
    expect((await POST(req("POST", "/watchers", { key: t.keys.admin, body }), none)).status).toBe(200);
    expect((await POST(req("POST", "/watchers", { key: t.keys.sales_rep, body: { ...body, principalType: "GROUP", principalId: team.id } }), none)).status).toBe(201);

    const byRecord = await GET(req("GET", `/watchers?recordType=COMPANY&recordId=${company.id}`, { key: t.keys.readonly }), none);
    expect(byRecord.status).toBe(200);
    expect((await byRecord.json()).data.map((w: { principalType: string; principalName: string }) => [w.principalType, w.principalName])).toEqual([
      ["USER", "Rita Rep"],
      ["GROUP", "Enterprise"],
    ]);
    const byPrincipal = await GET(req("GET", `/watchers?principalType=GROUP&principalId=${team.id}`, { key: t.keys.readonly }), none);
    expect((await byPrincipal.json()).data).toEqual([expect.objectContaining({ recordType: "COMPANY", recordId: company.id, title: "Initech" })]);

    const q = new URLSearchParams(body).toString();
    // a sales rep key may not make another user unfollow; the admin may
    expect((await DELETE(req("DELETE", `/watchers?${q}`, { key: t.keys.sales_rep }), none)).status).toBe(403);
    expect((await DELETE(req("DELETE", `/watchers?${q}`, { key: t.keys.admin }), none)).status).toBe(204);
    expect((await DELETE(req("DELETE", `/watchers?${q}`, { key: t.keys.admin }), none)).status).toBe(404);
  });

  it("answers 400 for a query that names neither a record nor a principal, 422 for a bad body", async () => {
    const t = await tenantWithKeys();
    expect((await GET(req("GET", "/watchers", { key: t.keys.admin }), none)).status).toBe(400);
    expect((await GET(req("GET", "/watchers?recordType=CONTACT&recordId=nope", { key: t.keys.admin }), none)).status).toBe(400);
    const bad = await POST(req("POST", "/watchers", { key: t.keys.admin, body: { recordType: "THING", recordId: "x", principalType: "USER" } }), none);
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors.map((e: { path: string }) => e.path).sort()).toEqual(["principalId", "recordId", "recordType"]);
  });

  it("cannot follow, list or unfollow another tenant's record: 404", async () => {
    const a = await tenantWithKeys();
    const b = await tenantWithKeys();
    const theirs = await createRecord(b.ctx, "DEAL", { name: "B deal" });
    const body = { recordType: "DEAL", recordId: theirs.id, principalType: "USER", principalId: b.userId };
    expect((await POST(req("POST", "/watchers", { key: b.keys.admin, body }), none)).status).toBe(201);
    const key = a.keys.admin;
    expect((await POST(req("POST", "/watchers", { key, body: { ...body, principalId: a.userId } }), none)).status).toBe(404);
    expect((await GET(req("GET", `/watchers?recordType=DEAL&recordId=${theirs.id}`, { key }), none)).status).toBe(404);
    expect((await DELETE(req("DELETE", `/watchers?${new URLSearchParams(body)}`, { key }), none)).status).toBe(404);
    expect((await GET(req("GET", `/watchers?principalType=USER&principalId=${b.userId}`, { key }), none)).status).toBe(404);
    // B's watcher is still there
    expect((await (await GET(req("GET", `/watchers?recordType=DEAL&recordId=${theirs.id}`, { key: b.keys.admin }), none)).json()).data).toHaveLength(1);
  });
});

describe("REST /notifications", () => {
  it("belong to signed-in users: an API key gets 403", async () => {
    const t = await tenantWithKeys();
    const res = await notifications(req("GET", "/notifications", { key: t.keys.admin }), none);
    expect(res.status).toBe(403);
    expect((await markRead(req("POST", "/notifications/read", { key: t.keys.admin, body: { all: true } }), none)).status).toBe(403);
    expect((await markRead(req("POST", "/notifications/read", { key: t.keys.admin, body: { ids: [] } }), none)).status).toBe(422);
  });
});
