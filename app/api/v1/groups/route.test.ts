// Route-level: the exported handlers called as Next would, with a Bearer key.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import { createGroup, getGroup } from "@/lib/tenancy/groups";
import * as item from "./[id]/route";
import * as collection from "./route";

const URL_BASE = "http://localhost/api/v1/groups";

function request(method: string, url: string, key: string | undefined, body?: unknown) {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  return new NextRequest(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const post = (key: string | undefined, body: unknown) => collection.POST(request("POST", URL_BASE, key, body), { params: Promise.resolve({}) });
const list = (key: string | undefined) => collection.GET(request("GET", URL_BASE, key), { params: Promise.resolve({}) });
const one = (method: "GET" | "PATCH" | "DELETE", key: string, id: string, body?: unknown) =>
  item[method](request(method, `${URL_BASE}/${id}`, key, body), { params: Promise.resolve({ id }) });

describe("/api/v1/groups", () => {
  it("an admin key creates (201), reads, patches and deletes (204) a group", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    const { key } = await createApiKey(t.ctx, { name: "admin", role: "admin" });

    const created = await post(key, { name: "Inside sales", memberUserIds: [rep.userId] });
    expect(created.status).toBe(201);
    const group = (await created.json()) as { id: string; name: string; memberUserIds: string[] };
    expect(group).toMatchObject({ name: "Inside sales", memberUserIds: [rep.userId] });

    expect(await (await list(key)).json()).toMatchObject({ data: [{ id: group.id, name: "Inside sales" }] });
    expect(await (await one("GET", key, group.id)).json()).toMatchObject({ id: group.id, memberUserIds: [rep.userId] });

    const patched = await one("PATCH", key, group.id, { name: "Field sales", memberUserIds: [t.userId] });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: "Field sales", memberUserIds: [t.userId] });

    expect((await one("DELETE", key, group.id)).status).toBe(204);
    expect((await one("GET", key, group.id)).status).toBe(404);
  });

  it("a readonly key may list but POST is 403 problem+json, and nothing is created", async () => {
    const t = await makeTenant();
    const { key } = await createApiKey(t.ctx, { name: "viewer", role: "readonly" });
    expect((await list(key)).status).toBe(200);
    const res = await post(key, { name: "Nope", memberUserIds: [] });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ type: "/problems/forbidden", status: 403 });
    expect(await (await list(key)).json()).toMatchObject({ data: [] });
  });

  it("another tenant's group id is 404 for GET, PATCH and DELETE, and the group is unchanged", async () => {
    const a = await makeTenant("A");
    const b = await makeTenant("B");
    const bGroup = await createGroup(b.ctx, { name: "B team", memberUserIds: [b.userId] });
    const { key } = await createApiKey(a.ctx, { name: "a-admin", role: "admin" });
    for (const [method, body] of [["GET", undefined], ["PATCH", { name: "pwned" }], ["DELETE", undefined]] as const) {
      const res = await one(method, key, bGroup.id, body);
      expect(res.status, method).toBe(404);
      expect(await res.json()).toMatchObject({ type: "/problems/not-found" });
    }
    expect(await getGroup(b.ctx, bGroup.id)).toEqual(bGroup);
    expect((await one("GET", key, "not-a-uuid")).status).toBe(404);
  });

  it("validation: 422 with paths; another tenant's user as member is 422; bad JSON 400; wrong type 415", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const { key } = await createApiKey(a.ctx, { name: "a-admin", role: "admin" });
    const empty = await post(key, { name: "", memberUserIds: ["nope"] });
    expect(empty.status).toBe(422);
    const problem = (await empty.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path).sort()).toEqual(["memberUserIds[0]", "name"]);

    const foreign = await post(key, { name: "X", memberUserIds: [a.userId, b.userId] });
    expect(foreign.status).toBe(422);
    expect(await foreign.json()).toMatchObject({ errors: [{ path: "memberUserIds[1]" }] });

    const bad = await collection.POST(
      new NextRequest(URL_BASE, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: "{" }),
      { params: Promise.resolve({}) },
    );
    expect(bad.status).toBe(400);
    const text = await collection.POST(
      new NextRequest(URL_BASE, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" }, body: "{}" }),
      { params: Promise.resolve({}) },
    );
    expect(text.status).toBe(415);
  });

  it("a duplicate name is 409 conflict", async () => {
    const t = await makeTenant();
    const { key } = await createApiKey(t.ctx, { name: "admin", role: "admin" });
    expect((await post(key, { name: "Dup" })).status).toBe(201);
    const res = await post(key, { name: "Dup" });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ type: "/problems/conflict" });
  });

  it("missing key → 401, revoked key → 401", async () => {
    const t = await makeTenant();
    expect((await post(undefined, { name: "X" })).status).toBe(401);
    const k = await createApiKey(t.ctx, { name: "temp", role: "admin" });
    await revokeApiKey(t.ctx, k.id);
    const res = await post(k.key, { name: "X" });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ type: "/problems/unauthorized" });
  });
});
