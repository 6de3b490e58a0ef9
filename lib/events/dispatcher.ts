import { and, eq } from "drizzle-orm";
import { domainEvents, eventDeliveries, type DomainEvent } from "@/db/schema";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";

/**
 * A consumer reacts to committed domain events. It runs in its own transaction, which
 * also records its delivery (event_deliveries): a redelivered or duplicated job finds
 * the row and does nothing, and a consumer that fails rolls back both, to be retried.
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
 * Fans one committed event out to every consumer that handles it, each exactly once. One
 * transaction for the event (a worker job is a handful of statements, not one transaction
 * per consumer); each consumer runs in a savepoint with its delivery row, so a failing
 * consumer is rolled back alone while the others' work commits.
 */
export async function dispatchEvent(tenantId: string, eventId: string): Promise<DispatchResult> {
  const ctx: TenantContext = { tenantId, actor: systemActor() };
  const result: DispatchResult = { delivered: [], skipped: [] };
  const errors: unknown[] = [];
  await withTenant(ctx, async (tx) => {
    const [event] = await tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, tenantId), eq(domainEvents.id, eventId)));
    if (!event) return; // tenant deleted since: nothing to do
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
