// Automations benchmark (issue 6): in a database of its own on the bench server (or, run
// directly with no BENCH_DATABASE_URL, a throwaway embedded cluster), with the real worker
// and a local webhook receiver on 127.0.0.1:
// - from the commit of a stage move to the webhook's first attempt, p50/p95 (≤ 500 ms);
// - sustained deliveries per second (≥ 200/s): a burst of stage.changed events, dispatched,
//   planned, executed and delivered;
// - board moves (20 concurrent users) while a backlog of 10,000 deliveries drains, against
//   the same moves with the queue idle (p95 ≤ 1.2×).
//   npx tsx --tsconfig tsconfig.node.json bench/automations.ts              (BENCH_BACKLOG=10000 BENCH_BURST=2000)
//   npm run bench -- --only automations
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { closeDb } from "../db/client";
import { freePort, startEmbedded } from "../db/embedded";
import { appUrlFor, migrateDatabase } from "../db/migrate";
import { createAutomation } from "../lib/automations/service";
import { moveRecord } from "../lib/pipelines/move-record";
import { listPipelines } from "../lib/pipelines/queries";
import { createRecord } from "../lib/records/service";
import type { TenantContext } from "../lib/tenancy/context";
import { createTenant } from "../lib/tenancy/create-tenant";
import { fork } from "node:child_process";
import { report, stats, type Row, type Stats } from "./harness";

const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 10_000);
const BURST = Number(process.env.BENCH_BURST ?? 2_000);
const LATENCY_MOVES = 40;
const USERS = 20;
const MOVES_PER_USER = 10;

const single = (ms: number): Stats => ({ n: 1, p50: ms, p95: ms, mean: ms });

export async function receiver() {
  const arrivals = new Map<string, number>();
  let count = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      count++;
      const now = performance.now();
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { data?: { entityId?: string } };
        const key = `${body.data?.entityId}:${String(req.headers["webhook-id"])}`;
        if (!arrivals.has(key)) arrivals.set(key, now);
      } catch {
        // the raw baseline posts "{}"
      }
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, arrivals, count: () => count, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

/** Waits for `cond`, checking every `everyMs` (the database counts poll slowly: they load the server being measured). */
export async function until(cond: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 5): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("bench: timed out waiting");
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The worker in its own process, as in production (the web server is another process). */
export async function workerProcess(ownerUrl: string) {
  const child = fork(path.resolve(import.meta.dirname, "worker-process.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { TSX_TSCONFIG_PATH: path.resolve(import.meta.dirname, "../tsconfig.node.json"), ...process.env, OWNER_URL: ownerUrl, WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? "10" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`bench: the worker exited (${code})`)));
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Runs the suite against a fresh database created on the server of `ownerUrl`. */
export async function benchAutomations(serverOwnerUrl: string, appPassword: string): Promise<Row[]> {
  process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = "1";
  const dbName = `bench_automations_${randomBytes(3).toString("hex")}`;
  const admin = postgres(serverOwnerUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const u = new URL(serverOwnerUrl);
  u.pathname = `/${dbName}`;
  const ownerUrl = u.toString();
  await migrateDatabase(ownerUrl, appPassword);
  await closeDb();
  const previousAppUrl = process.env.APP_DATABASE_URL;
  process.env.APP_DATABASE_URL = appUrlFor(ownerUrl, appPassword);
  const owner = postgres(ownerUrl, { max: 4, onnotice: () => {} });
  const rx = await receiver();
  const runner = await workerProcess(ownerUrl);
  try {
    const { tenantId, userId } = await createTenant({ name: "Bench automations", adminEmail: `bench-${dbName}@example.test`, adminPassword: "Bench-pass-1" });
    const ctx: TenantContext = { tenantId, actor: { kind: "user", userId, role: "admin", source: "USER" } };
    const [pipeline] = await listPipelines(ctx, "DEAL");
    const [a, b, c] = pipeline!.stages;
    const { automation } = await createAutomation(ctx, { name: "bench", entityType: "DEAL", scopeType: "PIPELINE_STAGE", stageId: b!.id, triggerEvent: "stage.entered", actionType: "WEBHOOK", config: { url: rx.url } });
    const deals: string[] = [];
    for (let i = 0; i < USERS * 2; i++) deals.push((await createRecord(ctx, "DEAL", { name: `Bench ${i}`, stageId: a!.id })).id);

    // 1. commit → first attempt
    const latency: number[] = [];
    for (let i = 0; i < LATENCY_MOVES; i++) {
      const id = deals[i % deals.length]!;
      await moveRecord(ctx, "DEAL", id, { toStageId: b!.id });
      const committed = performance.now();
      const [ev] = await owner<{ id: string }[]>`select id from domain_events where entity_id = ${id} and event_type = 'stage.changed' order by seq desc limit 1`;
      const key = `${id}:${automation.id}:${ev!.id}`;
      await until(() => rx.arrivals.has(key), 30_000);
      latency.push(rx.arrivals.get(key)! - committed);
      await moveRecord(ctx, "DEAL", id, { toStageId: a!.id });
    }
    const rawPost = await (async () => {
      const out: number[] = [];
      for (let i = 0; i < LATENCY_MOVES; i++) {
        const t = performance.now();
        await fetch(rx.url, { method: "POST", body: "{}" });
        out.push(performance.now() - t);
      }
      return stats(out);
    })();
    const lat = stats(latency);

    // stage.changed events written straight into the outbox (as moves would), in one commit
    const burst = async (n: number) => {
      await owner`
        insert into domain_events (tenant_id, event_type, entity_type, entity_id, actor_user_id, source, payload)
        select ${tenantId}, 'stage.changed', 'DEAL', d.id, ${userId}, 'USER',
               jsonb_build_object('pipelineId', ${pipeline!.id}::text, 'fromStageId', ${a!.id}::text, 'toStageId', ${b!.id}::text)
        from generate_series(1, ${n}) g cross join lateral (select (${owner.array(deals)}::uuid[])[1 + g % ${deals.length}] as id) d`;
    };
    const delivered = async () => (await owner<{ n: number }[]>`select count(*)::int as n from automation_action_executions where status = 'SUCCEEDED'`)[0]!.n;

    // 2. sustained deliveries/s
    const base = await delivered();
    const t0 = performance.now();
    await burst(BURST);
    await until(async () => (await delivered()) >= base + BURST, 600_000, 50);
    const seconds = (performance.now() - t0) / 1000;
    const perSecond = BURST / seconds;

    // 2b. the delivery engine alone: executions queued directly (as the dispatcher would)
    const [ev] = await owner<{ id: string }[]>`select id from domain_events where tenant_id = ${tenantId} and event_type = 'stage.changed' limit 1`;
    const engineBase = await delivered();
    const e0 = performance.now();
    await owner`
      insert into automation_action_executions (tenant_id, action_id, event_id, entity_type, entity_id, trigger_event, execution_key)
      select ${tenantId}, ${automation.id}, ${ev!.id}, 'DEAL', (${owner.array(deals)}::uuid[])[1 + g % ${deals.length}], 'stage.entered', 'bench:' || g
      from generate_series(1, ${BURST}) g`;
    await until(async () => (await delivered()) >= engineBase + BURST, 600_000, 50);
    const engineSeconds = (performance.now() - e0) / 1000;

    // 3. board moves with the queue idle, then while a backlog drains
    /** One round: every user moves its deal MOVES_PER_USER times, all at once. */
    const round = async (samples: number[]) => {
      await Promise.all(
        deals.slice(0, USERS).map(async (id, u) => {
          for (let i = 0; i < MOVES_PER_USER; i++) {
            const t = performance.now();
            await moveRecord(ctx, "DEAL", id, { toStageId: i % 2 === 0 ? c!.id : a!.id });
            if (i > 0 || u >= USERS) samples.push(performance.now() - t); // the first move of each user warms its connection
          }
        }),
      );
    };
    const idleSamples: number[] = [];
    for (let r = 0; r < 3; r++) await round(idleSamples);
    const idle = stats(idleSamples);
    // rounds of moves for as long as the backlog drains (dispatch, then delivery)
    const before = await delivered();
    const d0 = performance.now();
    await burst(BACKLOG);
    // as many rounds as when idle (the moves' own events queue behind the backlog, so
    // moving on until it drains would only grow it)
    const busySamples: number[] = [];
    for (let r = 0; r < 3; r++) await round(busySamples);
    const leftAfterMoves = before + BACKLOG - (await delivered());
    await until(async () => (await delivered()) >= before + BACKLOG, 1_800_000, 50);
    const drainSeconds = (performance.now() - d0) / 1000;
    const busy = stats(busySamples);

    return [
      { benchmark: "stage move commit → first webhook attempt", app: lat, raw: rawPost, target: "p95 ≤ 500 ms", pass: lat.p95 <= 500, note: "raw: a direct POST to the receiver" },
      { benchmark: `sustained deliveries, burst of ${BURST} events (outbox → delivery)`, app: single(seconds * 1000), raw: single(0), target: "≥ 200 deliveries/s", pass: perSecond >= 200, note: `${perSecond.toFixed(0)} deliveries/s` },
      { benchmark: `delivery engine alone, ${BURST} queued executions`, app: single(engineSeconds * 1000), raw: single(0), target: "≥ 200 deliveries/s", pass: BURST / engineSeconds >= 200, note: `${(BURST / engineSeconds).toFixed(0)} deliveries/s` },
      { benchmark: `board move p95 while ${BACKLOG} deliveries drain`, app: busy, raw: idle, target: "p95 ≤ 1.2× idle", pass: busy.p95 <= idle.p95 * 1.2, note: `raw: same moves, queue idle; ${leftAfterMoves} deliveries still queued after the moves; the backlog drained in ${drainSeconds.toFixed(0)} s (${(BACKLOG / drainSeconds).toFixed(0)}/s)` },
    ];
  } finally {
    await runner.stop();
    await rx.close();
    await owner.end();
    await closeDb();
    if (previousAppUrl) process.env.APP_DATABASE_URL = previousAppUrl;
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

// `npx tsx --tsconfig tsconfig.node.json bench/automations.ts`: standalone, on BENCH_DATABASE_URL or a throwaway embedded cluster.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  (async () => {
    let ownerUrl = process.env.BENCH_DATABASE_URL;
    let stop = async () => {};
    if (!ownerUrl) {
      const dataDir = path.resolve(".test-data", `bench-automations-${process.pid}`);
      const cluster = await startEmbedded({ dataDir, port: await freePort(), persistent: false });
      ownerUrl = cluster.ownerUrl;
      stop = async () => {
        await cluster.stop();
        await rm(dataDir, { recursive: true, force: true });
      };
    }
    try {
      // migrating sets the app role's password: on a shared server it must be the real one
      const appPassword = process.env.BENCH_APP_PASSWORD ?? (process.env.BENCH_DATABASE_URL ? undefined : "bench-app-password");
      if (!appPassword) throw new Error("set BENCH_APP_PASSWORD (the app role's password) with BENCH_DATABASE_URL");
      report(await benchAutomations(ownerUrl, appPassword));
    } finally {
      await stop();
    }
    process.exit(0);
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
