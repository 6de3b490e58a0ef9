import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns";
import { listMembershipSource, listObjectType, listProcessingType } from "./enums";
import { tenants, tenantUsers } from "./tenancy";

export const lists = pgTable("lists", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  name: text().notNull(),
  description: text(),
  objectType: listObjectType().notNull(),
  processingType: listProcessingType().notNull().default("STATIC"),
  /** Filter JSON (API.md) for DYNAMIC lists. */
  filter: jsonb(),
  isArchived: boolean().notNull().default(false),
  ownerUserId: uuid(),
  memberCount: integer().notNull().default(0),
  lastRefreshedAt: timestamp({ withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "lists_owner_fk", columns: [t.tenantId, t.ownerUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("lists_owner_idx").on(t.tenantId, t.ownerUserId),
  index("lists_object_type_idx").on(t.tenantId, t.objectType),
]);

export const listMemberships = pgTable("list_memberships", {
  tenantId: tenantId(),
  listId: uuid().notNull(),
  memberType: listObjectType().notNull(),
  memberId: uuid().notNull(),
  addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  source: listMembershipSource().notNull().default("MANUAL"),
  addedByUserId: uuid(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.listId, t.memberId] }),
  foreignKey({ name: "list_memberships_list_fk", columns: [t.tenantId, t.listId], foreignColumns: [lists.tenantId, lists.id] }).onDelete("cascade"),
  foreignKey({ name: "list_memberships_added_by_fk", columns: [t.tenantId, t.addedByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("list_memberships_list_type_idx").on(t.tenantId, t.listId, t.memberType),
  // serves "which lists is this record in" during re-evaluation
  index("list_memberships_member_idx").on(t.tenantId, t.memberId),
  index("list_memberships_added_by_idx").on(t.tenantId, t.addedByUserId),
]);

/** Every join and leave, with why (rule or manual). */
export const listMembershipLog = pgTable("list_membership_log", {
  tenantId: tenantId(),
  id: id(),
  listId: uuid().notNull(),
  memberId: uuid().notNull(),
  action: text({ enum: ["ADDED", "REMOVED"] }).notNull(),
  source: listMembershipSource().notNull(),
  actorUserId: uuid(),
  at: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "list_membership_log_list_fk", columns: [t.tenantId, t.listId], foreignColumns: [lists.tenantId, lists.id] }).onDelete("cascade"),
  foreignKey({ name: "list_membership_log_actor_fk", columns: [t.tenantId, t.actorUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("list_membership_log_list_idx").on(t.tenantId, t.listId, t.at),
  index("list_membership_log_actor_idx").on(t.tenantId, t.actorUserId),
]);

export type List = typeof lists.$inferSelect;
export type ListMembership = typeof listMemberships.$inferSelect;
