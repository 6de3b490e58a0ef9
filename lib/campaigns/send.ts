// The worker's send_campaign task: a campaign's queued emails go out in batches over the
// mailbox's pooled SMTP connections, SEND_CONCURRENCY at a time, in one job — not a job
// per email — so a campaign of thousands takes one of the worker's slots and leaves the
// others to automations, lists and single sends (the job also runs at a lower priority:
// migration bulk_send_priority, whose trigger queues it when a batch's emails are written).
// Each batch is claimed in one transaction (claimIn, as send_email does: suppression checked
// again), marked SENT together (markSent). A failed send waits and is tried again, with
// the send_email job's backoff (e^attempts seconds), until its MAX_ATTEMPTS-th failure
// marks it FAILED with the reason; one a stopped worker left SENDING is taken again after
// ten minutes. The job stops after its time budget and queues itself again while emails remain.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { emailMessages } from "@/db/schema";
import { claimIn, deliver, markFailedAttempt, markSent } from "@/lib/email/send";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { yieldToAutomations } from "@/lib/events/dispatcher";

export const MAX_ATTEMPTS = 5;
const CLAIM = 100;
const SEND_CONCURRENCY = 10;
const BUDGET_MS = 60_000;

export interface CampaignSendResult {
  sent: number;
  failed: number;
  /** When the job should run again (emails left, some waiting for a retry); null when none is queued. */
  nextAt: Date | null;
}

/** The campaign's unsent emails whose turn it is (turn). */
const due = (tenantId: string, campaignId: string) =>
  sql`${emailMessages.tenantId} = ${tenantId} and ${emailMessages.campaignId} = ${campaignId} and ${emailMessages.status} in ('QUEUED', 'SENDING') and ${turn} <= now()`;

/**
 * When an unsent email's turn comes: a queued one at once, or after its backoff; one left
 * SENDING by a worker that stopped mid-send (a crash), ten minutes after its claim.
 */
const turn = sql`(case when ${emailMessages.status} = 'SENDING' then ${emailMessages.updatedAt} + interval '10 minutes'
  when ${emailMessages.attempts} = 0 then ${emailMessages.createdAt}
  else ${emailMessages.updatedAt} + exp(least(${emailMessages.attempts}, 10)) * interval '1 second' end)`;

export async function sendCampaignEmails(tenantId: string, campaignId: string, opts: { budgetMs?: number } = {}): Promise<CampaignSendResult> {
  const ctx: TenantContext = { tenantId, actor: systemActor("SYSTEM") };
  const deadline = Date.now() + (opts.budgetMs ?? BUDGET_MS);
  let sent = 0;
  let failed = 0;
  while (Date.now() < deadline) {
    const claims = await withTenant(ctx, async (tx) => {
      // another run of this job (a batch queued while it ran) takes other rows: skip locked
      const ids = await tx.select({ id: emailMessages.id }).from(emailMessages).where(due(tenantId, campaignId)).orderBy(emailMessages.createdAt).limit(CLAIM).for("update", { skipLocked: true });
      return claimIn(tx, tenantId, ids.map((r) => r.id));
    });
    // nothing left, or only rows another run claimed meanwhile
    if (claims.every((c) => c === null)) break;
    let next = 0;
    await Promise.all(
      Array.from({ length: SEND_CONCURRENCY }, async () => {
        while (next < claims.length) {
          const c = claims[next++]!;
          if (!c || c === "refused") continue;
          await yieldToAutomations();
          const reason = await deliver(c.e, c.m);
          if (!reason) {
            await markSent(tenantId, { id: c.e.id, at: new Date() });
            sent++;
            continue;
          }
          const last = c.e.attempts >= MAX_ATTEMPTS;
          if (last) failed++;
          await markFailedAttempt(tenantId, c.e.id, reason, last);
        }
      }),
    );
  }
  const [left] = await withTenant(ctx, (tx) =>
    tx
      .select({ at: sql<string | null>`case when count(*) > 0 then greatest(min(${turn}), now()) end` })
      .from(emailMessages)
      .where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.campaignId, campaignId), inArray(emailMessages.status, ["QUEUED", "SENDING"]))),
  );
  return { sent, failed, nextAt: left?.at ? new Date(left.at) : null };
}
