import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { domainEvents } from "@/db/schema";
import type { CRM_RECORD_TYPES } from "@/db/schema/enums";
import type { TenantContext } from "@/lib/tenancy/context";
import type { Tx } from "@/lib/tenancy/with-tenant";

export type RecordType = (typeof CRM_RECORD_TYPES)[number];

export const EVENT_TYPES = [
  "record.created",
  "record.updated",
  "record.deleted",
  /** A contact's personal data was erased (lib/privacy); its payload carries no data. */
  "record.erased",
  /** Records were merged into the event's record (lib/merge); the payload names them (mergedIds). */
  "record.merged",
  "stage.changed",
  "list.member_added",
  "list.member_removed",
  "activity.created",
  "activity.updated",
  "watcher.added",
  /** A lead became a contact (and company, deal): lib/leads/convert.ts. */
  "lead.converted",
  /** A lead's score changed by rescoring (lib/scoring): derived data, so no audit entry or record change. */
  "lead.scored",
  /** Email (lib/email/sync.ts, tracking.ts): on the record the email is logged on; the payload names the email. */
  "email.received",
  "email.replied",
  "email.bounced",
  "email.opened",
  "email.clicked",
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

/**
 * The outbox row of an event: the one shape every writer uses (emitEvents here, and the
 * move batch's statement, which sends these rows' values), so consumers cannot tell a
 * bulk change, an import or a move batch from a single edit.
 */
export function eventRow(ctx: TenantContext, event: NewEvent) {
  return {
    tenantId: ctx.tenantId,
    eventType: event.type,
    entityType: event.entityType,
    entityId: event.entityId,
    actorUserId: ctx.actor.userId,
    source: ctx.actor.source,
    payload: { ...event.payload, actor: actorPayload(ctx) },
  } satisfies typeof domainEvents.$inferInsert;
}

const CHUNK = 500;

/**
 * Writes domain events in the caller's transaction (the outbox), a statement per 500.
 * Returns their ids in order. The ids are made here rather than read back (RETURNING): an
 * event row is readable only within the actor's access scope (migration
 * access_scope_children), and a writer may emit one about a record it has just put out
 * of its own sight (a merge's loser, a record handed over).
 */
export async function emitEvents(tx: Tx, ctx: TenantContext, events: readonly NewEvent[]): Promise<string[]> {
  const ids: string[] = [];
  const bulk = events.length >= BULK_LANE;
  for (let i = 0; i < events.length; i += CHUNK) {
    const rows = events.slice(i, i + CHUNK).map((e) => ({ ...eventRow(ctx, e), id: randomUUID(), bulk }));
    if (rows.length < BULK) await tx.insert(domainEvents).values(rows);
    else await tx.execute(bulkInsert(ctx, rows));
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/**
 * From this many events on, the rows go as one array per column (unnest, in order) rather
 * than a parameter per value: building and sending 500 rows × 8 values cost more than
 * writing them (an import's events, a campaign's batch, the tracking flush).
 */
const BULK = 16;

/**
 * From this many events written at once on, they are bulk work (an import's batch, a
 * campaign's, a list refresh, a bulk edit) and go in the relay's second lane: dispatched
 * after the tenant's other due events (dispatcher.ts), so the automations of a single edit
 * never wait behind thousands of an import's or a campaign's events.
 */
export const BULK_LANE = 50;

function bulkInsert(ctx: TenantContext, rows: (ReturnType<typeof eventRow> & { id: string; bulk: boolean })[]): SQL {
  const col = <T>(pick: (r: (typeof rows)[number]) => T) => sql.param(rows.map(pick));
  const { actorUserId, source, bulk } = rows[0]!; // one context and one write: the same actor and lane for every row
  return sql`insert into ${domainEvents} (tenant_id, id, event_type, entity_type, entity_id, actor_user_id, source, payload, bulk)
    select ${ctx.tenantId}::uuid, u.id, u.event_type, u.entity_type::crm_record_type, u.entity_id, ${actorUserId ?? null}::uuid, ${source}::change_source, u.payload::jsonb, ${bulk}
    from unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.eventType)}::text[], ${col((r) => r.entityType ?? null)}::text[],
      ${col((r) => r.entityId ?? null)}::uuid[], ${col((r) => JSON.stringify(r.payload))}::text[]) with ordinality as u(id, event_type, entity_type, entity_id, payload, n)
    order by u.n`;
}

/** Writes one domain event in the caller's transaction. Returns its id. */
export async function emitEvent(tx: Tx, ctx: TenantContext, event: NewEvent): Promise<string> {
  const [id] = await emitEvents(tx, ctx, [event]);
  return id!;
}
