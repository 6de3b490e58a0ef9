// For route-handler tests: a request as a client would send it, and the params argument
// Next passes to a dynamic route.
import { NextRequest } from "next/server";

const BASE = "http://localhost/api/v1";

/** `path` below /api/v1 (or a whole URL, for the app's other routes); `key` an API key; `body` JSON (or a raw string with its contentType); more `headers` (cookie, origin...). */
export function apiRequest(method: string, path: string, opts: { key?: string; body?: unknown; contentType?: string; headers?: Record<string, string> } = {}): NextRequest {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.body !== undefined) headers["content-type"] = opts.contentType ?? "application/json";
  return new NextRequest(/^https?:/.test(path) ? path : `${BASE}${path}`, { method, headers, body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body) });
}

export const routeParams = <T>(p: T) => ({ params: Promise.resolve(p) });
