// The security headers of every answer (proxy.ts sets them). Pure: no I/O.
//
// Pages get a nonce-based CSP: Next.js stamps the request's nonce on its own inline and
// bundle scripts, and 'strict-dynamic' trusts what those load, so no other script runs —
// an injected <script> or on*= handler has no nonce. That needs a fresh nonce per
// request, hence dynamic rendering (app/layout.tsx). Styles allow 'unsafe-inline':
// React, recharts and dnd-kit write style attributes, and radix injects <style> tags
// without a nonce; a nonce in style-src would turn 'unsafe-inline' off for all of them.
// API answers are data, never documents: their CSP allows nothing at all.

export interface HeaderOptions {
  /** `next dev`: React and Turbopack need eval in development only. */
  dev: boolean;
  /** Served over https (AUTH_URL): HSTS and upgrade-insecure-requests. */
  https: boolean;
}

export type HeaderList = [name: string, value: string][];

/** A fresh unguessable nonce for one page answer (128 bits, base64). */
export function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Whether the app is served over https, from its public URL (AUTH_URL). */
export const isHttpsUrl = (url: string | undefined) => /^https:\/\//i.test(url?.trim() ?? "");

export const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

export function pageCsp(nonce: string, o: HeaderOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${o.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    // the live board's server-sent events, server actions and fetches: same origin only
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(o.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * A synced email's HTML (app/email-frame/[id]: sanitised on the server, shown in a sandboxed
 * frame of the record page): no script at all, inline styles, and images from anywhere — the
 * frame's own answer holds remote images back (data-remote-src) until "Show images" asks
 * for them. Framed by this app only.
 */
export const EMAIL_FRAME_PREFIX = "/email-frame/";
export const isEmailFramePath = (pathname: string) => pathname.startsWith(EMAIL_FRAME_PREFIX);
export const EMAIL_FRAME_CSP = "default-src 'none'; img-src data: http: https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox";

/** Headers for every answer, whatever its kind. */
export function baseHeaders(o: HeaderOptions): HeaderList {
  return [
    ["X-Content-Type-Options", "nosniff"],
    // CSP frame-ancestors says the same; this is for browsers that predate it
    ["X-Frame-Options", "DENY"],
    // "same-origin" still sends Origin on our own POSTs (server actions check it); "no-referrer" would not
    ["Referrer-Policy", "same-origin"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=()"],
    ...(o.https ? ([["Strict-Transport-Security", "max-age=63072000; includeSubDomains"]] as HeaderList) : []),
  ];
}

/** All security headers of the answer to `pathname`; `nonce` is required for pages. */
export function securityHeaders(pathname: string, o: HeaderOptions & { nonce?: string }): HeaderList {
  if (isApiPath(pathname)) return [...baseHeaders(o), ["Content-Security-Policy", API_CSP]];
  if (isEmailFramePath(pathname)) {
    return [...baseHeaders(o).map(([n, v]): [string, string] => (n === "X-Frame-Options" ? [n, "SAMEORIGIN"] : [n, v])), ["Content-Security-Policy", EMAIL_FRAME_CSP]];
  }
  if (!o.nonce) throw new Error("a page's CSP needs a nonce");
  return [...baseHeaders(o), ["Content-Security-Policy", pageCsp(o.nonce, o)]];
}
