// The whole app on one machine: PostgreSQL (embedded unless DATABASE_URL is set),
// migrations, the demo tenant on an empty database, a build when sources changed,
// `next start`, and the background worker. Ctrl-C stops everything.
//   npm start [-- --port 3000] [--ephemeral] [--no-seed]
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { freePort, startEmbedded, type EmbeddedCluster } from "../db/embedded";
import { appUrlFor, migrateDatabase } from "../db/migrate";
import { warnIfPrivateNetworksAllowed } from "../lib/automations/private-networks";
import { env } from "../lib/env";
import { buildIsCurrent, markBuilt } from "./lib/build-fingerprint";
import { checkEnvOrExit } from "./lib/check-env";
import { DATA_DIR, loadSecrets } from "./lib/secrets";

const { values: args } = parseArgs({
  options: {
    port: { type: "string" },
    ephemeral: { type: "boolean", default: false },
    "no-seed": { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    "runtime-file": { type: "string" },
  },
});

// progress lines and the banner below are the terminal's, for the person who ran npm start
const log = (m: string) => console.log(`[stageline] ${m}`);
const runtimeFile = path.resolve(args["runtime-file"] ?? path.join(DATA_DIR, "runtime.json"));

async function portIsFree(p: number): Promise<boolean> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const s = createServer().once("error", () => resolve(false)).once("listening", () => s.close(() => resolve(true)));
    s.listen(p, "127.0.0.1");
  });
}

async function main() {
  const t0 = Date.now();
  checkEnvOrExit("[stageline]");
  const port = args.port === undefined ? env.PORT : Number(args.port);
  if (!(await portIsFree(port))) throw new Error(`port ${port} is already in use: stop what runs there, or set PORT`);
  const secrets = args.ephemeral ? { authSecret: crypto.randomUUID() + crypto.randomUUID(), appDbPassword: crypto.randomUUID(), emailKey: crypto.randomUUID() + crypto.randomUUID() } : loadSecrets();
  let cluster: EmbeddedCluster | undefined;
  let ephemeralDir: string | undefined;
  let ownerUrl = env.DATABASE_URL;
  if (!ownerUrl) {
    const dataDir = args.ephemeral ? (ephemeralDir = mkdtempSync(path.join(tmpdir(), "stageline-pg-"))) : path.join(DATA_DIR, "pg");
    const preferred = env.EMBEDDED_PG_PORT;
    const pgPort = !args.ephemeral && (await portIsFree(preferred)) ? preferred : await freePort();
    log(`starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data: ${path.relative(process.cwd(), dataDir) || dataDir})`);
    cluster = await startEmbedded({ dataDir, port: pgPort, persistent: !args.ephemeral });
    // as root in a private directory, where the postgres user can reach it (db/embedded.ts)
    if (cluster.dataDir !== dataDir) log(`the postgres user cannot enter this directory: its data is in ${cluster.dataDir}`);
    ownerUrl = cluster.ownerUrl;
  } else {
    log("using the PostgreSQL server of DATABASE_URL");
  }
  log("applying migrations");
  await migrateDatabase(ownerUrl, secrets.appDbPassword);
  const appUrl = env.APP_DATABASE_URL ?? appUrlFor(ownerUrl, secrets.appDbPassword);
  process.env.APP_DATABASE_URL = appUrl;
  // the web app and the worker (in this process) encrypt and sign with the same key
  process.env.EMAIL_ENCRYPTION_KEY = env.EMAIL_ENCRYPTION_KEY ?? secrets.emailKey;
  mkdirSync(path.dirname(runtimeFile), { recursive: true });
  if (!args.ephemeral || args["runtime-file"]) writeFileSync(runtimeFile, JSON.stringify({ ownerUrl, appUrl, pid: process.pid }), { mode: 0o600 });

  let logins: { email: string; password: string; role: string }[] = [];
  if (!args["no-seed"]) {
    const { isDatabaseEmpty, seedDemoTenant, DEMO_PASSWORD } = await import("../db/seed/index");
    if (await isDatabaseEmpty()) {
      log("empty database: seeding the demo tenant");
      logins = (await seedDemoTenant()).logins;
    } else {
      logins = ["admin", "manager", "sales_rep", "readonly"].map((role, i) => ({ role, email: `${["admin", "manager", "rep", "viewer"][i]}@acme.test`, password: DEMO_PASSWORD }));
    }
  }

  if (!args["no-build"] && !buildIsCurrent()) {
    log("building the app (next build; about a minute)");
    const r = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (r.status !== 0) throw new Error("next build failed");
    markBuilt();
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    APP_DATABASE_URL: appUrl,
    AUTH_SECRET: env.AUTH_SECRET ?? secrets.authSecret,
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
  };
  // The web app never holds the owner URL: it can only connect as the RLS-bound role.
  delete childEnv.DATABASE_URL;
  // Run Next's own bin with node (not through npx) so stopping it stops the server itself.
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const next: ChildProcess = spawn(process.execPath, [nextBin, "start", "-p", String(port)], { stdio: ["ignore", "inherit", "inherit"], env: childEnv });

  const { startWorker, quietWorkerLogs } = await import("../lib/worker/index");
  const runner = await startWorker({ ownerUrl });
  log("background worker started");

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    quietWorkerLogs();
    log("stopping…");
    next.kill("SIGTERM");
    await runner.stop().catch(() => {});
    const { closeDb } = await import("../db/client");
    await closeDb().catch(() => {});
    await cluster?.stop().catch(() => {});
    if (ephemeralDir) rmSync(ephemeralDir, { recursive: true, force: true });
    if (existsSync(runtimeFile)) rmSync(runtimeFile);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  next.on("exit", (code) => {
    if (!stopping) {
      log(`next exited with code ${code}`);
      void stop(code ?? 1);
    }
  });

  const url = `http://localhost:${port}`;
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(`\n  Stageline is running at ${url}  (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  if (logins.length) {
    console.log("  Demo logins (tenant “Acme Corp”):");
    for (const l of logins) console.log(`    ${l.role.padEnd(10)} ${l.email.padEnd(22)} ${l.password}`);
    console.log("");
  }
  // last before the prompt, so the build and worker output do not scroll it away
  warnIfPrivateNetworksAllowed(log);
  console.log("  Press Ctrl-C to stop.\n");
}

main().catch(async (err) => {
  // through the logger: a failed migration or seed query must not print its parameters
  const { log } = await import("../lib/log");
  log.error({ err }, "stageline: could not start");
  process.exit(1);
});
