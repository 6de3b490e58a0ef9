// A campaign's figures, counted from its recipients, their email_messages rows and the
// suppression list (an unsubscribe, bounce or complaint names the email that caused it):
// nothing is a counter kept beside the sends, so nothing drifts.
import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { campaignRecipients, contacts, emailMessages, emailSuppressions, type Campaign } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { recipientStatus, type RecipientStatus } from "./rules";
import { loadCampaign } from "./service";

export interface VariantFigures {
  variant: "A" | "B";
  subject: string;
  recipients: number;
  queued: number;
  suppressed: number;
  failed: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  bounced: number;
  complained: number;
}

export interface CampaignFigures {
  total: Omit<VariantFigures, "variant" | "subject">;
  variants: VariantFigures[];
  /** Share of the recipients done with (emailed or suppressed), 0..1. */
  progress: number;
}

const suppressedBy = (reason: string) =>
  sql`exists (select 1 from ${emailSuppressions} s where s.tenant_id = ${campaignRecipients.tenantId} and s.source_email_id = ${campaignRecipients.emailId} and s.reason = ${reason})`;

const FIGURES = {
  recipients: sql<number>`count(*)::int`,
  queued: sql<number>`(count(*) filter (where ${campaignRecipients.state} = 'QUEUED'))::int`,
  suppressed: sql<number>`(count(*) filter (where ${campaignRecipients.state} = 'SUPPRESSED'))::int`,
  failed: sql<number>`(count(*) filter (where ${campaignRecipients.state} = 'EMAILED' and ${emailMessages.status} = 'FAILED'))::int`,
  sent: sql<number>`(count(*) filter (where ${campaignRecipients.state} = 'EMAILED' and ${emailMessages.status} = 'SENT'))::int`,
  delivered: sql<number>`(count(*) filter (where ${campaignRecipients.state} = 'EMAILED' and ${emailMessages.status} = 'SENT' and not ${suppressedBy("BOUNCED")}))::int`,
  opened: sql<number>`(count(*) filter (where ${emailMessages.opens} > 0))::int`,
  clicked: sql<number>`(count(*) filter (where ${emailMessages.clicks} > 0))::int`,
  unsubscribed: sql<number>`(count(*) filter (where ${suppressedBy("UNSUBSCRIBED")}))::int`,
  bounced: sql<number>`(count(*) filter (where ${suppressedBy("BOUNCED")}))::int`,
  complained: sql<number>`(count(*) filter (where ${suppressedBy("COMPLAINED")}))::int`,
};

const joinEmail = and(eq(emailMessages.tenantId, campaignRecipients.tenantId), eq(emailMessages.id, campaignRecipients.emailId));

export async function figuresIn(tx: Tx, tenantId: string, c: Campaign): Promise<CampaignFigures> {
  const rows = await tx
    .select({ variant: campaignRecipients.variant, ...FIGURES })
    .from(campaignRecipients)
    .leftJoin(emailMessages, joinEmail)
    .where(and(eq(campaignRecipients.tenantId, tenantId), eq(campaignRecipients.campaignId, c.id)))
    .groupBy(campaignRecipients.variant);
  const zero = { recipients: 0, queued: 0, suppressed: 0, failed: 0, sent: 0, delivered: 0, opened: 0, clicked: 0, unsubscribed: 0, bounced: 0, complained: 0 };
  const variants: VariantFigures[] = (c.subjectB ? (["A", "B"] as const) : (["A"] as const)).map((v) => {
    const { variant: _v, ...f } = rows.find((r) => r.variant === v) ?? { variant: v, ...zero };
    return { variant: v, subject: v === "B" ? c.subjectB! : c.subject, ...f };
  });
  const total = { ...zero };
  for (const v of variants) for (const k of Object.keys(zero) as (keyof typeof zero)[]) total[k] += v[k];
  return { total, variants, progress: total.recipients ? (total.recipients - total.queued) / total.recipients : c.status === "SENT" ? 1 : 0 };
}

export async function campaignFigures(ctx: TenantContext, id: string): Promise<{ campaign: Campaign; figures: CampaignFigures }> {
  assertCan(ctx.actor.role, "campaigns.read");
  return withTenant(ctx, async (tx) => {
    const campaign = await loadCampaign(tx, ctx, id);
    return { campaign, figures: await figuresIn(tx, ctx.tenantId, campaign) };
  });
}

export interface RecipientRow {
  contactId: string;
  name: string;
  email: string;
  variant: "A" | "B";
  status: RecipientStatus;
  reason: string | null;
  error: string | null;
  sentAt: Date | null;
}

/** One page of recipients (by contact id), each with its status. */
export async function campaignRecipientsPage(ctx: TenantContext, id: string, opts: { limit?: number; cursor?: string | null } = {}): Promise<{ data: RecipientRow[]; nextCursor: string | null }> {
  assertCan(ctx.actor.role, "campaigns.read");
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
  return withTenant(ctx, async (tx) => {
    await loadCampaign(tx, ctx, id);
    const rows = await tx
      .select({
        contactId: campaignRecipients.contactId,
        firstName: contacts.firstName,
        lastName: contacts.lastName,
        email: campaignRecipients.email,
        variant: campaignRecipients.variant,
        state: campaignRecipients.state,
        reason: campaignRecipients.reason,
        emailStatus: emailMessages.status,
        error: emailMessages.error,
        opens: emailMessages.opens,
        clicks: emailMessages.clicks,
        sentAt: emailMessages.sentAt,
        unsubscribed: sql<boolean>`${suppressedBy("UNSUBSCRIBED")}`,
        bounced: sql<boolean>`${suppressedBy("BOUNCED")}`,
      })
      .from(campaignRecipients)
      .leftJoin(emailMessages, joinEmail)
      .leftJoin(contacts, and(eq(contacts.tenantId, campaignRecipients.tenantId), eq(contacts.id, campaignRecipients.contactId)))
      .where(and(eq(campaignRecipients.tenantId, ctx.tenantId), eq(campaignRecipients.campaignId, id), ...(opts.cursor ? [gt(campaignRecipients.contactId, opts.cursor)] : [])))
      .orderBy(asc(campaignRecipients.contactId))
      .limit(limit + 1);
    const page = rows.slice(0, limit).map((r) => ({
      contactId: r.contactId,
      name: [r.firstName, r.lastName].filter(Boolean).join(" ") || r.email,
      email: r.email,
      variant: r.variant,
      status: recipientStatus({ state: r.state, emailStatus: r.emailStatus, opens: r.opens ?? 0, clicks: r.clicks ?? 0, unsubscribed: r.unsubscribed, bounced: r.bounced }),
      reason: r.reason,
      error: r.state === "EMAILED" && r.emailStatus === "FAILED" ? r.error : null,
      sentAt: r.sentAt,
    }));
    return { data: page, nextCursor: rows.length > limit ? page[page.length - 1]!.contactId : null };
  });
}
