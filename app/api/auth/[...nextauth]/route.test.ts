// The Auth.js route handlers, called as Next would: CSRF token, credentials callback,
// session read and update, sign-out. What they issue is checked by checkSession, the
// database half of getSession().
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeTenant, TEST_PASSWORD } from "@/db/testing/factories";
import { checkSession, type SessionClaims } from "@/lib/auth/session";
import { tenantUsers } from "@/db/schema";
import { systemActor } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { GET, POST } from "./route";

const BASE = "http://localhost/api/auth";
const WRONG = "Not-the-passw0rd";

/** `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);
const sessionCookieOf = (res: Response) => cookiesOf(res).find((c) => c.startsWith("authjs.session-token="));

async function csrf(): Promise<{ token: string; cookie: string }> {
  const res = await GET(new NextRequest(`${BASE}/csrf`));
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: cookiesOf(res).join("; ") };
}

async function post(path: string, fields: Record<string, string>, opts: { cookie?: string; address?: string } = {}) {
  const c = await csrf();
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", cookie: [c.cookie, opts.cookie].filter(Boolean).join("; ") };
  if (opts.address) headers["x-forwarded-for"] = opts.address;
  return POST(new NextRequest(`${BASE}${path}`, { method: "POST", headers, body: new URLSearchParams({ csrfToken: c.token, ...fields }) }));
}

const signIn = (email: string, password: string, address: string, extra: Record<string, string> = {}) =>
  post("/callback/credentials", { email, password, callbackUrl: "/contacts", ...extra }, { address });

async function claimsOf(cookie: string): Promise<SessionClaims> {
  const res = await GET(new NextRequest(`${BASE}/session`, { headers: { cookie } }));
  return (await res.json()) as SessionClaims;
}

/** A documentation-range address per test, so tests never share an address key. */
const address = () => `198.51.100.${Math.floor(Math.random() * 254) + 1}, 203.0.113.${Math.floor(Math.random() * 254) + 1}`;

describe("sign-in throttle (POST /api/auth/callback/credentials)", () => {
  // The owner ages the throttle rows: the window passes without the test waiting.
  let owner: postgres.Sql;
  beforeAll(() => {
    owner = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await owner.end();
  });

  it("the 11th wrong attempt is refused with 429 and Retry-After, even with the right password, until the window passes", async () => {
    const t = await makeTenant();
    const from = address();
    for (let i = 1; i <= 10; i++) {
      const res = await signIn(t.email, WRONG, from);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toContain("code=credentials");
    }
    const refused = await signIn(t.email, TEST_PASSWORD, from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(await refused.json()).toMatchObject({ type: "/problems/rate-limited", status: 429, retryAfterSeconds: expect.any(Number) });
    expect(sessionCookieOf(refused)).toBeUndefined();
    // From another address too: the limit is the account's.
    expect((await signIn(t.email, TEST_PASSWORD, address())).status).toBe(429);

    await owner`update auth_throttles set window_started_at = window_started_at - interval '15 minutes',
      blocked_until = blocked_until - interval '15 minutes' where key = ${`account:${t.email}`}`;
    const ok = await signIn(t.email, TEST_PASSWORD, from);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("http://localhost/contacts");
    expect(sessionCookieOf(ok)).toBeDefined();
  });

  it("a successful sign-in resets the account's count", async () => {
    const t = await makeTenant();
    const from = address();
    for (let i = 0; i < 6; i++) await signIn(t.email, WRONG, from);
    expect(sessionCookieOf(await signIn(t.email, TEST_PASSWORD, from))).toBeDefined();
    for (let i = 0; i < 10; i++) expect((await signIn(t.email, WRONG, from)).status).toBe(302);
    expect((await signIn(t.email, WRONG, from)).status).toBe(429);
  });

  it("an unknown email is throttled exactly like a known one (the 429 reveals nothing)", async () => {
    const nobody = `nobody-${randomUUID()}@example.test`;
    const from = address();
    for (let i = 0; i < 10; i++) expect((await signIn(nobody, WRONG, from)).headers.get("location")).toContain("code=credentials");
    expect((await signIn(nobody, WRONG, from)).status).toBe(429);
  });
});

describe("sign-out (POST /api/auth/signout)", () => {
  it("a session cookie copied before sign-out is refused by the session check afterwards", async () => {
    const t = await makeTenant();
    const cookie = sessionCookieOf(await signIn(t.email, TEST_PASSWORD, address()))!;
    const before = await claimsOf(cookie);
    expect(await checkSession(before)).toMatchObject({ user: { id: t.userId }, ctx: { tenantId: t.tenantId } });

    const out = await post("/signout", { callbackUrl: "/login" }, { cookie });
    expect(out.status).toBe(302);
    expect(sessionCookieOf(out)).toBe("authjs.session-token="); // the browser's copy is cleared…

    // …and the copy taken before is dead on the server: same JWT, refused.
    expect(await checkSession(await claimsOf(cookie))).toBeNull();
    // Signing in again works.
    const again = sessionCookieOf(await signIn(t.email, TEST_PASSWORD, address()))!;
    expect(await checkSession(await claimsOf(again))).not.toBeNull();
  });
});

describe("moving a session to another workspace (POST /api/auth/session, as unstable_update does)", () => {
  it("moves only to a workspace where the user is an active member", async () => {
    const home = await makeTenant("Home");
    const other = await makeTenant("Other");
    const stranger = await makeTenant("Stranger");
    await withTenant({ tenantId: other.tenantId, actor: systemActor() }, (tx) => tx.insert(tenantUsers).values({ tenantId: other.tenantId, userId: home.userId, role: "manager" }));
    const cookie = sessionCookieOf(await signIn(home.email, TEST_PASSWORD, address()))!;
    expect((await claimsOf(cookie)).tenantId).toBe(home.tenantId);

    const update = async (tenantId: string) => {
      const c = await csrf();
      const res = await POST(
        new NextRequest(`${BASE}/session`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie: `${c.cookie}; ${cookie}` },
          body: JSON.stringify({ csrfToken: c.token, data: { tenantId } }),
        }),
      );
      return sessionCookieOf(res)!;
    };
    const moved = await update(other.tenantId);
    expect(await checkSession(await claimsOf(moved))).toMatchObject({ ctx: { tenantId: other.tenantId }, role: "manager" });
    const refused = await update(stranger.tenantId);
    expect((await claimsOf(refused)).tenantId).toBe(home.tenantId);
  });
});
