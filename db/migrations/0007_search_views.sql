-- Global search (lib/search) reads records through these views, not the tables.
--
-- Why: under row level security Postgres only uses an index for a condition whose
-- functions are all LEAKPROOF. lower(), LIKE and the pg_trgm operators are not, so on the
-- tables every search condition is a sequential scan (2.5 s on 1M contacts), and the
-- trigram and prefix indexes of 0006 would never be used.
--
-- These views run with their owner's rights (security_invoker is off), like the auth_*
-- functions of 0002, and apply the same tenant rule as the tenant_isolation policies
-- themselves: rows of the tenant in app.tenant_id, which withTenant sets; none when it
-- is unset. They are not security barriers, so the search conditions reach the indexes.
-- They also hide soft-deleted rows and expose only the columns search shows.
CREATE VIEW search_contacts AS
  SELECT tenant_id, id, first_name, last_name, email, job_title
  FROM contacts
  WHERE tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid AND deleted_at IS NULL;
--> statement-breakpoint
CREATE VIEW search_companies AS
  SELECT tenant_id, id, name, domain, industry
  FROM companies
  WHERE tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid AND deleted_at IS NULL;
--> statement-breakpoint
CREATE VIEW search_deals AS
  SELECT tenant_id, id, name, amount, currency, status
  FROM deals
  WHERE tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid AND deleted_at IS NULL;
--> statement-breakpoint
CREATE VIEW search_leads AS
  SELECT tenant_id, id, first_name, last_name, email, company_name
  FROM leads
  WHERE tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid AND deleted_at IS NULL;
--> statement-breakpoint
CREATE VIEW search_tickets AS
  SELECT tenant_id, id, subject, priority
  FROM tickets
  WHERE tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid AND deleted_at IS NULL;
--> statement-breakpoint
-- Read-only for the app: the default privileges of 0002 would also grant INSERT, UPDATE
-- and DELETE, and writes through an owner-rights view would skip the policies' checks.
REVOKE ALL ON search_contacts, search_companies, search_deals, search_leads, search_tickets FROM PUBLIC, stageline_app;
--> statement-breakpoint
GRANT SELECT ON search_contacts, search_companies, search_deals, search_leads, search_tickets TO stageline_app;
