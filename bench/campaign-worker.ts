// Issue 19: the worker's other jobs while a campaign sends. In a database of its own on the
// bench server, with the real worker in a process of its own (bench/worker-process.ts) and
// the local SMTP server: a fixed batch of other jobs — AUTOMATION_EVENTS stage events
// dispatched and delivered to a local webhook, and LIST_JOBS refreshes of the workspace's
// dynamic lists — timed with the queue idle (before the campaign and after it), then again, a round every ROUND_EVERY_MS, for as long as a
// campaign to RECIPIENTS contacts is being queued and sent by the same worker (target: ≤ 1.2× idle). The campaign's
// own rate through the worker, from "Send" to the last SENT, is reported beside it.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { closeDb } from "../db/client";
import { appUrlFor, migrateDatabase } from "../db/migrate";
import type { TenantContext } from "../lib/tenancy/context";
import { receiver, until, workerProcess } from "./automations";
import { stats, type Row } from "./harness";
import type { BenchEnv } from "./index";

const RECIPIENTS = Number(process.env.BENCH_CAMPAIGN_WORKER_RECIPIENTS ?? process.env.BENCH_CAMPAIGN_RECIPIENTS ?? 10_000);
const AUTOMATION_EVENTS = Number(process.env.BENCH_WORKER_AUTOMATION_EVENTS ?? 200);
const LIST_JOBS = Number(process.env.BENCH_WORKER_LIST_JOBS ?? 2);
/**
 * A round starts this long after the last one started (idle and busy alike): the other jobs
 * as a steady trickle beside the campaign. 0 runs them back to back, a second saturating
 * load on the same cores (reported in the note as such).
 */
const ROUND_EVERY_MS = Number(process.env.BENCH_WORKER_ROUND_EVERY_MS ?? 5000);
/** Idle rounds before the campaign, and as many again after it (so a drift of the machine's load hits both sides). */
const ROUNDS = 5;

export async function benchCampaignWorker(env: BenchEnv, smtp: { port: number; username: string; password: string }): Promise<Row[]> {
  if (RECIPIENTS === 0) return [];
  const dbName = `bench_campaign_worker_${randomBytes(3).toString("hex")}`;
  const admin = postgres(env.ownerUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const u = new URL(env.ownerUrl);
  u.pathname = `/${dbName}`;
  const ownerUrl = u.toString();
  await migrateDatabase(ownerUrl, env.appPassword);
  await closeDb();
  const previousAppUrl = process.env.APP_DATABASE_URL;
  process.env.APP_DATABASE_URL = appUrlFor(ownerUrl, env.appPassword);
  const owner = postgres(ownerUrl, { max: 2, onnotice: () => {} });
  const rx = await receiver();
  const worker = await workerProcess(ownerUrl);
  try {
    const { createTenant } = await import("../lib/tenancy/create-tenant");
    const { listPipelines } = await import("../lib/pipelines/queries");
    const { createAutomation } = await import("../lib/automations/service");
    const { createRecord } = await import("../lib/records/service");
    const { createList } = await import("../lib/lists/service");
    const { createMailbox } = await import("../lib/email/mailboxes");
    const { createCampaign, sendCampaign } = await import("../lib/campaigns/service");
    const { updateSendSettings } = await import("../lib/email/send-settings");
    const { tenantId, userId } = await createTenant({ name: "Bench campaign and worker", adminEmail: `bench-${dbName}@example.test`, adminPassword: "Bench-pass-1" });
    const ctx: TenantContext = { tenantId, actor: { kind: "user", userId, role: "admin", source: "USER" } };

    // the other jobs: a webhook automation on a stage, and dynamic lists over the contacts
    const [pipeline] = await listPipelines(ctx, "DEAL");
    const [a, b] = pipeline!.stages;
    await createAutomation(ctx, { name: "bench", entityType: "DEAL", scopeType: "PIPELINE_STAGE", stageId: b!.id, triggerEvent: "stage.entered", actionType: "WEBHOOK", config: { url: rx.url } });
    const deals: string[] = [];
    for (let i = 0; i < 20; i++) deals.push((await createRecord(ctx, "DEAL", { name: `Bench ${i}`, stageId: a!.id })).id);
    const ids = await owner<{ id: string }[]>`
      insert into contacts (tenant_id, first_name, last_name, email, job_title)
      select ${tenantId}, 'Reader' || g, 'Bench', 'reader-' || g || '@bench-campaign.example', case when g % 3 = 0 then 'Sales manager' else 'Engineer' end
      from generate_series(1, ${RECIPIENTS}) g returning id`;
    for (const [i, filter] of [
      { all: [{ field: "email", op: "endsWith", value: ".example" }] },
      { all: [{ field: "jobTitle", op: "contains", value: "manager" }] },
      { any: [{ field: "firstName", op: "startsWith", value: "Reader1" }, { field: "firstName", op: "startsWith", value: "Reader2" }] },
    ].entries()) {
      await createList(ctx, { name: `Bench dynamic ${i}`, objectType: "CONTACT", processingType: "DYNAMIC", filter });
    }

    const delivered = async () => (await owner<{ n: number }[]>`select count(*)::int as n from automation_action_executions where tenant_id = ${tenantId} and status = 'SUCCEEDED'`)[0]!.n;
    const listJobsLeft = async () => (await owner<{ n: number }[]>`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'refresh_tenant_lists'`)[0]!.n;
    /** A round's time, and when each part of it was done (ms after it began): the deliveries, the list refreshes. */
    type Round = { ms: number; deliveries: number; lists: number };
    /** The fixed batch: stage events into the outbox (as moves write them) and list refreshes, until all are done. */
    let lastStart = 0;
    const otherJobs = async (): Promise<Round> => {
      const wait = lastStart + ROUND_EVERY_MS - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      lastStart = performance.now();
      const base = await delivered();
      const t = performance.now();
      const done = { deliveries: 0, lists: 0 };
      await owner`
        insert into domain_events (tenant_id, event_type, entity_type, entity_id, actor_user_id, source, payload)
        select ${tenantId}, 'stage.changed', 'DEAL', (${owner.array(deals)}::uuid[])[1 + g % ${deals.length}], ${userId}, 'USER',
               jsonb_build_object('pipelineId', ${pipeline!.id}::text, 'fromStageId', ${a!.id}::text, 'toStageId', ${b!.id}::text)
        from generate_series(1, ${AUTOMATION_EVENTS}) g`;
      await owner`select graphile_worker.add_job('refresh_tenant_lists', json_build_object('tenantId', ${tenantId}::uuid), job_key := 'bench-lists-' || g) from generate_series(1, ${LIST_JOBS}) g`;
      await until(
        async () => {
          if (!done.deliveries && (await delivered()) >= base + AUTOMATION_EVENTS) done.deliveries = performance.now() - t;
          if (!done.lists && (await listJobsLeft()) === 0) done.lists = performance.now() - t;
          return done.deliveries > 0 && done.lists > 0;
        },
        600_000,
        50,
      );
      return { ms: performance.now() - t, ...done };
    };
    await otherJobs(); // warm-up
    const idle: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) idle.push(await otherJobs());

    // the campaign, through the worker: window off, no hourly limit in the way
    const mailbox = await createMailbox(ctx, { emailAddress: `bench@bench-mail.example`, shared: true, smtpHost: "127.0.0.1", smtpPort: smtp.port, smtpSecurity: "NONE", smtpUsername: smtp.username, smtpPassword: smtp.password });
    const list = await createList(ctx, { name: "Bench campaign audience", objectType: "CONTACT" });
    await owner`insert into list_memberships (tenant_id, list_id, member_type, member_id) select ${tenantId}, ${list.id}, 'CONTACT', unnest(${ids.map((r) => r.id)}::uuid[])`;
    await updateSendSettings(ctx, { windowEnabled: false, hourlyLimit: 100_000, batchSize: 500 });
    const campaign = await createCampaign(ctx, { name: "Bench", mailboxId: mailbox.id, listId: list.id, subject: "News for {{contact.firstName | you}}", body: "Hello {{contact.firstName | there}},\nread https://example.com/news", track: true });
    const sentSoFar = async () => (await owner<{ n: number }[]>`select count(*)::int as n from email_messages where tenant_id = ${tenantId} and campaign_id = ${campaign.id} and status = 'SENT'`)[0]!.n;
    const c0 = performance.now();
    await sendCampaign(ctx, campaign.id, {}, { publicOrigin: "http://bench.local" });
    // rounds one after another for as long as the campaign sends; only those that ended before its last email count
    const busy: Round[] = [];
    const sentAt: number[] = [];
    for (;;) {
      const round = await otherJobs();
      const sent = await sentSoFar();
      if (sent >= RECIPIENTS) break;
      busy.push(round);
      sentAt.push(sent);
    }
    await until(async () => (await sentSoFar()) >= RECIPIENTS, 1_800_000, 200);
    const campaignSeconds = (performance.now() - c0) / 1000;
    // idle again, once the campaign's events are dispatched too
    await until(async () => (await owner<{ n: number }[]>`select count(*)::int as n from domain_events where tenant_id = ${tenantId} and dispatched_at is null`)[0]!.n === 0, 600_000, 200);
    for (let r = 0; r < ROUNDS; r++) idle.push(await otherJobs());
    const meanOf = (rounds: Round[], k: "deliveries" | "lists") => (rounds.reduce((a, r) => a + r[k], 0) / Math.max(rounds.length, 1) / 1000).toFixed(2);
    const inFlight = busy.length > 0;
    const i = stats(idle.map((r) => r.ms));
    const w = inFlight ? stats(busy.map((r) => r.ms)) : { n: 0, p50: 0, p95: 0, mean: 0 };
    const ratio = w.mean / i.mean;
    return [
      {
        benchmark: `worker's other jobs while a campaign to ${RECIPIENTS.toLocaleString("en")} sends`,
        app: w,
        raw: i,
        target: "≤ 1.2× idle",
        pass: ratio <= 1.2 && inFlight,
        note: `${AUTOMATION_EVENTS} automation deliveries + ${LIST_JOBS} list refreshes: mean ${(w.mean / 1000).toFixed(2)} s over the ${busy.length} round(s) ${ROUND_EVERY_MS > 0 ? `started every ${ROUND_EVERY_MS / 1000} s` : "run back to back"} while the campaign sent vs ${(i.mean / 1000).toFixed(2)} s over ${idle.length} idle, half before and half after it (raw column) = ${ratio.toFixed(2)}× (deliveries done after ${meanOf(busy, "deliveries")} s vs ${meanOf(idle, "deliveries")} s idle, list refreshes after ${meanOf(busy, "lists")} s vs ${meanOf(idle, "lists")} s); campaign emails SENT when each round ended: ${sentAt.length > 12 ? [...sentAt.slice(0, 6), "…", ...sentAt.slice(-6)].join(", ") : sentAt.join(", ")} of ${RECIPIENTS}`,
      },
      {
        benchmark: `campaign to ${RECIPIENTS.toLocaleString("en")} through the worker (Send → last SENT)`,
        app: { n: 1, p50: campaignSeconds * 1000, p95: campaignSeconds * 1000, mean: campaignSeconds * 1000 },
        raw: { n: 1, p50: campaignSeconds * 1000, p95: campaignSeconds * 1000, mean: campaignSeconds * 1000 },
        target: "≥ 100 messages/s",
        pass: RECIPIENTS / campaignSeconds >= 100,
        note: `${(RECIPIENTS / campaignSeconds).toFixed(0)} msg/s with the other jobs' rounds running beside it; worker concurrency ${process.env.BENCH_WORKER_CONCURRENCY ?? 10}; raw column repeats app`,
      },
    ];
  } finally {
    await worker.stop();
    await rx.close();
    await owner.end();
    await closeDb();
    if (previousAppUrl) process.env.APP_DATABASE_URL = previousAppUrl;
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
