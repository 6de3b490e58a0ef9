// The workspace's suppression list (issue 19): an address that unsubscribed, bounced,
// complained or was erased gets no campaign or sequence email again, ever. Rows are keyed
// by the address's hash; the address itself is kept for the settings page until an erase
// removes it. suppressAddress is the one write path — unsubscribe links, the privacy erase,
// and bounce / complaint detection call it — and it stops the address's sequences too.
import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { contactEmailPreferences, emailSuppressions, SUPPRESSION_REASONS, type CampaignCategory, type SuppressionReason } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import { log } from "@/lib/log";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { emailHash } from "@/lib/privacy/suppression";
import { stopEnrollmentsFor } from "@/lib/sequences/stop";
import { isRemovable, suppressInputSchema, suppressionListQuerySchema, type SuppressionEntry } from "./suppression-schemas";
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

/** An entry's id in the list and the REST API: its address hash and reason (an address may be on it for several reasons). */
const entryId = (r: { emailHash: string; reason: string }) => `${r.emailHash}:${r.reason}`;

/** The suppression list (admins and managers; GET /email-suppressions), newest first; an erased address shows as null. */
export async function listSuppressions(ctx: TenantContext, opts: { limit?: number; cursor?: string | null; q?: string | null } = {}): Promise<{ data: SuppressionEntry[]; nextCursor: string | null }> {
  assertCan(ctx.actor.role, "emailSuppressions.read");
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
  const q = opts.q?.trim().toLowerCase();
  return withTenant(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(emailSuppressions)
      .where(
        and(
          eq(emailSuppressions.tenantId, ctx.tenantId),
          ...(q ? [sql`strpos(${emailSuppressions.email}, ${q}) > 0`] : []),
          ...(opts.cursor ? [sql`(${emailSuppressions.createdAt}, ${emailSuppressions.emailHash}, ${emailSuppressions.reason}) < (select created_at, email_hash, reason from email_suppressions where tenant_id = ${ctx.tenantId} and email_hash || ':' || reason = ${opts.cursor})`] : []),
        ),
      )
      .orderBy(desc(emailSuppressions.createdAt), desc(emailSuppressions.emailHash), desc(emailSuppressions.reason))
      .limit(limit + 1);
    const data = rows.slice(0, limit).map((r) => ({ id: entryId(r), email: r.email, reason: r.reason, sourceEmailId: r.sourceEmailId, detail: r.detail, createdAt: r.createdAt.toISOString(), removable: isRemovable(r.reason, r.email) }));
    const last = rows.length > limit ? rows[limit - 1]! : null;
    return { data, nextCursor: last ? entryId(last) : null };
  });
}

/**
 * Takes an entry off the list (admins; DELETE /email-suppressions/{id}): the address may get
 * campaign and sequence email again (its stopped sequences stay stopped). An erased person's
 * entry can never be removed (409).
 */
export async function removeSuppression(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx.actor.role, "settings.manage");
  const [hash, reason] = id.split(":");
  if (!hash || !reason || !(SUPPRESSION_REASONS as readonly string[]).includes(reason)) throw notFound("Suppression");
  await withTenant(ctx, async (tx) => {
    const key = and(eq(emailSuppressions.tenantId, ctx.tenantId), eq(emailSuppressions.emailHash, hash), eq(emailSuppressions.reason, reason as SuppressionReason));
    const [row] = await tx.select({ email: emailSuppressions.email }).from(emailSuppressions).where(key).for("update");
    if (!row) throw notFound("Suppression");
    if (!isRemovable(reason as SuppressionReason, row.email)) throw new AppError("conflict", "An erased person's address stays on the suppression list forever");
    await tx.delete(emailSuppressions).where(key);
    log.info({ tenantId: ctx.tenantId, reason, by: ctx.actor.userId }, "suppression removed");
  });
}

export { suppressInputSchema, suppressionListQuerySchema };

/** Adds an address by hand (admins; POST /email-suppressions), e.g. a complaint reported elsewhere. */
export async function suppressByHand(ctx: TenantContext, input: unknown): Promise<{ added: boolean }> {
  assertCan(ctx.actor.role, "settings.manage");
  const v = suppressInputSchema.parse(input);
  return withTenant(ctx, async (tx) => ({ added: await suppressAddress(tx, { tenantId: ctx.tenantId, email: v.email, reason: v.reason, detail: v.detail ?? "added by hand" }) }));
}
