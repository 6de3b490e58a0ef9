// A cookie-authenticated write to /api/v1 must come from the app's own pages; an API key
// is unaffected, and so are reads.
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import type { SessionInfo } from "@/lib/auth/session";
import { listRecords } from "@/lib/records/queries";
import { createApiKey } from "./keys";
import { crossSiteRefusal } from "./origin";
import { apiRequest, routeParams as params } from "./testing";

const session = vi.hoisted(() => ({ current: null as SessionInfo | null }));
vi.mock("@/lib/auth/session", () => ({ getSession: async () => session.current }));
const { GET: list, POST } = await import("@/app/api/v1/[collection]/route");

const COOKIE = { cookie: "authjs.session-token=opaque" };

async function signedIn() {
  const t = await makeTenant();
  session.current = { ctx: t.ctx, user: { id: t.userId, email: t.email, name: "Admin" }, role: "admin", tenantName: "T", memberships: [] };
  return t;
}

const create = (headers: Record<string, string>, key?: string) =>
  POST(apiRequest("POST", "/companies", { key, body: { name: "Form post" }, headers }), params({ collection: "companies" }));

beforeEach(() => {
  session.current = null;
});

describe("cookie-authenticated writes", () => {
  it("refuses a POST whose Origin is another site (403) and creates nothing", async () => {
    const t = await signedIn();
    for (const origin of ["https://evil.example", "http://localhost.evil.example", "null"]) {
      const res = await create({ ...COOKIE, origin });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ type: "/problems/forbidden" });
    }
    expect((await listRecords(t.ctx, "COMPANY", {})).data).toHaveLength(0);
  });

  it("accepts the app's own Origin, and refuses by Sec-Fetch-Site or Referer when Origin is missing", async () => {
    await signedIn();
    expect((await create({ ...COOKIE, origin: "http://localhost" })).status).toBe(201);
    expect((await create({ ...COOKIE, "sec-fetch-site": "same-origin" })).status).toBe(201);
    expect((await create({ ...COOKIE, "sec-fetch-site": "same-site" })).status).toBe(403);
    expect((await create({ ...COOKIE, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await create({ ...COOKIE, referer: "https://evil.example/page" })).status).toBe(403);
    expect((await create({ ...COOKIE, referer: "http://localhost/deals" })).status).toBe(201);
    // no browser signal at all: not a page's request (browsers send Origin on every POST)
    expect((await create(COOKIE)).status).toBe(201);
  });

  it("leaves API keys and reads alone", async () => {
    const t = await signedIn();
    const { key } = await createApiKey(t.ctx, { name: "k", role: "admin" });
    session.current = null;
    expect((await create({ origin: "https://evil.example" }, key)).status).toBe(201);
    await signedIn();
    const read = await list(apiRequest("GET", "/companies", { headers: { ...COOKIE, origin: "https://evil.example" } }), params({ collection: "companies" }));
    expect(read.status).toBe(200);
  });
});

describe("crossSiteRefusal", () => {
  it("compares with the host the client addressed, behind a proxy too", () => {
    const behindProxy = (origin: string) =>
      new NextRequest("http://10.0.0.5:3000/api/v1/deals", { method: "PATCH", headers: { origin, "x-forwarded-host": "crm.example.com", host: "10.0.0.5:3000" } });
    expect(crossSiteRefusal(behindProxy("https://crm.example.com"))).toBeNull();
    expect(crossSiteRefusal(behindProxy("https://other.example.com"))).toMatch(/another site/);
    expect(crossSiteRefusal(new NextRequest("http://localhost/api/v1/deals", { method: "DELETE", headers: { origin: "not a url" } }))).toMatch(/another site/);
  });
});
