// The workspace's suppression list (issue 19): an address that unsubscribed, bounced,
// complained or was erased gets no campaign or sequence email again, ever. Rows are keyed
// by the address's hash; the address itself is kept for the settings page until an erase
// removes it. suppressAddress is the one write path — unsubscribe links, the privacy erase,
// and bounce / complaint detection call it — and it stops the address's sequences too.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { contactEmailPreferences, emailSuppressions, type CampaignCategory, type SuppressionReason } from "@/db/schema";
import { emailHash } from "@/lib/privacy/suppression";
import { stopEnrollmentsFor } from "@/lib/sequences/stop";
import type { Tx } from "@/lib/tenancy/with-tenant";

export interface Suppress {
  tenantId: string;
  email: string;
  reason: SuppressionReason;
  /** The send that led to it (an unsubscribe link's or a bounce's email): its campaign counts it. */
  sourceEmailId?: string | null;
  detail?: string | null;
}

const STOP_REASON = { UNSUBSCRIBED: "UNSUBSCRIBED", BOUNCED: "BOUNCED", COMPLAINED: "UNSUBSCRIBED", ERASED: "SUPPRESSED" } as const;

/** Adds the address (idempotent per reason: the first source is kept) and stops its sequences. True when it was new. */
export async function suppressAddress(tx: Tx, s: Suppress): Promise<boolean> {
  const email = s.email.trim().toLowerCase();
  if (!email) return false;
  const hash = emailHash(email);
  const erased = s.reason === "ERASED";
  const added = await tx
    .insert(emailSuppressions)
    .values({ tenantId: s.tenantId, emailHash: hash, reason: s.reason, email: erased ? null : email, sourceEmailId: s.sourceEmailId ?? null, detail: s.detail ?? null })
    .onConflictDoNothing()
    .returning({ hash: emailSuppressions.emailHash });
  // an erase keeps the suppression and drops the address from every row of it
  if (erased) await tx.update(emailSuppressions).set({ email: null }).where(and(eq(emailSuppressions.tenantId, s.tenantId), eq(emailSuppressions.emailHash, hash)));
  await stopEnrollmentsFor(tx, { tenantId: s.tenantId, email, reason: STOP_REASON[s.reason] });
  return added.length > 0;
}

/** The suppressed ones among `emails`: lower-cased address → its first reason. */
export async function suppressedAmong(tx: Tx, tenantId: string, emails: readonly string[]): Promise<Map<string, SuppressionReason>> {
  const byHash = new Map(emails.filter((e) => e?.trim()).map((e) => [emailHash(e), e.trim().toLowerCase()]));
  if (!byHash.size) return new Map();
  const out = new Map<string, SuppressionReason>();
  const CHUNK = 5000;
  const hashes = [...byHash.keys()];
  for (let i = 0; i < hashes.length; i += CHUNK) {
    const rows = await tx
      .select({ hash: emailSuppressions.emailHash, reason: emailSuppressions.reason })
      .from(emailSuppressions)
      .where(and(eq(emailSuppressions.tenantId, tenantId), inArray(emailSuppressions.emailHash, hashes.slice(i, i + CHUNK))))
      .orderBy(emailSuppressions.createdAt);
    for (const r of rows) if (!out.has(byHash.get(r.hash)!)) out.set(byHash.get(r.hash)!, r.reason);
  }
  return out;
}

/** Which preference a campaign's category asks for. */
export const PREFERENCE_OF = { MARKETING: "marketingEmails", PRODUCT_UPDATES: "productUpdates", NEWSLETTER: "newsletter" } as const satisfies Record<CampaignCategory, string>;

/** The contacts among `contactIds` who turned off the preference `category` needs (sequences count as marketing). */
export async function optedOutAmong(tx: Tx, tenantId: string, contactIds: readonly string[], category: CampaignCategory): Promise<Set<string>> {
  if (!contactIds.length) return new Set();
  const column = contactEmailPreferences[PREFERENCE_OF[category]];
  const rows = await tx
    .select({ id: contactEmailPreferences.contactId })
    .from(contactEmailPreferences)
    .where(and(eq(contactEmailPreferences.tenantId, tenantId), inArray(contactEmailPreferences.contactId, [...contactIds]), sql`${column} = false`));
  return new Set(rows.map((r) => r.id));
}
