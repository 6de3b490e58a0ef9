// The HTTP side of the tracking endpoints (app/api/public/email/**): no session, a rate
// limit per client address, a 1×1 GIF for an open, a redirect to the stored link for a
// click, and 404 for an id this server did not sign. The limit is in memory, per
// instance: these answer every email client's image fetch, and a shared counter row (as
// the web forms use) would make each one wait on a lock; the abuse it bounds is a flood
// from one address, which one instance's counter sees.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { clientAddress } from "@/lib/auth/client-address";
import { log } from "@/lib/log";
import { recordClick, recordOpen } from "./tracking";
import { unsubscribe } from "./unsubscribe";

/** 600 hits a minute from one address: a mail provider's proxy fetching for many readers stays under it. */
const limiter = new RateLimiterMemory({ points: 600, duration: 60 });

const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const NO_STORE = { "cache-control": "no-store, private", "referrer-policy": "no-referrer" };

export async function limited(req: Pick<NextRequest, "headers">): Promise<Response | null> {
  const address = clientAddress(req.headers) ?? "unknown";
  try {
    await limiter.consume(address);
    return null;
  } catch {
    return new NextResponse("Too many requests", { status: 429, headers: { ...NO_STORE, "retry-after": "60" } });
  }
}

const notFound = () => new NextResponse("Not found", { status: 404, headers: { ...NO_STORE, "content-type": "text/plain" } });

export async function handleOpen(req: NextRequest, token: string): Promise<Response> {
  const refused = await limited(req);
  if (refused) return refused;
  try {
    if (!(await recordOpen(token, req.headers.get("user-agent")))) return notFound();
  } catch (err) {
    log.error({ err }, "recording an email open failed");
  }
  return new NextResponse(new Uint8Array(GIF), { status: 200, headers: { ...NO_STORE, "content-type": "image/gif", "content-length": String(GIF.length) } });
}

export async function handleClick(req: NextRequest, token: string): Promise<Response> {
  const refused = await limited(req);
  if (refused) return refused;
  const url = await recordClick(token, req.headers.get("user-agent"));
  // only http(s) links were stored (lib/email/tracking-rules.ts linksOf); checked again here
  if (!url || !/^https?:\/\//i.test(url)) return notFound();
  return new NextResponse(null, { status: 302, headers: { ...NO_STORE, location: url } });
}

/** The confirmation page a link's GET leads to (app/unsubscribe/[token]). */
export const unsubscribePagePath = (token: string) => `/unsubscribe/${encodeURIComponent(token)}`;

/** GET of an unsubscribe link (the footer's): to the page that asks before doing it, as a prefetching scanner must not unsubscribe anyone. */
export async function handleUnsubscribeGet(req: NextRequest, token: string): Promise<Response> {
  const refused = await limited(req);
  if (refused) return refused;
  return new NextResponse(null, { status: 303, headers: { ...NO_STORE, location: new URL(unsubscribePagePath(token), req.nextUrl.origin).toString() } });
}

/**
 * POST of an unsubscribe link: RFC 8058 one-click (body List-Unsubscribe=One-Click, from a
 * mail client) answers 200 with no page; the confirmation page's form (confirm=yes) is
 * sent back to the page, which then says it is done.
 */
export async function handleUnsubscribePost(req: NextRequest, token: string): Promise<Response> {
  const refused = await limited(req);
  if (refused) return refused;
  let fromPage = false;
  try {
    const text = (await req.text()).slice(0, 2000);
    fromPage = new URLSearchParams(text).get("confirm") === "yes";
  } catch {
    // an unreadable body is still a one-click request
  }
  if (!(await unsubscribe(token))) return notFound();
  if (fromPage) return new NextResponse(null, { status: 303, headers: { ...NO_STORE, location: new URL(`${unsubscribePagePath(token)}?done=1`, req.nextUrl.origin).toString() } });
  return new NextResponse("Unsubscribed", { status: 200, headers: { ...NO_STORE, "content-type": "text/plain" } });
}
