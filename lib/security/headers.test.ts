import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";
import { pageCsp, securityHeaders } from "./headers";

const answer = (path: string) => proxy(new NextRequest(`http://127.0.0.1:3000${path}`));
const directives = (csp: string | null) => new Map((csp ?? "").split(/;\s*/).map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));
const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("security headers (proxy)", () => {
  it("a synced email's frame runs no script at all, may be framed by the app only, and may show images", () => {
    const res = answer("/email-frame/00000000-0000-4000-8000-000000000000?images=1");
    const d = directives(res.headers.get("content-security-policy"));
    expect(d.get("default-src")).toEqual(["'none'"]);
    expect(d.get("script-src")).toBeUndefined();
    expect(d.get("frame-ancestors")).toEqual(["'self'"]);
    expect(d.get("img-src")).toEqual(["data:", "http:", "https:"]);
    expect(d.get("sandbox")).toEqual(["allow-popups", "allow-popups-to-escape-sandbox"]);
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    // no nonce handed to Next.js: it is no page of the app
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBeNull();
  });

  it("puts a nonce CSP that forbids framing on a page, and hands Next.js the same nonce", () => {
    const res = answer("/contacts");
    const csp = res.headers.get("content-security-policy");
    const d = directives(csp);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    const nonce = nonceOf(csp);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(d.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    // no inline or eval'd script in production; 'unsafe-inline' for styles only
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    // the request Next.js renders carries the policy, which is where it reads the nonce from
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("makes a new nonce for every page answer", () => {
    const nonces = new Set(Array.from({ length: 5 }, () => nonceOf(answer("/login").headers.get("content-security-policy"))));
    expect(nonces.size).toBe(5);
  });

  it("gives API answers a CSP that allows nothing, and the same framing and sniffing rules", () => {
    for (const path of ["/api/v1/contacts", "/api/health", "/api/auth/session"]) {
      const res = answer(path);
      expect(res.headers.get("content-security-policy"), path).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-middleware-request-content-security-policy"), path).toBeNull();
    }
  });

  it("adds HSTS and upgrade-insecure-requests only when AUTH_URL is https", () => {
    vi.stubEnv("AUTH_URL", "https://crm.example.com");
    const page = answer("/deals");
    expect(page.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(directives(page.headers.get("content-security-policy")).has("upgrade-insecure-requests")).toBe(true);
    expect(answer("/api/v1/deals").headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    vi.stubEnv("AUTH_URL", "http://127.0.0.1:3000");
    expect(answer("/deals").headers.get("strict-transport-security")).toBeNull();
    expect(directives(answer("/deals").headers.get("content-security-policy")).has("upgrade-insecure-requests")).toBe(false);
  });
});

describe("security headers (pure)", () => {
  it("allows eval in development only", () => {
    expect(pageCsp("n", { dev: true, https: false })).toContain("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval';");
    expect(pageCsp("n", { dev: false, https: false })).not.toContain("unsafe-eval");
  });

  it("refuses to build a page policy without a nonce", () => {
    expect(() => securityHeaders("/contacts", { dev: false, https: false })).toThrow(/nonce/);
    expect(securityHeaders("/api/v1/x", { dev: false, https: false })).toContainEqual(["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"]);
  });
});
