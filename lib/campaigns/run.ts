// The worker's campaign_batch task: the first run materialises the recipients from the
// list (deduplicated by address; suppressed addresses and opted-out contacts kept as
// SUPPRESSED, with why), then each run turns the next batch of queued recipients into
// queued emails — rendered per contact, with List-Unsubscribe and the unsubscribe footer —
// and sets the time of the next batch (planBatch), which re-queues this job.
// Idempotent per recipient: a batch commits its emails and their recipients' state together.
import "server-only";
import { and, asc, eq, gt, isNotNull, or, sql } from "drizzle-orm";
import { campaignRecipients, campaigns, contacts, emailMessages, listMemberships, mailboxes, type Campaign } from "@/db/schema";
import { loadRecordRefs } from "@/lib/activities/record-ref";
import { loadSendSettings, windowOf } from "@/lib/email/send-settings";
import { insertEmails, workspaceDomains } from "@/lib/email/send";
import { optedOutAmong, suppressedAmong } from "@/lib/email/suppression";
import { renderTemplate } from "@/lib/email/template";
import { trackingAllowed } from "@/lib/email/tracking-rules";
import { contactVariablesMany } from "@/lib/email/variables";
import { ERASED } from "@/lib/privacy/erased";
import { originFrom } from "@/lib/public-origin";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { assignVariants, HOUR_MS, planBatch } from "./rules";

const CHUNK = 1000;
/** How far back a campaign's unsent emails count as queued ahead of its sending, and how soon a batch held back for them looks again. */
const AHEAD_WINDOW_MS = 60_000;
const AHEAD_RETRY_MS = 2_000;

async function materialise(tx: Tx, ctx: TenantContext, c: Campaign): Promise<number> {
  const members = await tx
    .select({ id: contacts.id, email: contacts.email })
    .from(listMemberships)
    .innerJoin(contacts, and(eq(contacts.tenantId, listMemberships.tenantId), eq(contacts.id, listMemberships.memberId)))
    .where(and(eq(listMemberships.tenantId, ctx.tenantId), eq(listMemberships.listId, c.listId), sql`${contacts.deletedAt} is null`, isNotNull(contacts.email), sql`${contacts.email} <> ''`, sql`${contacts.email} <> ${ERASED}`))
    .orderBy(asc(contacts.id));
  // one email per address: the first contact (by id) with it
  const seen = new Set<string>();
  const people = members.filter((m) => {
    const key = m.email!.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const suppressed = await suppressedAmong(tx, ctx.tenantId, people.map((p) => p.email!));
  const optedOut = await optedOutAmong(tx, ctx.tenantId, people.map((p) => p.id), c.category);
  const variants = assignVariants(c.id, people.map((p) => p.id), c.subjectB ? c.splitPercent : 0);
  for (let i = 0; i < people.length; i += CHUNK) {
    const rows = people.slice(i, i + CHUNK).map((p) => {
      const address = p.email!.trim().toLowerCase();
      const reason = suppressed.get(address);
      const why = reason ? `on the suppression list (${reason.toLowerCase()})` : optedOut.has(p.id) ? `turned off ${c.category.toLowerCase().replace("_", " ")} emails` : null;
      return { tenantId: ctx.tenantId, campaignId: c.id, contactId: p.id, email: address, variant: variants.get(p.id)!, state: why ? ("SUPPRESSED" as const) : ("QUEUED" as const), reason: why };
    });
    if (rows.length) await tx.insert(campaignRecipients).values(rows).onConflictDoNothing();
  }
  return people.length;
}

/** The mailbox's campaign and sequence sends of the last hour (the throttle counts these). */
export async function recentBulkSends(tx: Tx, tenantId: string, mailboxId: string, now: Date): Promise<Date[]> {
  const rows = await tx
    .select({ at: emailMessages.createdAt })
    .from(emailMessages)
    .where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.mailboxId, mailboxId), gt(emailMessages.createdAt, new Date(now.getTime() - HOUR_MS)), or(isNotNull(emailMessages.campaignId), isNotNull(emailMessages.sequenceStepId))));
  return rows.map((r) => r.at);
}

export interface BatchResult {
  sent: number;
  suppressed: number;
  nextAt: Date | null;
  done: boolean;
}

/** One run of a campaign's batch job. */
export async function runCampaignBatch(tenantId: string, campaignId: string, now = new Date()): Promise<BatchResult> {
  const ctx: TenantContext = { tenantId, actor: systemActor("SYSTEM") };
  return withTenant(ctx, async (tx) => {
    const [c] = await tx.select().from(campaigns).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, campaignId))).for("update");
    if (!c || (c.status !== "SCHEDULED" && c.status !== "SENDING")) return { sent: 0, suppressed: 0, nextAt: null, done: true };
    // a job run early (a retry, a stale job) waits for the batch's own time
    if (c.nextBatchAt && c.nextBatchAt.getTime() > now.getTime() + 1000) {
      // setting the time again queues its job again (this one ends with this run)
      await tx.update(campaigns).set({ nextBatchAt: c.nextBatchAt }).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, campaignId)));
      return { sent: 0, suppressed: 0, nextAt: c.nextBatchAt, done: false };
    }
    if (!c.startedAt) {
      await materialise(tx, ctx, c);
      await tx.update(campaigns).set({ status: "SENDING", startedAt: now }).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, campaignId)));
    }
    const settings = await loadSendSettings(tx, tenantId);
    // A campaign keeps at most one batch queued ahead of its sending (the send_campaign job):
    // each queued email writes its activity's event at once, and the outbox relay hands a
    // workspace's events on oldest first, so 10,000 queued in the first seconds would hold up
    // every other job's events (automations, lists) until they were through. Emails queued
    // over a minute ago do not count (a throttled campaign's batch an hour later goes).
    const [{ ahead }] = (await tx.execute(sql`select count(*)::int as ahead from (
        select 1 from ${emailMessages} where tenant_id = ${tenantId}::uuid and campaign_id = ${campaignId}::uuid
          and status in ('QUEUED', 'SENDING') and created_at > ${new Date(now.getTime() - AHEAD_WINDOW_MS).toISOString()}::timestamptz
        limit ${settings.batchSize}) q`)) as unknown as [{ ahead: number }];
    if (ahead >= settings.batchSize) {
      const nextAt = new Date(now.getTime() + AHEAD_RETRY_MS);
      await tx.update(campaigns).set({ nextBatchAt: nextAt, updatedAt: now }).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, campaignId)));
      return { sent: 0, suppressed: 0, nextAt, done: false };
    }
    const [{ pending }] = (await tx
      .select({ pending: sql<number>`count(*)::int` })
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.tenantId, tenantId), eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.state, "QUEUED")))) as [{ pending: number }];
    const plan = planBatch({ now, pending, batchSize: settings.batchSize, hourlyLimit: settings.hourlyLimit, recentSends: await recentBulkSends(tx, tenantId, c.mailboxId, now), window: windowOf(settings), zone: settings.timeZone });

    let sent = 0;
    let suppressedNow = 0;
    if (plan.take > 0) {
      const batch = await tx
        .select()
        .from(campaignRecipients)
        .where(and(eq(campaignRecipients.tenantId, tenantId), eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.state, "QUEUED")))
        .orderBy(asc(campaignRecipients.contactId))
        .limit(plan.take);
      const [mailbox] = await tx.select().from(mailboxes).where(and(eq(mailboxes.tenantId, tenantId), eq(mailboxes.id, c.mailboxId)));
      const internal = await workspaceDomains(tx, tenantId, mailbox!.emailAddress);
      // suppressed since the recipients were listed (an unsubscribe from another campaign meanwhile)
      const suppressed = await suppressedAmong(tx, tenantId, batch.map((r) => r.email));
      const people = await loadRecordRefs(tx, tenantId, "CONTACT", batch.map((r) => r.contactId));
      const vars = await contactVariablesMany(tx, tenantId, [...people.values()], { name: mailbox!.displayName, email: mailbox!.emailAddress });
      const outgoing: typeof batch = [];
      for (const r of batch) {
        // suppressed since the recipients were listed, or the contact deleted meanwhile: not sent, with why
        const reason = suppressed.get(r.email);
        const why = reason ? `on the suppression list (${reason.toLowerCase()})` : people.has(r.contactId) ? null : "the contact was deleted";
        if (!why) {
          outgoing.push(r);
          continue;
        }
        await tx
          .update(campaignRecipients)
          .set({ state: "SUPPRESSED", reason: why })
          .where(and(eq(campaignRecipients.tenantId, tenantId), eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.contactId, r.contactId)));
        suppressedNow++;
      }
      // the batch's emails in one write (insertEmails), and their recipients marked in one statement
      const emails = await insertEmails(
        tx,
        ctx,
        outgoing.map((r) => {
          const v = vars.get(r.contactId)!;
          return {
            mailbox: mailbox!,
            recordType: "CONTACT" as const,
            recordId: r.contactId,
            to: [r.email],
            subject: renderTemplate(r.variant === "B" && c.subjectB ? c.subjectB : c.subject, v).text.replace(/[\r\n]+/g, " ").trim() || c.name,
            body: renderTemplate(c.body, v).text,
            tracked: c.track && trackingAllowed([r.email], internal),
            publicOrigin: c.publicOrigin ?? originFrom(new Headers()),
            bulk: { campaignId },
            createdByUserId: c.createdByUserId,
          };
        }),
      );
      if (emails.length) {
        await tx.execute(sql`update ${campaignRecipients} r set state = 'EMAILED', email_id = v.email_id
          from unnest(${sql.param(emails.map((e) => e.recordId))}::uuid[], ${sql.param(emails.map((e) => e.id))}::uuid[]) v(contact_id, email_id)
          where r.tenant_id = ${tenantId}::uuid and r.campaign_id = ${campaignId}::uuid and r.contact_id = v.contact_id`);
      }
      sent += emails.length;
    }
    const left = pending - sent - suppressedNow;
    const done = left <= 0;
    await tx
      .update(campaigns)
      .set(done ? { status: "SENT", nextBatchAt: null, completedAt: now, updatedAt: now } : { nextBatchAt: plan.nextAt ?? now, updatedAt: now })
      .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, campaignId)));
    return { sent, suppressed: suppressedNow, nextAt: done ? null : (plan.nextAt ?? now), done };
  });
}
