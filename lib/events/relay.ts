// The outbox relay: the worker's loop that dispatches committed domain events.
//
// A service writes its event in its own transaction; the insert trigger (migration 0014)
// NOTIFYs on commit. The relay LISTENs on that channel and drains the tenant named in each
// notification (dispatchPending: batches of events, oldest first and bulk ones after the
// others, locked FOR UPDATE SKIP LOCKED so several workers share a tenant's backlog).
// Notifications are only a wake-up:
// every `pollMs` it also asks Postgres which tenants have events due
// (pending_event_tenants()), which covers events committed while no worker listened,
// a lost LISTEN connection, and the retries of failed dispatches. Nothing is lost if the
// process dies: an event stays pending until the transaction that ran its consumers
// commits.
import "server-only";
import { rawSql } from "@/db/client";
import { LIVE_CHANNEL } from "@/lib/live/listener";
import { dispatchPending, MAX_DISPATCH_ATTEMPTS, runTask, type Task } from "./dispatcher";
import { log } from "@/lib/log";

export interface Relay {
  /** Stops listening and polling, and waits for the batches under way. */
  stop(): Promise<void>;
}

export interface RelayOptions {
  /** Batches under way at once, across tenants. */
  concurrency?: number;
  /** Batches under way at once for one tenant (a backlog is shared out by SKIP LOCKED). */
  perTenant?: number;
  /** How often to look for due events without a notification. */
  pollMs?: number;
  /** Events per transaction. */
  batch?: number;
  /** After-commit work (automation executions run inline) under way at once; dispatch waits beyond it. */
  maxInflight?: number;
}

export function startRelay(opts: RelayOptions = {}): Relay {
  const concurrency = opts.concurrency ?? 8;
  const perTenant = opts.perTenant ?? 2;
  const pollMs = opts.pollMs ?? 1000;
  const batch = opts.batch ?? 25;
  const maxInflight = opts.maxInflight ?? 32;
  const inflight = new Set<Promise<void>>();
  const afterCommit = (tasks: Task[]) => {
    for (const task of tasks) {
      const run = runTask(task).finally(() => inflight.delete(run));
      inflight.add(run);
    }
  };
  const sql = rawSql();
  const dirty = new Set<string>();
  const running = new Map<string, number>();
  const drains = new Set<Promise<void>>();
  let stopped = false;

  const start = (tenantId: string) => {
    running.set(tenantId, (running.get(tenantId) ?? 0) + 1);
    const run: Promise<void> = drain(tenantId)
      .catch((err: unknown) => {
        if (!stopped) log.error({ err, tenantId }, "relay: dispatch failed");
      })
      .finally(() => {
        const left = running.get(tenantId)! - 1;
        if (left) running.set(tenantId, left);
        else running.delete(tenantId);
        drains.delete(run);
        pump();
      });
    drains.add(run);
  };
  const drain = async (tenantId: string) => {
    // a full batch means a backlog: take it on, with a helper while under the limits
    for (;;) {
      while (inflight.size >= maxInflight) await Promise.race(inflight);
      if (stopped || (await dispatchPending(tenantId, batch, afterCommit)) < batch) return;
      if ((running.get(tenantId) ?? 0) < perTenant && drains.size < concurrency) start(tenantId);
    }
  };
  const pump = () => {
    for (const tenantId of dirty) {
      if (stopped || drains.size >= concurrency) return;
      if (running.has(tenantId)) continue; // woken again while draining: drained again after
      dirty.delete(tenantId);
      start(tenantId);
    }
  };
  const wake = (tenantId: string) => {
    dirty.add(tenantId);
    pump();
  };
  const sweep = async () => {
    if (stopped) return;
    const rows = await sql<{ id: string }[]>`select pending_event_tenants(${MAX_DISPATCH_ATTEMPTS}) as id`;
    for (const { id } of rows) wake(id);
  };
  const sweepQuietly = () =>
    void sweep().catch((err: unknown) => {
      if (!stopped) log.error({ err }, "relay: sweep failed");
    });

  const listening = sql.listen(
    LIVE_CHANNEL,
    (payload) => {
      try {
        const { tenantId } = JSON.parse(payload) as { tenantId?: unknown };
        if (typeof tenantId === "string") wake(tenantId);
      } catch {
        // not ours
      }
    },
    // (re)connected: whatever was committed meanwhile is found by a sweep
    sweepQuietly,
  );
  listening.catch((err: unknown) => log.error({ err }, "relay: LISTEN failed, polling only"));
  const timer = setInterval(sweepQuietly, pollMs);

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await listening.then((l) => l.unlisten()).catch(() => {});
      await Promise.allSettled(drains);
      await Promise.allSettled(inflight);
    },
  };
}
