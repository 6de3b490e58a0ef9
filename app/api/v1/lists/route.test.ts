import { describe, expect, it } from "vitest";
import { POST as createRecordRoute } from "@/app/api/v1/[collection]/route";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import { GET as getOne, PATCH, DELETE } from "./[id]/route";
import { DELETE as removeMember } from "./[id]/members/[memberId]/route";
import { GET as listMembers, POST as addMembers } from "./[id]/members/route";
import { POST as refresh } from "./[id]/refresh/route";
import { GET as list, POST } from "./route";
import { apiRequest as req, routeParams as params } from "@/lib/api/testing";

async function tenant() {
  const t = await makeTenant();
  const admin = (await createApiKey(t.ctx, { name: "admin", role: "admin" })).key;
  const readonly = (await createApiKey(t.ctx, { name: "ro", role: "readonly" })).key;
  return { ...t, admin, readonly };
}

async function contact(key: string, body: Record<string, unknown>) {
  const res = await createRecordRoute(req("POST", "/contacts", { key, body }), params({ collection: "contacts" }));
  return (await res.json()) as { id: string };
}

describe("REST /lists", () => {
  it("static lists: create, add members (idempotent, 422 for wrong ids), page, remove, archive, delete", async () => {
    const t = await tenant();
    const key = t.admin;
    const res = await POST(req("POST", "/lists", { key, body: { name: "VIPs", objectType: "CONTACT", processingType: "STATIC" } }), params({}));
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ name: "VIPs", memberCount: 0, processingType: "STATIC" });
    expect(created.tenantId).toBeUndefined();
    const id = created.id as string;
    const [a, b] = [await contact(key, { firstName: "Ann" }), await contact(key, { firstName: "Bob" })];

    const add = await addMembers(req("POST", `/lists/${id}/members`, { key, body: { memberIds: [a.id, b.id] } }), params({ id }));
    expect(await add.json()).toEqual({ added: 2, total: 2 });
    expect(await (await addMembers(req("POST", `/lists/${id}/members`, { key, body: { memberIds: [a.id] } }), params({ id }))).json()).toEqual({ added: 0, total: 2 });
    const bad = await addMembers(req("POST", `/lists/${id}/members`, { key, body: { memberIds: [a.id, id] } }), params({ id }));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ type: "/problems/validation", errors: [{ path: "memberIds[1]" }], invalidIds: [id] });

    expect(await (await getOne(req("GET", `/lists/${id}`, { key }), params({ id }))).json()).toMatchObject({ memberCount: 2 });
    const page = await (await listMembers(req("GET", `/lists/${id}/members?limit=1`, { key }), params({ id }))).json();
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({ memberType: "CONTACT", addedAt: expect.any(String) });
    const page2 = await (await listMembers(req("GET", `/lists/${id}/members?limit=1&cursor=${page.nextCursor}`, { key }), params({ id }))).json();
    expect(new Set([page.data[0].memberId, page2.data[0].memberId])).toEqual(new Set([a.id, b.id]));
    expect((await listMembers(req("GET", `/lists/${id}/members?limit=0`, { key }), params({ id }))).status).toBe(400);

    expect((await removeMember(req("DELETE", `/lists/${id}/members/${a.id}`, { key }), params({ id, memberId: a.id }))).status).toBe(204);
    expect((await removeMember(req("DELETE", `/lists/${id}/members/${a.id}`, { key }), params({ id, memberId: a.id }))).status).toBe(404);

    expect(await (await PATCH(req("PATCH", `/lists/${id}`, { key, body: { isArchived: true } }), params({ id }))).json()).toMatchObject({ isArchived: true, memberCount: 1 });
    expect((await (await list(req("GET", "/lists", { key }), params({}))).json()).data).toEqual([]);
    expect((await (await list(req("GET", "/lists?archived=all", { key }), params({}))).json()).data).toHaveLength(1);
    expect((await list(req("GET", "/lists?objectType=NOPE", { key }), params({}))).status).toBe(400);
    expect((await DELETE(req("DELETE", `/lists/${id}`, { key }), params({ id }))).status).toBe(204);
    expect((await getOne(req("GET", `/lists/${id}`, { key }), params({ id }))).status).toBe(404);
  });

  it("dynamic lists: filter validation 422 with paths, 409 on manual add, refresh diff", async () => {
    const t = await tenant();
    const key = t.admin;
    const invalid = await POST(req("POST", "/lists", { key, body: { name: "D", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "jobTitle", op: "gt", value: 1 }] } } }), params({}));
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).errors[0].path).toBe("filter.all[0].op");
    const ceo = await contact(key, { firstName: "Cy", jobTitle: "CEO" });
    const res = await POST(req("POST", "/lists", { key, body: { name: "CEOs", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "jobTitle", op: "eq", value: "ceo" }] } } }), params({}));
    const dyn = await res.json();
    expect(dyn.memberCount).toBe(1);
    const id = dyn.id as string;
    const add = await addMembers(req("POST", `/lists/${id}/members`, { key, body: { memberIds: [ceo.id] } }), params({ id }));
    expect(add.status).toBe(409);
    expect(await add.json()).toMatchObject({ type: "/problems/conflict" });
    await contact(key, { firstName: "Di", jobTitle: "ceo" });
    expect(await (await refresh(req("POST", `/lists/${id}/refresh`, { key }), params({ id }))).json()).toEqual({ added: 1, removed: 0, total: 2 });
    expect((await refresh(req("POST", `/lists/${id}/refresh`, { key: t.readonly }), params({ id }))).status).toBe(403);
    expect((await getOne(req("GET", `/lists/${id}`, { key: t.readonly }), params({ id }))).status).toBe(200);
  });

  it("answers 404 for another tenant's list on every route", async () => {
    const a = await tenant();
    const b = await tenant();
    const bList = await (await POST(req("POST", "/lists", { key: b.admin, body: { name: "B", objectType: "CONTACT" } }), params({}))).json();
    const id = bList.id as string;
    const bc = await contact(b.admin, { firstName: "Bea" });
    const key = a.admin;
    const responses = [
      await getOne(req("GET", `/lists/${id}`, { key }), params({ id })),
      await PATCH(req("PATCH", `/lists/${id}`, { key, body: { name: "mine" } }), params({ id })),
      await DELETE(req("DELETE", `/lists/${id}`, { key }), params({ id })),
      await listMembers(req("GET", `/lists/${id}/members`, { key }), params({ id })),
      await addMembers(req("POST", `/lists/${id}/members`, { key, body: { memberIds: [bc.id] } }), params({ id })),
      await removeMember(req("DELETE", `/lists/${id}/members/${bc.id}`, { key }), params({ id, memberId: bc.id })),
      await refresh(req("POST", `/lists/${id}/refresh`, { key }), params({ id })),
      await getOne(req("GET", `/lists/not-a-uuid`, { key }), params({ id: "not-a-uuid" })),
    ];
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 404));
    expect((await (await list(req("GET", "/lists", { key }), params({}))).json()).data).toEqual([]);
    expect(await (await getOne(req("GET", `/lists/${id}`, { key: b.admin }), params({ id }))).json()).toMatchObject({ name: "B" });
  });
});
