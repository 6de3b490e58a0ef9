// Route-level: the exported handlers called as Next would, with a Bearer key.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { authenticateApiKey, createApiKey } from "@/lib/api/keys";
import * as item from "./[id]/route";
import * as collection from "./route";

const URL_BASE = "http://localhost/api/v1/api-keys";
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

describe("/api/v1/api-keys", () => {
  it("an admin key creates a key (shown once), lists it by prefix only, and revokes it", async () => {
    const t = await makeTenant();
    const admin = await createApiKey(t.ctx, { name: "bootstrap", role: "admin" });
    const res = await collection.POST(
      new NextRequest(URL_BASE, { method: "POST", headers: { ...auth(admin.key), "content-type": "application/json" }, body: JSON.stringify({ name: "Zapier", role: "sales_rep" }) }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; key: string; keyPrefix: string; role: string };
    expect(created).toMatchObject({ role: "sales_rep", keyPrefix: created.key.slice(0, 10) });
    expect(await authenticateApiKey(created.key)).toMatchObject({ tenantId: t.tenantId, actor: { role: "sales_rep" } });

    const listed = await collection.GET(new NextRequest(URL_BASE, { headers: auth(admin.key) }), { params: Promise.resolve({}) });
    const body = (await listed.json()) as { data: Record<string, unknown>[] };
    expect(body.data.map((k) => k.name).sort()).toEqual(["Zapier", "bootstrap"]);
    expect(JSON.stringify(body)).not.toContain(created.key);

    const del = await item.DELETE(new NextRequest(`${URL_BASE}/${created.id}`, { method: "DELETE", headers: auth(admin.key) }), { params: Promise.resolve({ id: created.id }) });
    expect(del.status).toBe(204);
    expect(await authenticateApiKey(created.key)).toBeNull();
    // Revoking again: already revoked is not found.
    const again = await item.DELETE(new NextRequest(`${URL_BASE}/${created.id}`, { method: "DELETE", headers: auth(admin.key) }), { params: Promise.resolve({ id: created.id }) });
    expect(again.status).toBe(404);
  });

  it("a manager key is 403 on every api-keys endpoint", async () => {
    const t = await makeTenant();
    const manager = await createApiKey(t.ctx, { name: "m", role: "manager" });
    const target = await createApiKey(t.ctx, { name: "target", role: "admin" });
    const list = await collection.GET(new NextRequest(URL_BASE, { headers: auth(manager.key) }), { params: Promise.resolve({}) });
    expect(list.status).toBe(403);
    const del = await item.DELETE(new NextRequest(`${URL_BASE}/${target.id}`, { method: "DELETE", headers: auth(manager.key) }), { params: Promise.resolve({ id: target.id }) });
    expect(del.status).toBe(403);
    expect(await authenticateApiKey(target.key)).not.toBeNull();
  });

  it("another tenant's key id is 404 and that key keeps working", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const aAdmin = await createApiKey(a.ctx, { name: "a", role: "admin" });
    const bKey = await createApiKey(b.ctx, { name: "b", role: "admin" });
    const res = await item.DELETE(new NextRequest(`${URL_BASE}/${bKey.id}`, { method: "DELETE", headers: auth(aAdmin.key) }), { params: Promise.resolve({ id: bKey.id }) });
    expect(res.status).toBe(404);
    expect(await authenticateApiKey(bKey.key)).toMatchObject({ tenantId: b.tenantId });
  });

  it("rejects an unknown role with 422", async () => {
    const t = await makeTenant();
    const admin = await createApiKey(t.ctx, { name: "a", role: "admin" });
    const res = await collection.POST(
      new NextRequest(URL_BASE, { method: "POST", headers: { ...auth(admin.key), "content-type": "application/json" }, body: JSON.stringify({ name: "x", role: "owner" }) }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ errors: [{ path: "role" }] });
  });
});
