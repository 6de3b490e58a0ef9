// The HTTP side of the tracking endpoints (app/api/public/email/**): no session, a rate
// limit per client address, a 1×1 GIF for an open, a redirect to the stored link for a
// click, and 404 for an id this server did not sign. The limit is in memory, per
// instance: these answer every email client's image fetch, and a shared counter row (as
// the web forms use) would make each one wait on a lock; the abuse it bounds is a flood
// from one address, which one instance's counter sees.
import "server-only";
import type { NextRequest } from "next/server";
import { clientAddress } from "@/lib/auth/client-address";
import { log } from "@/lib/log";
import { HitLimit } from "./hit-limit";
import { recordClick, recordOpen } from "./tracking";
import { unsubscribe } from "./unsubscribe";

/** 600 hits a minute from one address: a mail provider's proxy fetching for many readers stays under it. */
const limiter = new HitLimit(600, 60_000);

// These endpoints answer every image fetch of every tracked email, and under load each
// answer's CPU is what the others wait for (200 at once: 200 answers' worth). So the limit
// is a synchronous count (HitLimit: no promise, no timer per address), the answers are
// plain Responses (a route handler's NextResponse adds cookies and a URL these never use),
// and an open's is built from values made once. Its GIF body is still what an open costs
// more than a click: any body makes the Response build a ReadableStream (~12 µs on Node 20).
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const NO_STORE = { "cache-control": "no-store, private", "referrer-policy": "no-referrer" };
const GIF_HEADERS: Record<string, string> = { ...NO_STORE, "content-type": "image/gif", "content-length": String(GIF.length) };
const GIF_ANSWER: ResponseInit = { status: 200, headers: GIF_HEADERS };

/** A 429 when the request's address has had its minute's hits; null to go on. */
export function limited(req: Pick<NextRequest, "headers">): Response | null {
  if (limiter.hit(clientAddress(req.headers) ?? "unknown")) return null;
  return new Response("Too many requests", { status: 429, headers: { ...NO_STORE, "retry-after": "60" } });
}

const notFound = () => new Response("Not found", { status: 404, headers: { ...NO_STORE, "content-type": "text/plain" } });

export async function handleOpen(req: NextRequest, token: string): Promise<Response> {
  const refused = limited(req);
  if (refused) return refused;
  try {
    if (!(await recordOpen(token, req.headers.get("user-agent")))) return notFound();
  } catch (err) {
    log.error({ err }, "recording an email open failed");
  }
  // (the body is copied by the Response: GIF itself is never handed out)
  return new Response(GIF, GIF_ANSWER);
}

export async function handleClick(req: NextRequest, token: string): Promise<Response> {
  const refused = limited(req);
  if (refused) return refused;
  const url = await recordClick(token, req.headers.get("user-agent"));
  // only http(s) links were stored (lib/email/tracking-rules.ts linksOf); checked again here
  if (!url || !/^https?:\/\//i.test(url)) return notFound();
  return new Response(null, { status: 302, headers: { ...NO_STORE, location: url } });
}

/** The confirmation page a link's GET leads to (app/unsubscribe/[token]). */
export const unsubscribePagePath = (token: string) => `/unsubscribe/${encodeURIComponent(token)}`;

/** GET of an unsubscribe link (the footer's): to the page that asks before doing it, as a prefetching scanner must not unsubscribe anyone. */
export async function handleUnsubscribeGet(req: NextRequest, token: string): Promise<Response> {
  const refused = limited(req);
  if (refused) return refused;
  return new Response(null, { status: 303, headers: { ...NO_STORE, location: new URL(unsubscribePagePath(token), req.nextUrl.origin).toString() } });
}

/**
 * POST of an unsubscribe link: RFC 8058 one-click (body List-Unsubscribe=One-Click, from a
 * mail client) answers 200 with no page; the confirmation page's form (confirm=yes) is
 * sent back to the page, which then says it is done.
 */
export async function handleUnsubscribePost(req: NextRequest, token: string): Promise<Response> {
  const refused = limited(req);
  if (refused) return refused;
  let fromPage = false;
  try {
    const text = (await req.text()).slice(0, 2000);
    fromPage = new URLSearchParams(text).get("confirm") === "yes";
  } catch {
    // an unreadable body is still a one-click request
  }
  if (!(await unsubscribe(token))) return notFound();
  if (fromPage) return new Response(null, { status: 303, headers: { ...NO_STORE, location: new URL(`${unsubscribePagePath(token)}?done=1`, req.nextUrl.origin).toString() } });
  return new Response("Unsubscribed", { status: 200, headers: { ...NO_STORE, "content-type": "text/plain" } });
}
