import { randomBytes, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { NextRequest } from "next/server";
import nodemailer from "nodemailer";
import type { TenantContext } from "../lib/tenancy/context";
import { stats, type Row } from "./harness";
import type { BenchEnv } from "./index";
import { rawInTenant } from "./tenant-sql";

const TRACK_REQUESTS = Number(process.env.BENCH_EMAIL_TRACK_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_EMAIL_CONCURRENCY ?? 200);
// untimed requests to each tracking endpoint before either is timed: as many as are timed (a server that has answered
// before; after only CONCURRENCY of them, whichever endpoint was timed first still paid for V8 optimising the code both
// run: open's p95 21.9–26.2 ms at 200 against 15.7 ms at 2,000, with click, timed second, at 12–13 ms either way)
const TRACK_WARMUP = Number(process.env.BENCH_EMAIL_TRACK_WARMUP ?? TRACK_REQUESTS);
const SENDS = Number(process.env.BENCH_EMAIL_SENDS ?? 300);
const SEND_CONCURRENCY = Number(process.env.BENCH_EMAIL_SEND_CONCURRENCY ?? 10);
// the IMAP sync: the first sync of a mailbox of this many messages (the target is 10,000), then new mail one at a time
const SYNC_MESSAGES = Number(process.env.BENCH_EMAIL_SYNC_MESSAGES ?? 10_000);
const SYNC_INCREMENTAL = Number(process.env.BENCH_EMAIL_SYNC_INCREMENTAL ?? 20);

/** Runs `total` calls of `fn` with `concurrency` in flight; answers each call's latency. */
async function concurrent(total: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await fn(i);
        out.push(performance.now() - t);
      }
    }),
  );
  return out;
}

/**
 * Issue 19: the open and click endpoints' p95 ≤ 20 ms under 200 concurrent requests, and
 * sending through a local SMTP server (smtp-server on 127.0.0.1) at ≥ 100 messages/s.
 * The endpoints are their route handlers called in-process (rate limit, token check, the
 * counted update and its event row), without Next's HTTP server in front; raw SQL does
 * the same update and insert at the same concurrency. The sends are the worker's task
 * (claim, SMTP, mark sent) with WORKER_CONCURRENCY-like parallelism, next to nodemailer
 * sending the same messages over one pooled connection with no database. Then a campaign
 * to 10,000 recipients (bench/campaign.ts; BENCH_CAMPAIGN_RECIPIENTS, 0 to skip).
 */
export async function benchEmail(env: BenchEnv): Promise<Row[]> {
  // the bench's own key: it makes its own mailbox, and a running worker's jobs for these emails are removed
  process.env.EMAIL_ENCRYPTION_KEY ??= randomBytes(32).toString("base64url");
  process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ??= "1";
  const { startTestSmtpServer } = await import("../lib/email/smtp-test-server");
  const { createMailbox } = await import("../lib/email/mailboxes");
  const { queueEmail, sendQueuedEmail } = await import("../lib/email/send");
  const { handleClick, handleOpen } = await import("../lib/email/public-routes");
  const smtp = await startTestSmtpServer({ keepParsed: false });
  const ctx: TenantContext = { tenantId: env.tenantId, actor: { kind: "user", userId: env.userId, role: "admin", source: "USER" } };
  const run = randomUUID().slice(0, 8);
  try {
    const mailbox = await createMailbox(ctx, { emailAddress: `bench-${run}@bench-mail.example`, shared: true, smtpHost: "127.0.0.1", smtpPort: smtp.port, smtpSecurity: "NONE", smtpUsername: smtp.username, smtpPassword: smtp.password });
    const [contact] = await env.owner<{ id: string }[]>`select id from contacts where tenant_id = ${env.tenantId} and deleted_at is null limit 1`;

    // queue: render, activity, send row (and its job) in one transaction
    const queued: string[] = [];
    const queueTimes: number[] = [];
    for (let i = 0; i < SENDS; i++) {
      const t = performance.now();
      const e = await queueEmail(
        ctx,
        { recordType: "CONTACT", recordId: contact!.id, mailboxId: mailbox.id, to: [`reader-${i}@bench-reader.example`], subject: `Bench ${run} {{contact.firstName | there}}`, body: "Hello {{contact.firstName | there}},\nsee https://example.com/a and https://example.com/b", track: true },
        { publicOrigin: "http://bench.local" },
      );
      queueTimes.push(performance.now() - t);
      queued.push(e.id);
    }
    await env.owner`select graphile_worker.remove_job('email:' || id::text) from unnest(${queued}::uuid[]) id`;

    // send throughput: the worker's task, SEND_CONCURRENCY at a time
    const t0 = performance.now();
    const sendTimes = await concurrent(queued.length, SEND_CONCURRENCY, (i) => sendQueuedEmail(env.tenantId, queued[i]!, { attempt: 1, maxAttempts: 5 }));
    const appRate = queued.length / ((performance.now() - t0) / 1000);
    const pool = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true, auth: { user: smtp.username, pass: smtp.password }, pool: true, maxConnections: SEND_CONCURRENCY });
    const t1 = performance.now();
    const rawSendTimes = await concurrent(queued.length, SEND_CONCURRENCY, (i) =>
      pool.sendMail({ from: "bench@bench-mail.example", to: `reader-${i}@bench-reader.example`, subject: `Raw ${run}`, text: "Hello", html: "<p>Hello</p>" }),
    );
    const rawRate = queued.length / ((performance.now() - t1) / 1000);
    pool.close();

    // tracking: the URLs each sent email carries
    const rows = await env.owner<{ id: string; body_html: string }[]>`select id, body_html from email_messages where tenant_id = ${env.tenantId} and id = any(${queued}::uuid[])`;
    const opens = rows.map((r) => r.body_html.match(/<img src="([^"]+)"/)![1]!);
    const clicks = rows.map((r) => r.body_html.match(/<a href="([^"]+)"/)![1]!);
    const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);
    // a new address per request: the per-address limit is counted, never hit
    const req = (url: string, i: number) => new NextRequest(url, { headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Bench", "x-forwarded-for": `198.19.${(i >> 8) & 255}.${i & 255}` } });
    const open = async (i: number) => {
      const url = opens[i % opens.length]!;
      const res = await handleOpen(req(url, i), tokenOf(url));
      if (res.status !== 200) throw new Error(`open answered ${res.status}`);
    };
    const click = async (i: number) => {
      const url = clicks[i % clicks.length]!;
      const res = await handleClick(req(url, i), tokenOf(url));
      if (res.status !== 302) throw new Error(`click answered ${res.status}`);
    };
    // TRACK_WARMUP requests to each endpoint first, not timed (as harness.time warms up): a server that has
    // answered both before. Both warm up before either is timed: the endpoints share most of their code (the request,
    // the limit, the token check, the write behind), so warming one only before its own run billed the first one
    // timed for the compiling of what both run (open, timed first, looked twice as slow as click; swapped, the
    // reverse)
    await concurrent(TRACK_WARMUP, CONCURRENCY, (i) => open(TRACK_REQUESTS + i));
    await concurrent(TRACK_WARMUP, CONCURRENCY, (i) => click(TRACK_REQUESTS + i));
    const openTimes = await concurrent(TRACK_REQUESTS, CONCURRENCY, open);
    const clickTimes = await concurrent(TRACK_REQUESTS, CONCURRENCY, click);
    // the hits are written behind the answers: the write of what is still waiting, then a check that all landed
    const { flushTracking } = await import("../lib/email/tracking");
    const tf = performance.now();
    await flushTracking();
    const flushMs = performance.now() - tf;
    const [landed] = await env.owner<{ opens: number; clicks: number }[]>`
      select coalesce(sum(opens), 0)::int as opens, coalesce(sum(clicks), 0)::int as clicks from email_messages where tenant_id = ${env.tenantId} and id = any(${queued}::uuid[])`;
    const hits = TRACK_REQUESTS + TRACK_WARMUP;
    if (landed!.opens !== hits || landed!.clicks !== hits) throw new Error(`tracking wrote ${landed!.opens} opens and ${landed!.clicks} clicks of ${hits} each`);
    const rawOpen = await concurrent(TRACK_REQUESTS, CONCURRENCY, (i) =>
      rawInTenant(env.app, env.tenantId, async (tx) => {
        const id = rows[i % rows.length]!.id;
        await tx`update email_messages set opens = opens + 1, first_opened_at = coalesce(first_opened_at, now()), last_opened_at = now() where tenant_id = ${env.tenantId} and id = ${id} and tracked`;
        await tx`insert into email_events (tenant_id, email_id, kind, user_agent) values (${env.tenantId}, ${id}, 'OPEN', 'raw')`;
      }),
    );

    const sent = await env.owner<{ n: number }[]>`select count(*)::int as n from email_messages where tenant_id = ${env.tenantId} and id = any(${queued}::uuid[]) and status = 'SENT'`;
    const p95 = (limit: number, benchmark: string, app: number[], raw: number[], note: string): Row => {
      const a = stats(app);
      return { benchmark, app: a, raw: stats(raw), target: `p95 ≤ ${limit} ms`, pass: a.p95 <= limit, note };
    };
    const campaignRows = process.env.BENCH_CAMPAIGN_RECIPIENTS === "0" ? [] : await (await import("./campaign")).benchCampaign(env, smtp, mailbox.id);
    const syncRows = await benchImapSync(env, ctx, run);
    // last: it runs on a database of its own (and switches the app's connection to it and back)
    const workerRows = await (await import("./campaign-worker")).benchCampaignWorker(env, smtp);
    return [
      ...syncRows,
      ...campaignRows,
      ...workerRows,
      p95(20, `email open pixel, ${CONCURRENCY} concurrent`, openTimes, rawOpen, `${TRACK_REQUESTS} requests after ${TRACK_WARMUP} not timed, route handler in-process; written behind the answer (the last ${flushMs.toFixed(0)} ms flush included none of the answers' time), all ${hits} counted`),
      p95(20, `email click redirect, ${CONCURRENCY} concurrent`, clickTimes, rawOpen, `${TRACK_REQUESTS} requests after ${TRACK_WARMUP} not timed, the link signed in the id; raw = the open's update + insert per request; all ${hits} counted`),
      { benchmark: "queue an email from a record (render, activity, send row)", app: stats(queueTimes), raw: stats(queueTimes), target: "reported", pass: true, note: `${SENDS} emails, sequential; raw column repeats app` },
      {
        benchmark: `send through local SMTP, ${SEND_CONCURRENCY} at a time`,
        app: stats(sendTimes),
        raw: stats(rawSendTimes),
        target: "≥ 100 messages/s",
        pass: appRate >= 100 && sent[0]!.n === queued.length,
        note: `${appRate.toFixed(0)} msg/s (${sent[0]!.n}/${queued.length} SENT) vs nodemailer pooled, no database: ${rawRate.toFixed(0)} msg/s`,
      },
    ];
  } finally {
    (await import("../lib/email/smtp")).closePooledTransports();
    await smtp.close();
  }
}

/**
 * The IMAP sync against a private Dovecot on 127.0.0.1 (lib/email/imap-test-server.ts):
 * the first sync of a mailbox holding SYNC_MESSAGES messages (half from a contact, half
 * from nobody known), in as many runs as it takes, and then the latency of a sync that
 * finds one new message. Raw: imapflow fetching the same messages with no database.
 */
async function benchImapSync(env: BenchEnv, ctx: TenantContext, run: string): Promise<Row[]> {
  const { dovecotAvailable, rawMessage, startTestImapServer } = await import("../lib/email/imap-test-server");
  if (!dovecotAvailable()) {
    console.log("IMAP sync bench skipped: Dovecot is not installed (apt-get install -y dovecot-imapd)");
    return [];
  }
  const { createMailbox } = await import("../lib/email/mailboxes");
  const { createRecord } = await import("../lib/records/service");
  const { syncMailbox } = await import("../lib/email/sync");
  const imap = await startTestImapServer({ username: `sync-${run}@bench-mail.example`, password: "bench-imap" });
  try {
    const contactEmail = `sync-${run}@bench-customer.example`;
    await createRecord(ctx, "CONTACT", { firstName: "Sync", lastName: `Bench ${run}`, email: contactEmail });
    const mailbox = await createMailbox(ctx, {
      emailAddress: imap.username,
      shared: true,
      smtpHost: "127.0.0.1",
      smtpPort: 25,
      smtpSecurity: "NONE",
      smtpUsername: imap.username,
      smtpPassword: imap.password,
      imapHost: "127.0.0.1",
      imapPort: imap.port,
      imapSecurity: "NONE",
      imapPassword: imap.password,
    });
    const message = (i: number) =>
      rawMessage({
        from: i % 2 ? `stranger-${i}@bench-nobody.example` : contactEmail,
        to: imap.username,
        subject: `Bench ${run} #${i}`,
        text: `Message ${i}\n${"lorem ipsum dolor sit amet ".repeat(40)}`,
        html: `<p>Message <b>${i}</b></p><p>${"lorem ipsum dolor sit amet ".repeat(40)}</p>`,
        messageId: `<bench-${run}-${i}@bench.example>`,
        ...(i > 0 && i % 4 === 0 ? { inReplyTo: `<bench-${run}-${i - 4}@bench.example>` } : {}),
      });
    const c = await imap.client();
    const tAppend = performance.now();
    for (let i = 0; i < SYNC_MESSAGES; i++) await c.append("INBOX", message(i));
    const appendS = (performance.now() - tAppend) / 1000;

    // the first sync: runs of at most 2,000 messages, as the worker's minute runs would take it
    const runTimes: number[] = [];
    let fetched = 0;
    let matched = 0;
    const t0 = performance.now();
    for (let guard = 0; guard < 100; guard++) {
      const t = performance.now();
      const r = await syncMailbox(env.tenantId, mailbox.id);
      if (r.status === "busy") {
        // a running worker's minute sweep holds the mailbox: wait for it (its messages are not counted here)
        await new Promise((res) => setTimeout(res, 500));
        continue;
      }
      runTimes.push(performance.now() - t);
      if (r.status !== "done") throw new Error(`sync ${r.status}: ${r.error}`);
      fetched += r.fetched;
      matched += r.matched;
      if (r.fetched === 0) break;
    }
    const initialS = (performance.now() - t0) / 1000;
    // the ledger's totals: a running worker's sweep may have taken some runs
    const [totals] = await env.owner<{ fetched: number; matched: number }[]>`select coalesce(sum(fetched), 0)::int as fetched, coalesce(sum(matched), 0)::int as matched from email_sync_runs where tenant_id = ${env.tenantId} and mailbox_id = ${mailbox.id}`;
    fetched = totals!.fetched;
    matched = totals!.matched;
    // raw: the same messages fetched over IMAP (the bounded source), parsed by nobody, stored nowhere
    const lock = await c.getMailboxLock("INBOX", { readOnly: true });
    const t1 = performance.now();
    let rawN = 0;
    for await (const _m of c.fetch("1:*", { uid: true, size: true, bodyStructure: true, source: { maxLength: 1024 * 1024 } }, { uid: true })) rawN++;
    const rawS = (performance.now() - t1) / 1000;
    lock.release();

    // incremental: one new message, then a sync
    const incr: number[] = [];
    const rawIncr: number[] = [];
    for (let i = 0; i < SYNC_INCREMENTAL; i++) {
      await c.append("INBOX", message(SYNC_MESSAGES + i * 2)); // even: from the contact, logged
      let t = performance.now();
      let r = await syncMailbox(env.tenantId, mailbox.id);
      for (let tries = 0; r.status === "busy" && tries < 20; tries++) {
        await new Promise((res) => setTimeout(res, 200));
        t = performance.now();
        r = await syncMailbox(env.tenantId, mailbox.id);
      }
      incr.push(performance.now() - t);
      if (r.status !== "done") throw new Error(`incremental sync ${r.status}: ${r.error}`);
      const l = await c.getMailboxLock("INBOX", { readOnly: true });
      const tr = performance.now();
      await c.fetchAll("*", { uid: true, source: { maxLength: 1024 * 1024 } }, { uid: true });
      rawIncr.push(performance.now() - tr);
      l.release();
    }
    await c.logout();
    const rate = fetched / initialS;
    return [
      {
        benchmark: `IMAP first sync of ${SYNC_MESSAGES} messages (Dovecot)`,
        app: stats(runTimes),
        raw: { n: 1, p50: rawS * 1000, p95: rawS * 1000, mean: rawS * 1000 },
        target: "≤ 60 s for 10,000 (≥ 167 msg/s)",
        pass: fetched === SYNC_MESSAGES && matched === Math.ceil(SYNC_MESSAGES / 2) && rate >= 10_000 / 60,
        note: `${fetched} fetched, ${matched} logged in ${initialS.toFixed(1)} s (${rate.toFixed(0)} msg/s, ${runTimes.length} runs); raw = one IMAP fetch of all ${rawN}, no database (${(rawN / rawS).toFixed(0)} msg/s); APPEND took ${appendS.toFixed(1)} s`,
      },
      {
        benchmark: "IMAP incremental sync, one new message",
        app: stats(incr),
        raw: stats(rawIncr),
        target: "≤ 5 s to the timeline",
        pass: stats(incr).p95 <= 5000,
        note: `${SYNC_INCREMENTAL} syncs: connect, login, INBOX and Sent, fetch, log; raw = fetch of the new message on an open connection`,
      },
    ];
  } finally {
    await imap.close();
  }
}
