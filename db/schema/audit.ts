import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id, tenantId } from "./columns";
import { AUDIT_ACTIONS, crmRecordType } from "./enums";
import { tenants } from "./tenancy";

/**
 * The audit log: who did what, when and from where. Append-only — the app role may only
 * INSERT and SELECT, and a trigger refuses UPDATE and DELETE for everyone (an erase
 * scrubs personal values through audit_scrub_record, the one exception). Record changes
 * are appended by a trigger on domain_events, so every writer of events writes its audit
 * in the same transaction; the other entries by lib/audit/write.ts.
 */
export const auditLog = pgTable("audit_log", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  /** Append order: the keyset cursor of GET /audit-log (newest first). */
  seq: bigint({ mode: "number" }).generatedAlwaysAsIdentity().notNull(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  actorUserId: uuid(),
  actorApiKeyId: uuid(),
  action: text().$type<(typeof AUDIT_ACTIONS)[number]>().notNull(),
  recordType: crmRecordType(),
  recordId: uuid(),
  /** `{ "<field>": [old, new] }` for record updates; other facts of the action otherwise. */
  changes: jsonb().$type<Record<string, unknown>>(),
  /** The client's address when the request had one (lib/auth/client-address.ts). */
  ip: text(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  check("audit_log_action_check", sql.raw(`action in (${AUDIT_ACTIONS.map((a) => `'${a}'`).join(", ")})`)),
  // GET /audit-log, newest first, unfiltered and by each filter
  index("audit_log_seq_idx").on(t.tenantId, t.seq.desc()),
  index("audit_log_record_idx").on(t.tenantId, t.recordType, t.recordId, t.seq.desc()),
  index("audit_log_actor_idx").on(t.tenantId, t.actorUserId, t.seq.desc()),
  index("audit_log_action_idx").on(t.tenantId, t.action, t.seq.desc()),
]);

/**
 * Emails of erased contacts (a SHA-256 of the lower-cased address, not the address), so
 * the contacts create service — and every import or form that goes through it — refuses
 * to re-create them.
 */
export const erasedEmails = pgTable("erased_emails", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  emailHash: text().notNull(),
  erasedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.emailHash] })]);

export type AuditEntry = typeof auditLog.$inferSelect;
