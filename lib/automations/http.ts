// Outgoing HTTP for automations (webhooks, AI providers), guarded against SSRF at connect
// time: request-filtering-agent checks the address each connection actually resolves to
// (so DNS rebinding and decimal/octal/IPv4-mapped spellings are caught), refusing
// loopback, private, link-local, CGNAT, unique-local and mapped addresses unless
// WEBHOOK_ALLOW_PRIVATE_NETWORKS=1. Redirects are never followed: a hop would carry the
// signature, the custom headers or the AI key to an origin they were not configured
// for, so a 3xx comes back to the caller as the answer.
import "server-only";
import http from "node:http";
import https from "node:https";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent, type RequestFilteringAgentOptions } from "request-filtering-agent";
import { allowPrivateNetworks } from "./private-networks";

export const EXCERPT_BYTES = 2048;
const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body (at most 1 MiB is read). */
  body: string;
}

/** The address was refused by the SSRF guard: never retried. */
export class BlockedAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BlockedAddressError";
  }
}

const agents = new Map<string, http.Agent>();
function agentFor(url: URL, guard?: RequestFilteringAgentOptions): http.Agent {
  const options: RequestFilteringAgentOptions = { allowPrivateIPAddress: allowPrivateNetworks(), ...guard };
  const key = `${url.protocol}${JSON.stringify(options)}`;
  let agent = agents.get(key);
  if (!agent) {
    const opts = { ...options, keepAlive: true, maxSockets: 50 };
    agent = url.protocol === "https:" ? new RequestFilteringHttpsAgent(opts) : new RequestFilteringHttpAgent(opts);
    agents.set(key, agent);
  }
  return agent;
}

export interface PostOptions {
  timeoutMs: number;
  /** Test hook: extra guard options (e.g. an allow-list for one local address). */
  guard?: RequestFilteringAgentOptions;
}

function postOnce(url: URL, headers: Record<string, string>, body: string, opts: PostOptions, deadline: number): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === "https:" ? https : http;
    const remaining = Math.max(1, deadline - Date.now());
    const req = lib.request(url, { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, agent: agentFor(url, opts.guard) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY_BYTES) chunks.push(c);
        else res.destroy();
      });
      const done = () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") });
      };
      res.on("end", done);
      res.on("close", done);
      res.on("error", done);
    });
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)), remaining);
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(/is not allowed/.test(err.message) ? new BlockedAddressError(`refused to connect to ${url.host}: the address is not public (${err.message})`) : err);
    });
    req.end(body);
  });
}

/** POSTs `body` once, through the guard; a 3xx is returned as is. Network errors and refusals throw. */
export async function guardedPost(rawUrl: string, headers: Record<string, string>, body: string, opts: PostOptions): Promise<HttpResponse> {
  const url = new URL(rawUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new BlockedAddressError(`refused to post to a ${url.protocol} URL`);
  return postOnce(url, headers, body, opts, Date.now() + opts.timeoutMs);
}

export const isRedirect = (status: number) => status >= 300 && status < 400;

/** "HTTP 302: a redirect to https://…, not followed": what the log says about a 3xx. */
export function redirectNote(res: HttpResponse): string {
  const location = res.headers.location;
  return `HTTP ${res.status}: a redirect${location ? ` to ${location}` : ""}, not followed`;
}

/** A bounded excerpt of a response body for the execution log. */
export const excerpt = (body: string) => (Buffer.byteLength(body) <= EXCERPT_BYTES ? body : Buffer.from(body).subarray(0, EXCERPT_BYTES).toString("utf8") + "…");

/** Retry-After (seconds or an HTTP date) in ms, or null. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
