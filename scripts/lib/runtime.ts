// Where a script (the CLI, ...) finds the database, in order:
//  1. APP_DATABASE_URL and DATABASE_URL both set: use them as they are.
//  2. DATABASE_URL set: migrate it as the owner and connect as the app role with
//     APP_DATABASE_PASSWORD, or the password kept in .data/secrets.json.
//  3. .data/runtime.json (written by a running `npm start`): its embedded server.
//  4. Otherwise start the embedded PostgreSQL from .data/pg (port EMBEDDED_PG_PORT,
//     default 54329, as `npm start` does), migrate it, and hand back `stop`: the
//     caller stops it when done.
// STAGELINE_DATA_DIR moves `.data` (see ./secrets).
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import postgres from "postgres";
import { freePort, startEmbedded } from "../../db/embedded";
import { appUrlFor, migrateDatabase } from "../../db/migrate";
import { env } from "../../lib/env";
import { DATA_DIR, loadSecrets } from "./secrets";

export interface ResolvedDatabase {
  /** Owner (superuser) URL: migrations and the job queue. */
  ownerUrl: string;
  /** The app role's URL (cannot bypass RLS). */
  appUrl: string;
  /** Present when this process started the embedded server: stops it. */
  stop?: () => Promise<void>;
}

async function readRuntime(file: string): Promise<Partial<ResolvedDatabase> | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as Partial<ResolvedDatabase>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function reachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer()
      .once("error", () => resolve(false))
      .once("listening", () => s.close(() => resolve(true)));
    s.listen(port, "127.0.0.1");
  });
}

export async function resolveDatabase(): Promise<ResolvedDatabase> {
  if (env.APP_DATABASE_URL && env.DATABASE_URL) return { ownerUrl: env.DATABASE_URL, appUrl: env.APP_DATABASE_URL };

  if (env.DATABASE_URL) {
    const password = env.APP_DATABASE_PASSWORD || loadSecrets().appDbPassword;
    await migrateDatabase(env.DATABASE_URL, password);
    return { ownerUrl: env.DATABASE_URL, appUrl: appUrlFor(env.DATABASE_URL, password) };
  }

  const runtime = await readRuntime(path.join(DATA_DIR, "runtime.json"));
  // A file left by a server that is gone is ignored: we start our own below.
  if (runtime?.ownerUrl && runtime.appUrl && (await reachable(runtime.ownerUrl))) return { ownerUrl: runtime.ownerUrl, appUrl: runtime.appUrl };

  const preferred = env.EMBEDDED_PG_PORT;
  const port = (await portIsFree(preferred)) ? preferred : await freePort();
  const secrets = loadSecrets();
  const cluster = await startEmbedded({ dataDir: path.join(DATA_DIR, "pg"), port, persistent: true });
  try {
    await migrateDatabase(cluster.ownerUrl, secrets.appDbPassword);
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return { ownerUrl: cluster.ownerUrl, appUrl: appUrlFor(cluster.ownerUrl, secrets.appDbPassword), stop: () => cluster.stop() };
}
