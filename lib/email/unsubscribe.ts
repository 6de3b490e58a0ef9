// Unsubscribing from campaign and sequence email through the signed link each one carries
// (API.md "Email": /api/public/email/u/{token}): the link's GET opens a confirmation page,
// and a POST — the page's button, or a mail client's RFC 8058 one-click — adds every
// recipient of that email to the suppression list as UNSUBSCRIBED, which also stops their
// sequences. Idempotent; an id this server did not sign names nothing.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { emailMessages, emailSuppressions, tenants } from "@/db/schema";
import { emailHash } from "@/lib/privacy/suppression";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { verifyToken } from "./crypto";
import { suppressAddress } from "./suppression";
import { readPayload, UNSUBSCRIBE_PAYLOAD_BYTES, type TrackingTarget } from "./tracking-rules";

export function readUnsubscribeToken(token: string): TrackingTarget | null {
  const payload = verifyToken(token, UNSUBSCRIBE_PAYLOAD_BYTES);
  return payload ? readPayload(payload, "unsubscribe") : null;
}

const ctxOf = (tenantId: string): TenantContext => ({ tenantId, actor: systemActor("SYSTEM") });

/** "a•••@example.com": enough for the reader to know it is theirs, not enough to harvest. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${address[0]}•••${address.slice(at)}`;
}

export interface UnsubscribeTarget {
  workspace: string;
  addresses: string[];
  unsubscribed: boolean;
}

/** What the confirmation page shows; null for a link that names no email. */
export async function unsubscribeTarget(token: string): Promise<UnsubscribeTarget | null> {
  const t = readUnsubscribeToken(token);
  if (!t) return null;
  return withTenant(ctxOf(t.tenantId), async (tx) => {
    const [e] = await tx.select({ to: emailMessages.toAddresses }).from(emailMessages).where(and(eq(emailMessages.tenantId, t.tenantId), eq(emailMessages.id, t.emailId)));
    if (!e) return null;
    const [w] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, t.tenantId));
    const hits = await tx
      .select({ hash: emailSuppressions.emailHash })
      .from(emailSuppressions)
      .where(and(eq(emailSuppressions.tenantId, t.tenantId), inArray(emailSuppressions.emailHash, e.to.map(emailHash))));
    return { workspace: w?.name ?? "this workspace", addresses: e.to.map(maskAddress), unsubscribed: hits.length > 0 };
  });
}

/** Unsubscribes the email's recipients; false when the token names no email. */
export async function unsubscribe(token: string): Promise<boolean> {
  const t = readUnsubscribeToken(token);
  if (!t) return false;
  return withTenant(ctxOf(t.tenantId), async (tx) => {
    const [e] = await tx.select({ to: emailMessages.toAddresses }).from(emailMessages).where(and(eq(emailMessages.tenantId, t.tenantId), eq(emailMessages.id, t.emailId)));
    if (!e) return false;
    for (const address of e.to) await suppressAddress(tx, { tenantId: t.tenantId, email: address, reason: "UNSUBSCRIBED", sourceEmailId: t.emailId, detail: "link" });
    return true;
  });
}
