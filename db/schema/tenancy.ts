import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns";
import { crmRecordType, tenantRole } from "./enums";

/** A customer organisation. Its own id is the tenant key (RLS: id = app.tenant_id). */
export const tenants = pgTable("tenants", {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  name: text().notNull(),
  slug: text().notNull(),
  defaultCurrency: text().notNull().default("USD"),
  /** IANA time zone (checked with Intl by lib/workspace): periods and dates of analytics follow it. */
  timeZone: text().notNull().default("UTC"),
  settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
}, (t) => [uniqueIndex("tenants_slug_key").on(t.slug)]);

/** Global: a person may belong to several tenants. Never hard-deleted while owning records. */
export const users = pgTable("users", {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  email: text().notNull(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  /** Bumped on password change; a JWT carrying an older version is refused. */
  sessionVersion: integer().notNull().default(1),
  createdAt: createdAt(),
}, (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)]);

/** Membership (seed 000's tenant_user_shadow): the tenant-scoped identity records point at. */
export const tenantUsers = pgTable("tenant_users", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  userId: uuid().notNull().references(() => users.id),
  role: tenantRole().notNull().default("sales_rep"),
  isActive: boolean().notNull().default(true),
  createdAt: createdAt(),
  deactivatedAt: timestamp({ withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.userId] }),
  index("tenant_users_user_id_idx").on(t.userId),
]);

export const tenantGroups = pgTable("tenant_groups", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  name: text().notNull(),
  description: text(),
  /** The team's manager (issue 15): sees what the group's members own when their role's scope is "team". */
  managerUserId: uuid(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  unique("tenant_groups_name_key").on(t.tenantId, t.name),
  foreignKey({ name: "tenant_groups_manager_fk", columns: [t.tenantId, t.managerUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("tenant_groups_manager_idx").on(t.tenantId, t.managerUserId),
]);

export const tenantGroupMembers = pgTable("tenant_group_members", {
  tenantId: tenantId(),
  groupId: uuid().notNull(),
  userId: uuid().notNull(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.groupId, t.userId] }),
  foreignKey({ columns: [t.tenantId, t.groupId], foreignColumns: [tenantGroups.tenantId, tenantGroups.id] }).onDelete("cascade"),
  foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }).onDelete("cascade"),
  index("tenant_group_members_user_idx").on(t.tenantId, t.userId),
]);

export const apiKeys = pgTable("api_keys", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  name: text().notNull(),
  role: tenantRole().notNull(),
  /** First characters of the key, shown in lists so a user can tell keys apart. */
  keyPrefix: text().notNull(),
  /** SHA-256 of the whole key; the key itself is shown once and never stored. */
  keyHash: text().notNull(),
  /** A key that acts as this user (issue 15): their role and access scope at each request. Null: a workspace key, `role` and "all". */
  userId: uuid(),
  createdByUserId: uuid(),
  createdAt: createdAt(),
  lastUsedAt: timestamp({ withTimezone: true }),
  revokedAt: timestamp({ withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  unique("api_keys_hash_key").on(t.tenantId, t.keyHash),
  // serves auth_api_key(hash): the lookup happens before the tenant is known
  index("api_keys_hash_idx").on(t.keyHash),
  foreignKey({ columns: [t.tenantId, t.createdByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("api_keys_created_by_idx").on(t.tenantId, t.createdByUserId),
  foreignKey({ name: "api_keys_user_fk", columns: [t.tenantId, t.userId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("api_keys_user_idx").on(t.tenantId, t.userId),
]);

/** An admin's invitation: the link carries a token whose hash is stored. */
export const invitations = pgTable("invitations", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  email: text().notNull(),
  role: tenantRole().notNull(),
  tokenHash: text().notNull(),
  invitedByUserId: uuid(),
  createdAt: createdAt(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  acceptedAt: timestamp({ withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  unique("invitations_token_key").on(t.tenantId, t.tokenHash),
  // serves auth_invitation(token_hash)
  index("invitations_token_idx").on(t.tokenHash),
  foreignKey({ columns: [t.tenantId, t.invitedByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("invitations_invited_by_idx").on(t.tenantId, t.invitedByUserId),
]);

export type Tenant = typeof tenants.$inferSelect;
export type User = typeof users.$inferSelect;
export type TenantUser = typeof tenantUsers.$inferSelect;
export type TenantGroup = typeof tenantGroups.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;

/**
 * Who sees which records (issue 15, API.md "Visibility, teams and audit"): per role and
 * record type, the read and write scope ("own", "team" or "all"). A missing row is all/all.
 * Read by the RLS policies of the record tables through access_scope_users() (migration).
 */
export const accessPolicies = pgTable("access_policies", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  role: tenantRole().notNull(),
  recordType: crmRecordType().notNull(),
  readScope: text().$type<"own" | "team" | "all">().notNull().default("all"),
  writeScope: text().$type<"own" | "team" | "all">().notNull().default("all"),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.role, t.recordType] }),
  check("access_policies_read_scope_check", sql`${t.readScope} in ('own', 'team', 'all')`),
  check("access_policies_write_scope_check", sql`${t.writeScope} in ('own', 'team', 'all')`),
]);
