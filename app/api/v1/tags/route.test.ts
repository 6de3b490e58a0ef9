// Route-level: the exported handlers called as Next would, with a Bearer key.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import { createRecord, getRecord } from "@/lib/records/service";
import * as item from "./[id]/route";
import * as collection from "./route";

const BASE = "http://localhost/api/v1/tags";
function request(method: string, url: string, key: string | undefined, body?: unknown) {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  return new NextRequest(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
const post = (key: string, body: unknown) => collection.POST(request("POST", BASE, key, body), { params: Promise.resolve({}) });
const list = (key: string, qs = "") => collection.GET(request("GET", `${BASE}${qs}`, key), { params: Promise.resolve({}) });
const one = (method: "GET" | "PATCH" | "DELETE", key: string, id: string, body?: unknown) => item[method](request(method, `${BASE}/${id}`, key, body), { params: Promise.resolve({ id }) });

describe("/api/v1/tags", () => {
  it("admin: POST 201, GET with counts, PATCH renames everywhere, DELETE 204 removes everywhere", async () => {
    const t = await makeTenant();
    const { key } = await createApiKey(t.ctx, { name: "admin", role: "admin" });
    const res = await post(key, { name: "Hot", color: "#EA580C" });
    expect(res.status).toBe(201);
    const tag = (await res.json()) as { id: string };
    expect(tag).toMatchObject({ name: "Hot", color: "#ea580c", category: null });
    const deal = await createRecord(t.ctx, "DEAL", { name: "D", tags: ["Hot"] });

    expect(await (await list(key, "?counts=true")).json()).toMatchObject({ data: [{ id: tag.id, name: "Hot", usageCount: 1 }], nextCursor: null });
    const patched = await one("PATCH", key, tag.id, { name: "Very hot" });
    expect(patched.status).toBe(200);
    expect((await getRecord(t.ctx, "DEAL", deal.id)).tags).toEqual(["Very hot"]);

    expect((await one("DELETE", key, tag.id)).status).toBe(204);
    expect((await getRecord(t.ctx, "DEAL", deal.id)).tags).toEqual([]);
    expect((await one("GET", key, tag.id)).status).toBe(404);
  });

  it("409 for a taken name, 422 with paths for bad input, 403 for non-admins, 404 across tenants", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const { key } = await createApiKey(a.ctx, { name: "admin", role: "admin" });
    const { key: rep } = await createApiKey(a.ctx, { name: "rep", role: "sales_rep" });
    const { key: bKey } = await createApiKey(b.ctx, { name: "b", role: "admin" });
    await post(key, { name: "VIP" });
    const dup = await post(key, { name: "vip" });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ type: "/problems/conflict", errors: [{ path: "name" }] });
    const bad = await post(key, { name: "", color: "red" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual(["color", "name"]);
    expect((await post(rep, { name: "Nope" })).status).toBe(403);
    expect((await list(rep)).status).toBe(200);

    const bTag = (await (await post(bKey, { name: "Theirs" })).json()) as { id: string };
    for (const m of ["GET", "PATCH", "DELETE"] as const) expect((await one(m, key, bTag.id, m === "PATCH" ? { name: "x" } : undefined)).status).toBe(404);
    expect((await one("GET", key, "not-a-uuid")).status).toBe(404);
  });
});
