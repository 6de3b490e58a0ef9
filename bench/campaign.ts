// Issue 19: a campaign to BENCH_CAMPAIGN_RECIPIENTS contacts (default 10,000) through the
// local SMTP server (smtp-server on 127.0.0.1), as the worker runs it: the campaign_batch
// task (recipients listed from the list, suppression checked, each email rendered for its
// contact and queued with its activity) and the send_campaign task in turn, a batch at a
// time, SEND_CONCURRENCY sends at once, until every recipient is sent. Messages/s end to end, beside
// nodemailer sending the same number over a pooled connection with no database.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import nodemailer from "nodemailer";
import type { TenantContext } from "../lib/tenancy/context";
import { stats, type Row } from "./harness";
import type { BenchEnv } from "./index";

const RECIPIENTS = Number(process.env.BENCH_CAMPAIGN_RECIPIENTS ?? 10_000);
const SEND_CONCURRENCY = Number(process.env.BENCH_EMAIL_SEND_CONCURRENCY ?? 10);

async function concurrent<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const t = performance.now();
        await fn(item);
        out.push(performance.now() - t);
      }
    }),
  );
  return out;
}

export async function benchCampaign(env: BenchEnv, smtp: { port: number; username: string; password: string }, mailboxId: string): Promise<Row[]> {
  const { sendCampaign, createCampaign } = await import("../lib/campaigns/service");
  const { runCampaignBatch } = await import("../lib/campaigns/run");
  const { sendCampaignEmails } = await import("../lib/campaigns/send");
  const { getSendSettings, updateSendSettings } = await import("../lib/email/send-settings");
  const { createList } = await import("../lib/lists/service");
  const ctx: TenantContext = { tenantId: env.tenantId, actor: { kind: "user", userId: env.userId, role: "admin", source: "USER" } };
  const run = randomUUID().slice(0, 8);

  // the audience: RECIPIENTS contacts of their own, in a static list (set up in SQL, not measured)
  const ids = await env.owner<{ id: string }[]>`
    insert into contacts (tenant_id, first_name, last_name, email)
    select ${env.tenantId}, 'Reader' || g, ${run}, 'reader-' || g || '-' || ${run} || '@bench-campaign.example' from generate_series(1, ${RECIPIENTS}) g
    returning id`;
  const list = await createList(ctx, { name: `Bench campaign ${run}`, objectType: "CONTACT" });
  await env.owner`insert into list_memberships (tenant_id, list_id, member_type, member_id) select ${env.tenantId}, ${list.id}, 'CONTACT', unnest(${ids.map((r) => r.id)}::uuid[])`;

  // no window, no throttle in the way: the figure is the pipeline's own speed
  const before = await getSendSettings(ctx);
  await updateSendSettings(ctx, { windowEnabled: false, hourlyLimit: 100_000, batchSize: 500 });
  try {
    const campaign = await createCampaign(ctx, { name: `Bench ${run}`, mailboxId, listId: list.id, subject: "News for {{contact.firstName | you}}", subjectB: "Fresh news, {{contact.firstName | friend}}", splitPercent: 50, body: "Hello {{contact.firstName | there}},\nread https://example.com/news", track: true });
    await sendCampaign(ctx, campaign.id, {}, { publicOrigin: "http://bench.local" });
    // a running worker would race the bench for these jobs
    await env.owner`select graphile_worker.remove_job(${`campaign:${campaign.id}`})`;

    // batch, then the send_campaign task, in turn, as the worker runs them: a campaign queues its next batch only once
    // the last one is sent (lib/campaigns/run.ts), so queuing them all first queues one
    const batchTimes: number[] = [];
    const sendTimes: number[] = [];
    let queueMs = 0;
    let sendMs = 0;
    for (let i = 0; i < 10_000; i++) {
      const t = performance.now();
      const r = await runCampaignBatch(env.tenantId, campaign.id);
      const b = performance.now() - t;
      queueMs += b;
      if (r.sent > 0) batchTimes.push(b);
      const u = performance.now();
      const s = await sendCampaignEmails(env.tenantId, campaign.id);
      sendTimes.push(performance.now() - u);
      sendMs += performance.now() - u;
      if (r.done && !s.nextAt) break;
    }
    const queueSeconds = queueMs / 1000;
    const sendSeconds = sendMs / 1000;
    const emails = await env.owner<{ id: string }[]>`select id from email_messages where tenant_id = ${env.tenantId} and campaign_id = ${campaign.id}`;
    await env.owner`select graphile_worker.remove_job(${`campaign-send:${campaign.id}`})`;
    await env.owner`select graphile_worker.remove_job(${`campaign:${campaign.id}`})`;
    const total = queueSeconds + sendSeconds;
    const [{ sent }] = (await env.owner`select count(*)::int as sent from email_messages where tenant_id = ${env.tenantId} and campaign_id = ${campaign.id} and status = 'SENT'`) as unknown as [{ sent: number }];

    const pool = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true, auth: { user: smtp.username, pass: smtp.password }, pool: true, maxConnections: SEND_CONCURRENCY });
    const t2 = performance.now();
    const rawTimes = await concurrent(emails, SEND_CONCURRENCY, (e) => pool.sendMail({ from: "bench@bench-mail.example", to: `raw-${e.id}@bench-campaign.example`, subject: "Raw", text: "Hello", html: "<p>Hello</p>" }));
    const rawRate = emails.length / ((performance.now() - t2) / 1000);
    pool.close();

    return [
      {
        benchmark: `campaign to ${RECIPIENTS.toLocaleString("en")} recipients: batches queued (render, activity, email row)`,
        app: stats(batchTimes),
        raw: stats(batchTimes),
        target: "reported",
        pass: emails.length === RECIPIENTS,
        note: `${batchTimes.length} batches of up to 500 in ${queueSeconds.toFixed(1)} s (${(RECIPIENTS / queueSeconds).toFixed(0)} recipients/s); per batch; raw column repeats app`,
      },
      {
        benchmark: `campaign to ${RECIPIENTS.toLocaleString("en")} recipients through local SMTP, end to end`,
        app: stats(sendTimes),
        raw: stats(rawTimes),
        target: "≥ 100 messages/s",
        pass: sent === RECIPIENTS && RECIPIENTS / total >= 100,
        note: `${(RECIPIENTS / total).toFixed(0)} msg/s end to end (${sent}/${RECIPIENTS} SENT; sends alone ${(RECIPIENTS / sendSeconds).toFixed(0)} msg/s: the send_campaign task after each batch, 10 at a time) vs nodemailer pooled, ${SEND_CONCURRENCY} at a time, no database: ${rawRate.toFixed(0)} msg/s`,
      },
    ];
  } finally {
    // the audience leaves the tenant again: the list and access suites read the newest contacts
    await env.owner`delete from contacts where tenant_id = ${env.tenantId} and id = any(${ids.map((r) => r.id)}::uuid[])`;
    await updateSendSettings(ctx, { windowEnabled: before.windowEnabled, windowDays: before.windowDays, windowStartMinute: before.windowStartMinute, windowEndMinute: before.windowEndMinute, hourlyLimit: before.hourlyLimit, batchSize: before.batchSize });
  }
}
