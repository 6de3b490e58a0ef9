import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns";
import { crmRecordType, principalType } from "./enums";
import { tenants, tenantUsers } from "./tenancy";

/** Seed 000's record watcher: a user or group following any record. */
export const recordWatchers = pgTable("record_watchers", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  recordType: crmRecordType().notNull(),
  recordId: uuid().notNull(),
  principalType: principalType().notNull(),
  principalId: uuid().notNull(),
  createdAt: createdAt(),
  createdByUserId: uuid(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.recordType, t.recordId, t.principalType, t.principalId] }),
  foreignKey({ name: "record_watchers_created_by_fk", columns: [t.tenantId, t.createdByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("record_watchers_principal_idx").on(t.tenantId, t.principalType, t.principalId),
  index("record_watchers_created_by_idx").on(t.tenantId, t.createdByUserId),
]);

/** In-app notifications (the bell). */
export const notifications = pgTable("notifications", {
  tenantId: tenantId(),
  id: id(),
  userId: uuid().notNull(),
  kind: text().notNull(),
  title: text().notNull(),
  body: text(),
  recordType: crmRecordType(),
  recordId: uuid(),
  eventId: uuid(),
  data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
  readAt: timestamp({ withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "notifications_user_fk", columns: [t.tenantId, t.userId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }).onDelete("cascade"),
  index("notifications_user_idx").on(t.tenantId, t.userId, t.createdAt.desc()),
]);
