// Route-level: the exported handlers called as Next would, with a Bearer key.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as createRecordRoute } from "@/app/api/v1/[collection]/route";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import * as item from "./[id]/route";
import * as collection from "./route";

const BASE = "http://localhost/api/v1";
function request(method: string, url: string, key: string | undefined, body?: unknown) {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  return new NextRequest(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
const post = (key: string, body: unknown) => collection.POST(request("POST", `${BASE}/custom-fields`, key, body), { params: Promise.resolve({}) });
const list = (key: string, qs = "") => collection.GET(request("GET", `${BASE}/custom-fields${qs}`, key), { params: Promise.resolve({}) });
const one = (method: "GET" | "PATCH" | "DELETE", key: string, id: string, body?: unknown) =>
  item[method](request(method, `${BASE}/custom-fields/${id}`, key, body), { params: Promise.resolve({ id }) });

describe("/api/v1/custom-fields", () => {
  it("admin defines fields (201, key from label), lists by objectType, edits, deletes (204); 409 on a taken key", async () => {
    const t = await makeTenant();
    const { key } = await createApiKey(t.ctx, { name: "admin", role: "admin" });
    const res = await post(key, { objectType: "DEAL", label: "Contract value", fieldType: "NUMBER", isRequired: true });
    expect(res.status).toBe(201);
    const field = (await res.json()) as { id: string };
    expect(field).toMatchObject({ objectType: "DEAL", key: "contractValue", label: "Contract value", fieldType: "NUMBER", options: [], isRequired: true, displayOrder: 0 });
    await post(key, { objectType: "CONTACT", label: "Birthday", fieldType: "DATE" });

    expect(((await (await list(key, "?objectType=DEAL")).json()) as { data: { key: string }[] }).data.map((f) => f.key)).toEqual(["contractValue"]);
    expect(((await (await list(key)).json()) as { data: unknown[] }).data).toHaveLength(2);
    expect((await list(key, "?objectType=PIPELINE")).status).toBe(400);

    const dup = await post(key, { objectType: "DEAL", label: "contract VALUE", fieldType: "TEXT" });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ type: "/problems/conflict", errors: [{ path: "label" }] });

    const patched = await one("PATCH", key, field.id, { label: "Contract value (USD)", isRequired: false });
    expect(await patched.json()).toMatchObject({ key: "contractValue", label: "Contract value (USD)", isRequired: false });
    expect((await one("PATCH", key, field.id, { fieldType: "TEXT" })).status).toBe(422);
    expect((await one("DELETE", key, field.id)).status).toBe(204);
    expect((await one("GET", key, field.id)).status).toBe(404);
  });

  it("record writes over REST answer 422 with customFields.<key> paths", async () => {
    const t = await makeTenant();
    const { key } = await createApiKey(t.ctx, { name: "admin", role: "admin" });
    await post(key, { objectType: "COMPANY", label: "Tier", fieldType: "SELECT", options: ["Gold", "Silver"], isRequired: true });
    const create = (body: unknown) => createRecordRoute(request("POST", `${BASE}/companies`, key, body), { params: Promise.resolve({ collection: "companies" }) });
    const bad = await create({ name: "Acme", customFields: { tier: "Platinum", nope: 1 } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      type: "/problems/validation",
      errors: [
        { path: "customFields.tier", message: 'must be one of "Gold", "Silver"' },
        { path: "customFields.nope", message: "is not a custom field of companies" },
      ],
    });
    const missing = await create({ name: "Acme" });
    expect(await missing.json()).toMatchObject({ status: 422, errors: [{ path: "customFields.tier", message: "is required" }] });
    const ok = await create({ name: "Acme", customFields: { tier: "Gold" } });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ customFields: { tier: "Gold" } });
  });

  it("403 for non-admins, 404 for another tenant's field", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const { key: manager } = await createApiKey(a.ctx, { name: "m", role: "manager" });
    const { key: bKey } = await createApiKey(b.ctx, { name: "b", role: "admin" });
    expect((await post(manager, { objectType: "DEAL", label: "X", fieldType: "TEXT" })).status).toBe(403);
    expect((await list(manager)).status).toBe(200);
    const bField = (await (await post(bKey, { objectType: "DEAL", label: "Secret", fieldType: "TEXT" })).json()) as { id: string };
    const { key } = await createApiKey(a.ctx, { name: "admin", role: "admin" });
    for (const m of ["GET", "PATCH", "DELETE"] as const) expect((await one(m, key, bField.id, m === "PATCH" ? { label: "x" } : undefined)).status).toBe(404);
  });
});
