import { bigint, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id, tenantId } from "./columns";
import { changeSource, crmRecordType } from "./enums";
import { tenants, tenantUsers } from "./tenancy";

/**
 * The outbox. A service inserts its event in the transaction that changes the data;
 * a trigger (see the rls migration) enqueues a graphile-worker job in that same
 * transaction, so a committed event is always dispatched and a rolled-back one never.
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
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "domain_events_actor_fk", columns: [t.tenantId, t.actorUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("domain_events_seq_idx").on(t.tenantId, t.seq),
  index("domain_events_entity_idx").on(t.tenantId, t.entityType, t.entityId),
  index("domain_events_actor_idx").on(t.tenantId, t.actorUserId),
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
