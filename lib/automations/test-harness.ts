// Test helpers for the automation worker tests: a database of the file's own (so its
// worker only sees its own jobs, like lib/events/outbox.test.ts) and a real HTTP
// receiver on 127.0.0.1 that answers from a script and records what it got.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Runner } from "graphile-worker";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { quietWorkerLogs, startWorker } from "@/lib/worker";
import { createOwnDatabase, type OwnDatabase } from "@/db/testing/own-database";

/** Creates and migrates a database for this file, points the app at it and runs a worker. */
export function ownDatabaseWithWorker(prefix: string) {
  const state = { db: null as OwnDatabase | null, owner: null as postgres.Sql | null, runner: null as Runner | null };
  beforeAll(async () => {
    state.db = await createOwnDatabase(prefix);
    state.owner = postgres(state.db.ownerUrl, { max: 2, onnotice: () => {} });
    quietWorkerLogs();
    state.runner = await startWorker({ ownerUrl: state.db.ownerUrl, pollInterval: 50, concurrency: 4 });
  });
  afterAll(async () => {
    await state.runner?.stop();
    await state.owner?.end();
    await state.db?.drop();
  });
  return {
    sql: () => state.owner!,
    /** Queued or running jobs of an execution (0 once it is settled). */
    jobsOf: async (executionId: string) =>
      (await state.owner!<{ n: number }[]>`select count(*)::int as n from graphile_worker._private_jobs where key = ${`automation-execution:${executionId}`}`)[0]!.n,
  };
}

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  path: string;
  at: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (the connection hangs until the client gives up). */
  hang?: boolean;
}

/** A real HTTP server on 127.0.0.1 answering each request with the next scripted reply (then `fallback`). */
export async function startReceiver(host = "127.0.0.1") {
  const received: Received[] = [];
  const script: Reply[] = [];
  let fallback: Reply | ((r: Received) => Reply) = { status: 200, body: "ok" };
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r: Received = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), path: req.url ?? "/", at: Date.now() };
      received.push(r);
      const reply = script.shift() ?? (typeof fallback === "function" ? fallback(r) : fallback);
      if (reply.hang) return;
      res.writeHead(reply.status, { "content-type": "text/plain", ...reply.headers });
      res.end(reply.body ?? "");
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    received,
    connections: () => connections,
    reply: (...r: Reply[]) => void script.push(...r),
    setFallback: (r: Reply | ((r: Received) => Reply)) => void (fallback = r),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
