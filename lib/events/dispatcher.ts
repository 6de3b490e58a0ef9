import "server-only";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { domainEvents, eventDeliveries, type DomainEvent } from "@/db/schema";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { log } from "@/lib/log";

/**
 * A consumer reacts to committed domain events. It runs in the event's transaction, which
 * also records its delivery (event_deliveries): a redelivered or duplicated job finds
 * the row and does nothing, and a consumer that fails rolls back both, to be retried.
 * It writes only to the database (see dispatchEvent).
 */
export interface EventConsumer {
  name: string;
  handles(event: DomainEvent): boolean;
  /**
   * `afterCommit`, when the dispatcher offers it: work to start once this transaction has
   * committed (automations run their new executions there instead of queueing a job each).
   * Dropped if the transaction rolls back.
   */
  handle(tx: Tx, ctx: TenantContext, event: DomainEvent, afterCommit?: AfterCommit): Promise<void>;
}

/** Schedules work for after the dispatching transaction commits. */
export type AfterCommit = (task: () => Promise<void>) => void;
export type Task = () => Promise<void>;

const consumers = new Map<string, EventConsumer>();

export function registerConsumer(consumer: EventConsumer): () => void {
  consumers.set(consumer.name, consumer);
  return () => consumers.delete(consumer.name);
}

export function registeredConsumers(): EventConsumer[] {
  return [...consumers.values()];
}

export interface DispatchResult {
  delivered: string[];
  skipped: string[];
}

/** Failed dispatches of an event before the relay stops retrying it (as graphile-worker's jobs did). */
export const MAX_DISPATCH_ATTEMPTS = 25;

const due = (tenantId: string) =>
  and(
    eq(domainEvents.tenantId, tenantId),
    isNull(domainEvents.dispatchedAt),
    lt(domainEvents.dispatchAttempts, MAX_DISPATCH_ATTEMPTS),
    or(isNull(domainEvents.dispatchAfter), lte(domainEvents.dispatchAfter, sql`now()`)),
  );

/** Oldest first, the bulk lane after the other (emit.ts BULK_LANE): the pending index's order. */
const dueOrder = [asc(domainEvents.bulk), asc(domainEvents.seq)];

const handlersOf = (event: DomainEvent) => [...consumers.values()].filter((c) => c.handles(event));

/**
 * Runs the consumers of `events` in `tx` with no savepoints: every delivery row in one
 * INSERT, then each fresh (event, consumer) in order. Throws if any consumer throws.
 */
async function runConsumers(tx: Tx, ctx: TenantContext, events: DomainEvent[], tasks: Task[], results?: Map<string, DispatchResult>): Promise<void> {
  const pairs = events.flatMap((e) => handlersOf(e).map((c) => ({ tenantId: ctx.tenantId, eventId: e.id, consumer: c.name })));
  if (pairs.length === 0) return;
  const fresh = new Set(
    (
      await tx
        .insert(eventDeliveries)
        .values(pairs)
        .onConflictDoNothing()
        .returning({ eventId: eventDeliveries.eventId, consumer: eventDeliveries.consumer })
    ).map((r) => `${r.eventId} ${r.consumer}`),
  );
  for (const event of events) {
    const result = results?.get(event.id);
    for (const consumer of handlersOf(event)) {
      if (!fresh.has(`${event.id} ${consumer.name}`)) {
        result?.skipped.push(consumer.name);
        continue;
      }
      await consumer.handle(tx, ctx, event, (task) => tasks.push(task));
      result?.delivered.push(consumer.name);
    }
  }
}

/** Each consumer in a savepoint with its delivery row: the ones that succeed commit. Returns the failures. */
async function runConsumersCarefully(tx: Tx, ctx: TenantContext, event: DomainEvent, tasks: Task[], result: DispatchResult): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (const consumer of handlersOf(event)) {
    const mine: Task[] = [];
    try {
      const fresh = await tx.transaction(async (sp) => {
        const inserted = await sp
          .insert(eventDeliveries)
          .values({ tenantId: ctx.tenantId, eventId: event.id, consumer: consumer.name })
          .onConflictDoNothing()
          .returning({ eventId: eventDeliveries.eventId });
        if (inserted.length === 0) return false;
        await consumer.handle(sp, ctx, event, (task) => mine.push(task));
        return true;
      });
      tasks.push(...mine); // a rolled-back savepoint drops its consumer's tasks
      (fresh ? result.delivered : result.skipped).push(consumer.name);
    } catch (err) {
      errors.push(err);
    }
  }
  return errors;
}

const markDispatched = (tx: Tx, tenantId: string, ids: string[]) =>
  tx
    .update(domainEvents)
    .set({ dispatchedAt: sql`coalesce(${domainEvents.dispatchedAt}, now())`, dispatchError: null })
    .where(and(eq(domainEvents.tenantId, tenantId), inArray(domainEvents.id, ids)));

/**
 * Dispatches up to `limit` of a tenant's committed events that are due, oldest first, bulk
 * events after the others (the relay's unit of work). Returns how many it took.
 *
 * First try: the whole batch in one transaction — events locked FOR UPDATE SKIP LOCKED
 * (another worker takes the next ones), every consumer of every event, no savepoints,
 * then all marked dispatched. If a consumer throws, that transaction is rolled back whole
 * (consumers only write to the database, so it left nothing behind) and the careful path
 * runs: one event per transaction, each consumer in a savepoint with its delivery row, so
 * a failing consumer is rolled back alone while the others' work commits; its event is
 * retried later with exponential backoff (dispatchAttempts, dispatchAfter, dispatchError).
 */
export async function dispatchPending(tenantId: string, limit = 25, afterCommit: (tasks: Task[]) => void = startTasks): Promise<number> {
  const ctx: TenantContext = { tenantId, actor: systemActor() };
  try {
    const { events, tasks } = await dispatchTogether(ctx, (tx) =>
      tx.select().from(domainEvents).where(due(tenantId)).orderBy(...dueOrder).limit(limit).for("update", { skipLocked: true }),
    );
    afterCommit(tasks);
    return events.length;
  } catch {
    let n = 0;
    while (n < limit && (await dispatchNextCarefully(ctx, afterCommit))) n++;
    return n;
  }
}

/**
 * The first try of both entry points: the events `lock` returns, all their consumers in
 * one transaction with no savepoints, marked dispatched. Throws if any consumer throws.
 */
async function dispatchTogether(ctx: TenantContext, lock: (tx: Tx) => Promise<DomainEvent[]>, results?: Map<string, DispatchResult>) {
  const tasks: Task[] = [];
  const events = await withTenant(
    ctx,
    async (tx) => {
      const events = await lock(tx);
      if (events.length === 0) return events;
      await runConsumers(tx, ctx, events, tasks, results);
      await markDispatched(tx, ctx.tenantId, events.map((e) => e.id));
      return events;
    },
    { genericPlans: true },
  );
  return { events, tasks };
}

/** Starts after-commit tasks without waiting for them; a failure is logged (its work has its own recovery). */
function startTasks(tasks: Task[]): void {
  for (const task of tasks) void runTask(task);
}

/** After-commit work (automation executions: webhooks, emails, AI steps) under way in this process. */
let tasksRunning = 0;

/** Runs one after-commit task, counted while it runs (yieldToAutomations); a failure is logged, never thrown. */
export async function runTask(task: Task): Promise<void> {
  tasksRunning++;
  try {
    await task();
  } catch (err) {
    log.error({ err }, "dispatch: after-commit task failed");
  } finally {
    tasksRunning--;
  }
}

/**
 * Waits, up to `maxMs`, while after-commit work (automation executions) runs in this
 * process: bulk work (a campaign's sends) defers to it, so an automation's delivery does
 * not share the worker's CPU with a campaign's SMTP traffic.
 */
export async function yieldToAutomations(maxMs = 1000, stepMs = 20): Promise<void> {
  for (let waited = 0; tasksRunning > 0 && waited < maxMs; waited += stepMs) await new Promise((r) => setTimeout(r, stepMs));
}

/** The careful path for the tenant's oldest due event; false when there is none. */
async function dispatchNextCarefully(ctx: TenantContext, afterCommit: (tasks: Task[]) => void): Promise<boolean> {
  const tasks: Task[] = [];
  const found = await withTenant(ctx, async (tx) => {
    const [event] = await tx.select().from(domainEvents).where(due(ctx.tenantId)).orderBy(...dueOrder).limit(1).for("update", { skipLocked: true });
    if (!event) return false;
    const errors = await runConsumersCarefully(tx, ctx, event, tasks, { delivered: [], skipped: [] });
    if (errors.length === 0) {
      await markDispatched(tx, ctx.tenantId, [event.id]);
      return true;
    }
    const message = errors.map((e) => (e instanceof Error ? e.message : String(e))).join("; ");
    log.error({ err: errors[0], failures: errors.length, eventId: event.id, eventType: event.eventType }, "relay: a consumer failed, retrying later");
    await tx
      .update(domainEvents)
      .set({
        dispatchAttempts: sql`${domainEvents.dispatchAttempts} + 1`,
        dispatchAfter: sql`now() + least(power(2, ${domainEvents.dispatchAttempts}), 3600) * interval '1 second'`,
        dispatchError: message.slice(0, 2000),
      })
      .where(and(eq(domainEvents.tenantId, ctx.tenantId), eq(domainEvents.id, event.id)));
    return true;
  });
  afterCommit(tasks);
  return found;
}

/**
 * Dispatches one event now, whatever its state (the dispatch_event jobs queued before the
 * relay, and tests): consumers already recorded in event_deliveries are skipped. Same two
 * paths as dispatchPending; throws if a consumer failed (the job is then retried).
 */
export async function dispatchEvent(tenantId: string, eventId: string): Promise<DispatchResult> {
  const ctx: TenantContext = { tenantId, actor: systemActor() };
  const byId = and(eq(domainEvents.tenantId, tenantId), eq(domainEvents.id, eventId));
  const afterCommit = (tasks: Task[]) => Promise.all(tasks.map(runTask));
  try {
    const result: DispatchResult = { delivered: [], skipped: [] };
    // no event: the tenant was deleted since, nothing to do
    const { tasks } = await dispatchTogether(ctx, (tx) => tx.select().from(domainEvents).where(byId).for("update"), new Map([[eventId, result]]));
    await afterCommit(tasks);
    return result;
  } catch {
    const result: DispatchResult = { delivered: [], skipped: [] };
    const errors: unknown[] = [];
    const tasks: Task[] = [];
    await withTenant(ctx, async (tx) => {
      const [event] = await tx.select().from(domainEvents).where(byId).for("update");
      if (!event) return;
      errors.push(...(await runConsumersCarefully(tx, ctx, event, tasks, result)));
      if (errors.length === 0) await markDispatched(tx, tenantId, [event.id]);
    });
    await afterCommit(tasks);
    // The ones that succeeded are committed and recorded, and are skipped on the retry.
    if (errors.length) throw errors[0];
    return result;
  }
}
