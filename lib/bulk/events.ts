// Many domain events in one statement per chunk, in the caller's transaction. Each row is
// exactly what emitEvent (lib/events/emit.ts) writes for the same event — bulk-events.test.ts
// holds the two side by side — so consumers cannot tell a bulk change from a single one.
import { domainEvents } from "@/db/schema";
import type { NewEvent } from "@/lib/events/emit";
import type { TenantContext } from "@/lib/tenancy/context";
import type { Tx } from "@/lib/tenancy/with-tenant";

const CHUNK = 500;

export function eventRow(ctx: TenantContext, event: NewEvent): typeof domainEvents.$inferInsert {
  return {
    tenantId: ctx.tenantId,
    eventType: event.type,
    entityType: event.entityType,
    entityId: event.entityId,
    actorUserId: ctx.actor.userId,
    source: ctx.actor.source,
    payload: { ...event.payload, actor: { kind: ctx.actor.kind, userId: ctx.actor.userId, apiKeyId: ctx.actor.apiKeyId ?? null } },
  };
}

export async function emitEvents(tx: Tx, ctx: TenantContext, events: readonly NewEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += CHUNK) {
    await tx.insert(domainEvents).values(events.slice(i, i + CHUNK).map((e) => eventRow(ctx, e)));
  }
}
