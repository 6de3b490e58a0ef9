// The read-only search views of db/migrations/0007_search_views.sql: the live rows of the
// tenant in app.tenant_id, readable through the trigram and prefix indexes (row level
// security would keep those indexes out of reach; the migration says why). `.existing()`:
// the migration creates them, drizzle-kit leaves them alone.
import { numeric, pgView, text, uuid } from "drizzle-orm/pg-core";

export const searchContacts = pgView("search_contacts", {
  tenantId: uuid().notNull(),
  id: uuid().notNull(),
  firstName: text(),
  lastName: text(),
  email: text(),
  jobTitle: text(),
}).existing();

export const searchCompanies = pgView("search_companies", {
  tenantId: uuid().notNull(),
  id: uuid().notNull(),
  name: text().notNull(),
  domain: text(),
  industry: text(),
}).existing();

export const searchDeals = pgView("search_deals", {
  tenantId: uuid().notNull(),
  id: uuid().notNull(),
  name: text().notNull(),
  amount: numeric(),
  currency: text(),
  status: text(),
}).existing();

export const searchLeads = pgView("search_leads", {
  tenantId: uuid().notNull(),
  id: uuid().notNull(),
  firstName: text(),
  lastName: text(),
  email: text(),
  companyName: text(),
}).existing();

export const searchTickets = pgView("search_tickets", {
  tenantId: uuid().notNull(),
  id: uuid().notNull(),
  subject: text().notNull(),
  priority: text(),
}).existing();
