import { and, eq } from "drizzle-orm";
import { domainEvents, eventDeliveries, type DomainEvent } from "@/db/schema";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";

/**
 * A consumer reacts to committed domain events. It runs in the event's transaction, which
 * also records its delivery (event_deliveries): a redelivered or duplicated job finds
 * the row and does nothing, and a consumer that fails rolls back both, to be retried.
 * It writes only to the database (see dispatchEvent).
 */
export interface EventConsumer {
  name: string;
  handles(event: DomainEvent): boolean;
  handle(tx: Tx, ctx: TenantContext, event: DomainEvent): Promise<void>;
}

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

/**
 * Fans one committed event out to every consumer that handles it, each exactly once, in
 * one transaction for the event (a worker job is a handful of statements, not one
 * transaction per consumer).
 *
 * First try: every consumer's delivery row in one INSERT, then the consumers one after the
 * other, no savepoints. If one of them throws, that transaction is rolled back whole and
 * the careful path runs instead: each consumer in a savepoint with its delivery row, so a
 * failing consumer is rolled back alone while the others' work commits. Consumers only
 * write to the database, so the rolled-back first try left nothing behind.
 */
export async function dispatchEvent(tenantId: string, eventId: string): Promise<DispatchResult> {
  const ctx: TenantContext = { tenantId, actor: systemActor() };
  try {
    return await withTenant(ctx, async (tx) => {
      const result: DispatchResult = { delivered: [], skipped: [] };
      const [event] = await tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, tenantId), eq(domainEvents.id, eventId)));
      if (!event) return result; // tenant deleted since: nothing to do
      const handling = [...consumers.values()].filter((c) => c.handles(event));
      if (handling.length === 0) return result;
      const fresh = new Set(
        (
          await tx
            .insert(eventDeliveries)
            .values(handling.map((c) => ({ tenantId, eventId, consumer: c.name })))
            .onConflictDoNothing()
            .returning({ consumer: eventDeliveries.consumer })
        ).map((r) => r.consumer),
      );
      for (const consumer of handling) {
        if (!fresh.has(consumer.name)) {
          result.skipped.push(consumer.name);
          continue;
        }
        await consumer.handle(tx, ctx, event);
        result.delivered.push(consumer.name);
      }
      return result;
    }, { genericPlans: true });
  } catch {
    return dispatchCarefully(ctx, eventId);
  }
}

/** One savepoint per consumer: the ones that succeed commit, the job fails if any did not. */
async function dispatchCarefully(ctx: TenantContext, eventId: string): Promise<DispatchResult> {
  const { tenantId } = ctx;
  const result: DispatchResult = { delivered: [], skipped: [] };
  const errors: unknown[] = [];
  await withTenant(ctx, async (tx) => {
    const [event] = await tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, tenantId), eq(domainEvents.id, eventId)));
    if (!event) return;
    for (const consumer of consumers.values()) {
      if (!consumer.handles(event)) continue;
      try {
        const fresh = await tx.transaction(async (sp) => {
          const inserted = await sp
            .insert(eventDeliveries)
            .values({ tenantId, eventId, consumer: consumer.name })
            .onConflictDoNothing()
            .returning({ eventId: eventDeliveries.eventId });
          if (inserted.length === 0) return false;
          await consumer.handle(sp, ctx, event);
          return true;
        });
        (fresh ? result.delivered : result.skipped).push(consumer.name);
      } catch (err) {
        errors.push(err);
      }
    }
  });
  // The job fails (and graphile-worker retries it) if any consumer failed; the ones
  // that succeeded are committed and recorded, and are skipped on the retry.
  if (errors.length) throw errors[0];
  return result;
}
