import { sql } from "drizzle-orm";
import { bigint, boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id, tenantId } from "./columns";
import { changeSource, crmRecordType } from "./enums";
import { tenants, tenantUsers } from "./tenancy";

/**
 * The outbox. A service inserts its event in the transaction that changes the data; the
 * worker's relay (lib/events/relay.ts) dispatches committed events that have no
 * `dispatchedAt` yet, woken by the NOTIFY the insert trigger sends on commit, so a
 * committed event is always dispatched and a rolled-back one never.
 */
export const domainEvents = pgTable("domain_events", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  /** Global commit-ish order, used as the cursor of GET /events. */
  seq: bigint({ mode: "number" }).generatedAlwaysAsIdentity().notNull(),
  eventType: text().notNull(),
  entityType: crmRecordType(),
  entityId: uuid(),
  actorUserId: uuid(),
  source: changeSource().notNull().default("USER"),
  payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** Set in the transaction that ran the event's consumers; null = still to dispatch. */
  dispatchedAt: timestamp({ withTimezone: true }),
  /** Failed dispatches so far; the relay gives up after MAX_DISPATCH_ATTEMPTS. */
  dispatchAttempts: integer().notNull().default(0),
  /** After a failure: not before this time (exponential backoff). */
  dispatchAfter: timestamp({ withTimezone: true }),
  dispatchError: text(),
  /**
   * Written with many others at once (BULK_LANE in lib/events/emit.ts: an import's batch, a
   * campaign's, a list refresh): dispatched after the tenant's other due events, so a
   * single edit's automations never wait behind an import or a campaign.
   */
  bulk: boolean().notNull().default(false),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "domain_events_actor_fk", columns: [t.tenantId, t.actorUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("domain_events_seq_idx").on(t.tenantId, t.seq),
  index("domain_events_entity_idx").on(t.tenantId, t.entityType, t.entityId),
  index("domain_events_actor_idx").on(t.tenantId, t.actorUserId),
  index("domain_events_pending_idx").on(t.tenantId, t.bulk, t.seq).where(sql`${t.dispatchedAt} is null`),
]);

/** Inbox: one row per (event, consumer), written in the consumer's own transaction, so a redelivered job is a no-op. */
export const eventDeliveries = pgTable("event_deliveries", {
  tenantId: tenantId(),
  eventId: uuid().notNull(),
  consumer: text().notNull(),
  deliveredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.eventId, t.consumer] }),
  foreignKey({ name: "event_deliveries_event_fk", columns: [t.tenantId, t.eventId], foreignColumns: [domainEvents.tenantId, domainEvents.id] }).onDelete("cascade"),
]);

export type DomainEvent = typeof domainEvents.$inferSelect;
