// Route-level: the exported handler called as Next would, with a Bearer key.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import { setMemberActive } from "@/lib/tenancy/members";
import { GET } from "./route";

const get = (key?: string) =>
  GET(new NextRequest("http://localhost/api/v1/users", { headers: key ? { authorization: `Bearer ${key}` } : {} }), { params: Promise.resolve({}) });

describe("GET /api/v1/users", () => {
  it("a sales_rep key lists the tenant's members with id, email, name, role, isActive", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
    await setMemberActive(t.ctx, { userId: rep.userId, active: false });
    await makeTenant("Someone else"); // must not show up
    const { key } = await createApiKey(t.ctx, { name: "rep", role: "sales_rep" });
    const res = await get(key);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Record<string, unknown>[] };
    expect(body.data).toHaveLength(2);
    expect(body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: t.userId, email: t.email, role: "admin", isActive: true }),
        expect.objectContaining({ id: rep.userId, email: rep.email, name: "Rita Rep", role: "sales_rep", isActive: false }),
      ]),
    );
    expect(JSON.stringify(body)).not.toMatch(/password|session/i);
  });

  it("no key → 401 problem+json; unknown key → 401; revoked key → 401", async () => {
    const t = await makeTenant();
    const missing = await get();
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(await missing.json()).toMatchObject({ type: "/problems/unauthorized", status: 401 });

    expect((await get("slk_not-a-real-key-at-all-000000000000000")).status).toBe(401);

    const k = await createApiKey(t.ctx, { name: "temp", role: "admin" });
    expect((await get(k.key)).status).toBe(200);
    await revokeApiKey(t.ctx, k.id);
    const revoked = await get(k.key);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ type: "/problems/unauthorized" });
  });
});
