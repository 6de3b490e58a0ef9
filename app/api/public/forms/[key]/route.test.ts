// The public web-form endpoint, called as Next would: no auth, CORS open, urlencoded or
// JSON, honeypot, per-address rate limit, redirect, validation errors.
import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { leads } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import { eraseContact } from "@/lib/privacy/contact-data";
import { createRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import * as webFormItem from "@/app/api/v1/web-forms/[id]/route";
import * as webForms from "@/app/api/v1/web-forms/route";
import { createWebForm } from "@/lib/leads/web-forms";
import * as route from "./route";

/** A distinct public address per test: the rate limit counts per address. */
const someAddress = () => `198.51.100.1, 203.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

function post(key: string, body: string | Record<string, unknown>, opts: { type?: string; address?: string; origin?: string } = {}) {
  const urlencoded = typeof body === "string";
  const headers: Record<string, string> = {
    "content-type": opts.type ?? (urlencoded ? "application/x-www-form-urlencoded" : "application/json"),
    "x-forwarded-for": opts.address ?? someAddress(),
    ...(opts.origin ? { origin: opts.origin } : {}),
  };
  const req = new NextRequest(`http://localhost/api/public/forms/${key}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  return route.POST(req, { params: Promise.resolve({ key }) });
}

const leadsOf = (ctx: TenantContext) => withTenant(ctx, (tx) => tx.select().from(leads).where(and(eq(leads.tenantId, ctx.tenantId))));

describe("POST /api/public/forms/{key}", () => {
  it("creates a lead from a JSON post with UTM values and source web_form, CORS open", async () => {
    const { ctx } = await makeTenant();
    const form = await createWebForm(ctx, { name: "Demo request", fields: ["firstName", "email", "companyName", "need"] });
    const res = await post(form.key, { firstName: "Vera", email: "Vera@Example.org", companyName: "Vera Ltd", need: "A CRM", utm_source: "google", utmCampaign: "spring", landingPage: "https://site.test/demo?utm_source=google", jobTitle: "not on the form" }, { origin: "https://site.test" });
    expect(res.status).toBe(201);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toEqual({ ok: true });
    const [lead] = await leadsOf(ctx);
    expect(lead).toMatchObject({ firstName: "Vera", email: "vera@example.org", companyName: "Vera Ltd", need: "A CRM", utmSource: "google", utmCampaign: "spring", landingPage: "https://site.test/demo?utm_source=google", source: "web_form", jobTitle: null, status: "new" });
  });

  it("answers the CORS preflight", async () => {
    const res = route.OPTIONS();
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")).toContain("Content-Type");
  });

  it("redirects a urlencoded post to redirectUrl with 303; JSON posts still get 201", async () => {
    const { ctx } = await makeTenant();
    const form = await createWebForm(ctx, { name: "Newsletter", fields: ["email"], redirectUrl: "https://site.test/thanks" });
    const res = await post(form.key, "email=a%40b.example&utm_medium=cpc");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("https://site.test/thanks");
    expect((await post(form.key, { email: "c@d.example" })).status).toBe(201);
    expect((await leadsOf(ctx)).map((l) => [l.email, l.utmMedium]).sort()).toEqual([
      ["a@b.example", "cpc"],
      ["c@d.example", null],
    ]);
  });

  it("accepts a filled honeypot with 201 and creates nothing", async () => {
    const { ctx } = await makeTenant();
    const form = await createWebForm(ctx, { name: "Contact us", fields: ["email"] });
    const res = await post(form.key, "email=bot%40spam.example&website_url=http%3A%2F%2Fspam.example");
    expect(res.status).toBe(201);
    expect(await leadsOf(ctx)).toEqual([]);
  });

  it("answers 429 to the 31st post within a minute from one address, not to another address", async () => {
    const { ctx } = await makeTenant();
    const form = await createWebForm(ctx, { name: "Busy", fields: ["email"] });
    const address = someAddress();
    for (let i = 0; i < 30; i++) expect((await post(form.key, { email: `p${i}@x.example` }, { address })).status).toBe(201);
    const refused = await post(form.key, { email: "p31@x.example" }, { address });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    let other = someAddress();
    while (other === address) other = someAddress();
    expect((await post(form.key, { email: "other@x.example" }, { address: other })).status).toBe(201);
    expect(await leadsOf(ctx)).toHaveLength(31);
  });

  it("refuses bad input: 422 with paths, an erased email, unknown or disabled forms 404, other types 415", async () => {
    const { ctx } = await makeTenant();
    const form = await createWebForm(ctx, { name: "Strict", fields: ["firstName", "email"] });
    const empty = await post(form.key, { firstName: "  " });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ errors: [{ path: "email", message: "is required" }] });
    const bad = await post(form.key, { email: "not-an-email" });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: [{ path: "email" }] });

    const gone = await createRecord(ctx, "CONTACT", { email: "gone@x.example" });
    await eraseContact(ctx, gone.id);
    const erased = await post(form.key, { email: "GONE@x.example" });
    expect(erased.status).toBe(422);
    expect(await erased.json()).toMatchObject({ errors: [{ path: "email", message: "erased contact" }] });

    expect((await post("no-such-form-key", { email: "a@b.example" })).status).toBe(404);
    expect((await post(form.key, "email: x", { type: "text/plain" })).status).toBe(415);
    const { key } = await createApiKey(ctx, { name: "admin", role: "admin" });
    const off = await webFormItem.PATCH(
      new NextRequest(`http://localhost/api/v1/web-forms/${form.id}`, { method: "PATCH", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify({ enabled: false }) }),
      { params: Promise.resolve({ id: form.id }) },
    );
    expect(off.status).toBe(200);
    expect((await post(form.key, { email: "late@x.example" })).status).toBe(404);
    expect(await leadsOf(ctx)).toEqual([]);
  });
});

describe("/api/v1/web-forms", () => {
  it("admins create, list, update and delete forms; others are refused", async () => {
    const { ctx } = await makeTenant();
    const { key } = await createApiKey(ctx, { name: "admin", role: "admin" });
    const { key: rep } = await createApiKey(ctx, { name: "rep", role: "sales_rep" });
    const call = (method: string, path: string, k: string, body?: unknown) =>
      new NextRequest(`http://localhost/api/v1/web-forms${path}`, { method, headers: { authorization: `Bearer ${k}`, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const created = await webForms.POST(call("POST", "", key, { name: "Demo", fields: ["email", "firstName"], redirectUrl: "https://x.test/ok" }), { params: Promise.resolve({}) });
    expect(created.status).toBe(201);
    const form = (await created.json()) as { id: string; key: string };
    expect(form).toMatchObject({ name: "Demo", fields: ["email", "firstName"], redirectUrl: "https://x.test/ok", enabled: true });
    expect(form.key).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const bad = await webForms.POST(call("POST", "", key, { name: "", fields: ["password"] }), { params: Promise.resolve({}) });
    expect(bad.status).toBe(422);
    expect((await webForms.GET(call("GET", "", rep), { params: Promise.resolve({}) })).status).toBe(403);
    expect(await (await webForms.GET(call("GET", "", key), { params: Promise.resolve({}) })).json()).toMatchObject({ data: [{ id: form.id, key: form.key }], nextCursor: null });
    const patched = await webFormItem.PATCH(call("PATCH", `/${form.id}`, key, { name: "Demo 2" }), { params: Promise.resolve({ id: form.id }) });
    expect(await patched.json()).toMatchObject({ name: "Demo 2", key: form.key });
    expect((await webFormItem.DELETE(call("DELETE", `/${form.id}`, key), { params: Promise.resolve({ id: form.id }) })).status).toBe(204);
    expect((await webFormItem.DELETE(call("DELETE", `/${form.id}`, key), { params: Promise.resolve({ id: form.id }) })).status).toBe(404);
  });
});
