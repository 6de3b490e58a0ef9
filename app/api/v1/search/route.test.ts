// Route-level: the exported handler called as Next would, with a Bearer key.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import { createRecord } from "@/lib/records/service";
import { GET } from "./route";

const get = (qs: string, key?: string) =>
  GET(new NextRequest(`http://localhost/api/v1/search${qs}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }), { params: Promise.resolve({}) });

describe("GET /api/v1/search", () => {
  it("answers { data } best match first, for any role that may read records", async () => {
    const t = await makeTenant();
    const c = await createRecord(t.ctx, "CONTACT", { firstName: "Jonathan", lastName: "Smith", email: "js@example.test" });
    await createRecord(t.ctx, "COMPANY", { name: "Smithson Tools" });
    const { key } = await createApiKey(t.ctx, { name: "viewer", role: "readonly" });
    const res = await get("?q=jonatan%20smith", key);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { recordType: string; id: string; title: string; subtitle: string | null; score: number }[] };
    expect(body.data[0]).toMatchObject({ recordType: "CONTACT", id: c.id, title: "Jonathan Smith", subtitle: "js@example.test" });
    expect(Object.keys(body.data[0]!).sort()).toEqual(["id", "recordType", "score", "subtitle", "title"]);

    const two = (await (await get("?q=smith&types=company", key)).json()) as { data: { recordType: string }[] };
    expect(two.data.map((h) => h.recordType)).toEqual(["COMPANY"]);
  });

  it("q is required and 1–200 characters; limit and types are checked: 400 problem+json", async () => {
    const t = await makeTenant();
    const { key } = await createApiKey(t.ctx, { name: "k", role: "sales_rep" });
    for (const qs of ["", "?q=", "?q=%20%20", `?q=${"a".repeat(201)}`, "?q=x&limit=0", "?q=x&limit=51", "?q=x&types=PIPELINE"]) {
      const res = await get(qs, key);
      expect(res.status, qs).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(await res.json()).toMatchObject({ type: "/problems/bad-request", status: 400 });
    }
    expect((await get(`?q=${"a".repeat(200)}`, key)).status).toBe(200);
  });

  it("401 without a key; another tenant's records never appear", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    await createRecord(b.ctx, "CONTACT", { firstName: "Secret", lastName: "Person" });
    expect((await get("?q=secret")).status).toBe(401);
    const { key } = await createApiKey(a.ctx, { name: "k", role: "admin" });
    expect(await (await get("?q=secret%20person", key)).json()).toEqual({ data: [] });
  });
});
