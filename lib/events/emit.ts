import { domainEvents } from "@/db/schema";
import type { CRM_RECORD_TYPES } from "@/db/schema/enums";
import type { TenantContext } from "@/lib/tenancy/context";
import type { Tx } from "@/lib/tenancy/with-tenant";

export type RecordType = (typeof CRM_RECORD_TYPES)[number];

export const EVENT_TYPES = [
  "record.created",
  "record.updated",
  "record.deleted",
  "stage.changed",
  "list.member_added",
  "list.member_removed",
  "activity.created",
  "activity.updated",
  "watcher.added",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface NewEvent {
  type: EventType;
  entityType?: RecordType;
  entityId?: string;
  payload?: Record<string, unknown>;
}

/** Who acted, as events record it; an automation's run also names the automation. */
export const actorPayload = (ctx: TenantContext) => ({
  kind: ctx.actor.kind,
  userId: ctx.actor.userId,
  apiKeyId: ctx.actor.apiKeyId ?? null,
  ...(ctx.actor.automationId ? { automationId: ctx.actor.automationId } : {}),
});

/** Writes a domain event in the caller's transaction (the outbox). Returns its id. */
export async function emitEvent(tx: Tx, ctx: TenantContext, event: NewEvent): Promise<string> {
  const [row] = await tx
    .insert(domainEvents)
    .values({
      tenantId: ctx.tenantId,
      eventType: event.type,
      entityType: event.entityType,
      entityId: event.entityId,
      actorUserId: ctx.actor.userId,
      source: ctx.actor.source,
      payload: { ...event.payload, actor: actorPayload(ctx) },
    })
    .returning({ id: domainEvents.id });
  return row!.id;
}
