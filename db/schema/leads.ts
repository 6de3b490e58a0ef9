import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns";
import { tenants, tenantUsers } from "./tenancy";

/**
 * A web form (Settings → Web forms): the lead fields it asks, where a browser goes after a
 * post, and its public `key` (the hosted page /f/<key> and POST /api/public/forms/<key>).
 * A public post finds its form through web_form_by_key() (SECURITY DEFINER), since it
 * comes without a tenant.
 */
export const webForms = pgTable("web_forms", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  key: text().notNull(),
  name: text().notNull(),
  /** Lead field names, in the order the form shows them. */
  fields: text().array().notNull().default(sql`'{}'::text[]`),
  redirectUrl: text(),
  enabled: boolean().notNull().default(true),
  createdByUserId: uuid(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "web_forms_created_by_fk", columns: [t.tenantId, t.createdByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  // keys are 128 random bits; unique per tenant like every key, and found by key alone by
  // a public post (web_form_by_key), through web_forms_key_idx
  uniqueIndex("web_forms_key_key").on(t.tenantId, t.key),
  index("web_forms_key_idx").on(t.key),
  index("web_forms_created_by_idx").on(t.tenantId, t.createdByUserId),
]);

export type WebForm = typeof webForms.$inferSelect;



