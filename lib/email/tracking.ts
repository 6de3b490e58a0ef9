// Recording an open (the pixel) or a click (the redirect) of a tracked email. The public
// endpoints carry no session: the tenant and email come from an id this server signed
// (lib/email/crypto.ts), so an altered id finds nothing (404), and a click only ever
// redirects to a link stored with the email, never to a URL the request names.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { emailEvents, emailMessages } from "@/db/schema";
import { emitEvent } from "@/lib/events/emit";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { verifyToken } from "./crypto";
import { CLICK_PAYLOAD_BYTES, isProxyOpen, OPEN_PAYLOAD_BYTES, readPayload, type TrackingTarget } from "./tracking-rules";

export function readTrackingToken(token: string, kind: "open" | "click"): TrackingTarget | null {
  const payload = verifyToken(token, kind === "open" ? OPEN_PAYLOAD_BYTES : CLICK_PAYLOAD_BYTES);
  return payload ? readPayload(payload, kind) : null;
}

const ctxOf = (tenantId: string): TenantContext => ({ tenantId, actor: systemActor("SYSTEM") });
const ua = (userAgent: string | null) => (userAgent ? userAgent.slice(0, 500) : null);

/** Counts an open; false when the id names no tracked email. */
export async function recordOpen(token: string, userAgent: string | null): Promise<boolean> {
  const t = readTrackingToken(token, "open");
  if (!t) return false;
  const proxy = isProxyOpen(userAgent);
  return withTenant(ctxOf(t.tenantId), async (tx) => {
    const hit = await tx
      .update(emailMessages)
      .set({
        opens: sql`${emailMessages.opens} + 1`,
        proxyOpens: proxy ? sql`${emailMessages.proxyOpens} + 1` : emailMessages.proxyOpens,
        firstOpenedAt: sql`coalesce(${emailMessages.firstOpenedAt}, now())`,
        lastOpenedAt: sql`now()`,
      })
      .where(and(eq(emailMessages.tenantId, t.tenantId), eq(emailMessages.id, t.emailId), eq(emailMessages.tracked, true)))
      .returning({ id: emailMessages.id, recordType: emailMessages.recordType, recordId: emailMessages.recordId, opens: emailMessages.opens, proxyOpens: emailMessages.proxyOpens });
    const [e] = hit;
    if (!e) return false;
    await tx.insert(emailEvents).values({ tenantId: t.tenantId, emailId: t.emailId, kind: "OPEN", userAgent: ua(userAgent), isProxy: proxy });
    // email.opened once: on the first open a person made (an image proxy's prefetch is no reading)
    if (!proxy && e.opens - e.proxyOpens === 1) {
      await emitEvent(tx, ctxOf(t.tenantId), { type: "email.opened", entityType: e.recordType, entityId: e.recordId, payload: { emailId: t.emailId } });
    }
    return true;
  });
}

/** Counts a click and answers the stored link to redirect to; null when the id names none. */
export async function recordClick(token: string, userAgent: string | null): Promise<string | null> {
  const t = readTrackingToken(token, "click");
  if (!t || t.linkIndex === null) return null;
  const idx = t.linkIndex;
  return withTenant(ctxOf(t.tenantId), async (tx) => {
    const [hit] = await tx
      .update(emailMessages)
      .set({
        clicks: sql`${emailMessages.clicks} + 1`,
        linkClicks: sql`jsonb_set(${emailMessages.linkClicks}, ${`{${idx}}`}::text[], to_jsonb(coalesce((${emailMessages.linkClicks} ->> ${String(idx)}::text)::int, 0) + 1))`,
      })
      .where(and(eq(emailMessages.tenantId, t.tenantId), eq(emailMessages.id, t.emailId), eq(emailMessages.tracked, true), sql`jsonb_array_length(${emailMessages.links}) > ${idx}::int`))
      .returning({ url: sql<string>`${emailMessages.links} ->> ${idx}::int`, recordType: emailMessages.recordType, recordId: emailMessages.recordId });
    if (!hit) return null;
    await tx.insert(emailEvents).values({ tenantId: t.tenantId, emailId: t.emailId, kind: "CLICK", linkIndex: idx, userAgent: ua(userAgent) });
    await emitEvent(tx, ctxOf(t.tenantId), { type: "email.clicked", entityType: hit.recordType, entityId: hit.recordId, payload: { emailId: t.emailId, linkIndex: idx, url: hit.url } });
    return hit.url;
  });
}
