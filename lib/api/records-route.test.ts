import { describe, expect, it } from "vitest";
import { GET as getOne, PATCH, DELETE } from "@/app/api/v1/[collection]/[id]/route";
import { GET as list, POST } from "@/app/api/v1/[collection]/route";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import type { Role } from "@/lib/auth/permissions";
import { apiRequest as req, routeParams as params } from "@/lib/api/testing";

async function tenantWithKeys() {
  const t = await makeTenant();
  const keys = {} as Record<Role, string>;
  for (const role of ["admin", "manager", "sales_rep", "readonly"] as Role[]) keys[role] = (await createApiKey(t.ctx, { name: role, role })).key;
  return { ...t, keys };
}

describe("REST API key authentication", () => {
  it("answers 401 problem+json for a missing, unknown or revoked key", async () => {
    const t = await tenantWithKeys();
    for (const key of [undefined, "slk_not-a-real-key", "garbage"]) {
      const res = await list(req("GET", "/companies", { key }), params({ collection: "companies" }));
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(await res.json()).toMatchObject({ type: "/problems/unauthorized", status: 401 });
    }
    const { id, key } = await createApiKey(t.ctx, { name: "temp", role: "admin" });
    expect((await list(req("GET", "/companies", { key }), params({ collection: "companies" }))).status).toBe(200);
    await revokeApiKey(t.ctx, id);
    expect((await list(req("GET", "/companies", { key }), params({ collection: "companies" }))).status).toBe(401);
  });

  it("limits a key by its role: readonly may read but not write (403)", async () => {
    const t = await tenantWithKeys();
    const res = await POST(req("POST", "/companies", { key: t.keys.readonly, body: { name: "Nope" } }), params({ collection: "companies" }));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ type: "/problems/forbidden" });
    expect((await list(req("GET", "/companies", { key: t.keys.readonly }), params({ collection: "companies" }))).status).toBe(200);
    const created = await POST(req("POST", "/companies", { key: t.keys.sales_rep, body: { name: "Yes" } }), params({ collection: "companies" }));
    expect(created.status).toBe(201);
  });
});

describe("REST records", () => {
  it("creates, reads, patches and soft-deletes a contact", async () => {
    const t = await tenantWithKeys();
    const key = t.keys.sales_rep;
    const company = await (await POST(req("POST", "/companies", { key, body: { name: "Globex", domain: "globex.example" } }), params({ collection: "companies" }))).json();
    const res = await POST(req("POST", "/contacts", { key, body: { firstName: "Hank", lastName: "Scorpio", email: "Hank@Globex.example", companyId: company.id } }), params({ collection: "contacts" }));
    expect(res.status).toBe(201);
    const contact = await res.json();
    expect(contact).toMatchObject({ firstName: "Hank", email: "hank@globex.example", companyId: company.id, tags: [], customFields: {} });
    expect(contact.tenantId).toBeUndefined();

    const patched = await PATCH(req("PATCH", `/contacts/${contact.id}`, { key, body: { jobTitle: "CEO" } }), params({ collection: "contacts", id: contact.id }));
    expect(await patched.json()).toMatchObject({ jobTitle: "CEO", lastName: "Scorpio" });

    expect((await DELETE(req("DELETE", `/contacts/${contact.id}`, { key }), params({ collection: "contacts", id: contact.id }))).status).toBe(204);
    expect((await getOne(req("GET", `/contacts/${contact.id}`, { key }), params({ collection: "contacts", id: contact.id }))).status).toBe(404);
  });

  it("answers 404 for another tenant's record, never 403", async () => {
    const a = await tenantWithKeys();
    const b = await tenantWithKeys();
    const res = await POST(req("POST", "/companies", { key: b.keys.admin, body: { name: "B's" } }), params({ collection: "companies" }));
    const bCompany = await res.json();
    for (const [handler, method, body] of [[getOne, "GET", undefined], [PATCH, "PATCH", { name: "hijack" }], [DELETE, "DELETE", undefined]] as const) {
      const r = await handler(req(method, `/companies/${bCompany.id}`, { key: a.keys.admin, body }), params({ collection: "companies", id: bCompany.id }));
      expect(r.status).toBe(404);
    }
    const still = await getOne(req("GET", `/companies/${bCompany.id}`, { key: b.keys.admin }), params({ collection: "companies", id: bCompany.id }));
    expect(await still.json()).toMatchObject({ name: "B's" });
  });

  it("validates at the edge: 422 with paths, 415 for non-JSON, 400 for malformed JSON, 409 for a duplicate domain", async () => {
    const t = await tenantWithKeys();
    const key = t.keys.admin;
    const bad = await POST(req("POST", "/companies", { key, body: { name: "", domain: "not a domain", employeeCount: -3 } }), params({ collection: "companies" }));
    expect(bad.status).toBe(422);
    const problem = await bad.json();
    expect(problem.type).toBe("/problems/validation");
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(["domain", "employeeCount", "name"]);
    const unknown = await POST(req("POST", "/contacts", { key, body: { firstName: "A", shoeSize: 42 } }), params({ collection: "contacts" }));
    expect(unknown.status).toBe(422);
    const noIdentity = await POST(req("POST", "/contacts", { key, body: { jobTitle: "CTO" } }), params({ collection: "contacts" }));
    expect(noIdentity.status).toBe(422);
    expect((await POST(req("POST", "/companies", { key, body: "name=x", contentType: "text/plain" }), params({ collection: "companies" }))).status).toBe(415);
    expect((await POST(req("POST", "/companies", { key, body: "{oops" }), params({ collection: "companies" }))).status).toBe(400);
    await POST(req("POST", "/companies", { key, body: { name: "A", domain: "same.example" } }), params({ collection: "companies" }));
    const dup = await POST(req("POST", "/companies", { key, body: { name: "B", domain: "same.example" } }), params({ collection: "companies" }));
    expect(dup.status).toBe(409);
    expect((await list(req("GET", "/widgets", { key }), params({ collection: "widgets" }))).status).toBe(404);
  });

  it("walks every page by keyset exactly once, for several sorts, while rows are added", async () => {
    const t = await tenantWithKeys();
    const key = t.keys.admin;
    const names = Array.from({ length: 23 }, (_, i) => `Co ${String(i % 7).padStart(2, "0")}`);
    for (const [i, name] of names.entries()) {
      await POST(req("POST", "/companies", { key, body: { name, employeeCount: i % 3 === 0 ? null : i } }), params({ collection: "companies" }));
    }
    for (const sort of ["createdAt:desc", "name:asc", "name:desc", "employeeCount:asc", "employeeCount:desc"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const qs: string = `?limit=5&sort=${sort}${cursor ? `&cursor=${cursor}` : ""}`;
        const page: { data: { id: string }[]; nextCursor: string | null } = await (await list(req("GET", `/companies${qs}`, { key }), params({ collection: "companies" }))).json();
        seen.push(...page.data.map((r) => r.id));
        cursor = page.nextCursor;
        if (pages++ === 1) await POST(req("POST", "/companies", { key, body: { name: `Late ${sort}` } }), params({ collection: "companies" }));
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(23);
    }
    const badSort = await list(req("GET", "/companies?sort=passwordHash:asc", { key }), params({ collection: "companies" }));
    expect(badSort.status).toBe(400);
  });
});

describe("REST filter=", () => {
  it("filters a collection with filter JSON and answers 422 with the path of a bad node", async () => {
    const t = await tenantWithKeys();
    const key = t.keys.admin;
    for (const [name, industry, employeeCount] of [["Acme", "Retail", 10], ["Bolt", "Energy", 500], ["Core", "Energy", 5]] as const) {
      await POST(req("POST", "/companies", { key, body: { name, industry, employeeCount } }), params({ collection: "companies" }));
    }
    const filter = encodeURIComponent(JSON.stringify({ all: [{ field: "industry", op: "eq", value: "energy" }, { field: "employeeCount", op: "gte", value: 100 }] }));
    const res = await list(req("GET", `/companies?filter=${filter}`, { key }), params({ collection: "companies" }));
    expect((await res.json()).data.map((c: { name: string }) => c.name)).toEqual(["Bolt"]);

    const bad = encodeURIComponent(JSON.stringify({ all: [{ field: "industry", op: "eq", value: "x" }, { field: "employeeCount", op: "contains", value: 3 }] }));
    const refused = await list(req("GET", `/companies?filter=${bad}`, { key }), params({ collection: "companies" }));
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors[0].path).toBe("filter.all[1].op");
  });
});
