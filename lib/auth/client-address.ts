// The client's network address, for per-address throttling (lib/auth/throttle.ts).
// Next.js never shows the app the socket: it fills X-Forwarded-For with the socket's
// address only when the request has none. So the entry we trust is the one added by the
// nearest proxy we run: the last one by default, or TRUSTED_PROXY_HOPS from the right
// behind a chain (e.g. 2 for a CDN in front of a load balancer). Without a proxy a client
// can write its own header; the per-account limits hold whatever it claims.
import "server-only";
import { isIPv4, isIPv6 } from "node:net";
import { env } from "@/lib/env";

/**
 * The address to count attempts against, or null when unknown. Loopback is null too: a
 * request from this machine is a local proxy that forwards no address (counting it would
 * lock out every user at once) or a developer; IPv6 counts by /64, the block a single
 * subscriber gets.
 */
export function clientAddress(headers: Headers): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const raw = entries[entries.length - env.TRUSTED_PROXY_HOPS] ?? headers.get("x-real-ip")?.trim();
  return raw ? normalize(raw) : null;
}

/** clientAddress of the request being served (server components and actions); null outside one. */
export async function requestAddress(): Promise<string | null> {
  try {
    const { headers } = await import("next/headers");
    return clientAddress(await headers());
  } catch {
    return null; // no request: a test, the worker, the CLI
  }
}

function normalize(raw: string): string | null {
  let a = raw.replace(/^\[|\](:\d+)?$/g, ""); // [v6]:port
  if (/^[\d.]+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":")); // v4:port
  const mapped = /^::ffff:([\d.]+)$/i.exec(a);
  if (mapped) a = mapped[1]!;
  if (isIPv4(a)) return a.startsWith("127.") ? null : a;
  if (!isIPv6(a)) return null;
  const groups = expandV6(a.split("%")[0]!);
  if (groups.every((g, i) => g === (i === 7 ? 1 : 0))) return null; // ::1
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(":")}::/64`;
}

function expandV6(a: string): number[] {
  const [head, tail] = a.includes("::") ? a.split("::") : [a, undefined];
  const parse = (s: string | undefined) => (s ? s.split(":").map((h) => parseInt(h, 16)) : []);
  const h = parse(head);
  const t = parse(tail);
  return tail === undefined ? h : [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
}
