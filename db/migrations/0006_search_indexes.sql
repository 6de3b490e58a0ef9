-- Global search (lib/search/search.ts). The expressions must stay identical to the ones in
-- lib/search/query.ts, or the planner will not use these indexes.
-- lib/search: companies whose domain contains the query (LIKE '%q%').
CREATE INDEX "companies_domain_trgm_idx" ON "companies" USING gin (lower("domain") gin_trgm_ops);--> statement-breakpoint
-- lib/search: companies whose name starts with the query, in order (range scan; "C" = byte order in any database collation).
CREATE INDEX "companies_name_prefix_idx" ON "companies" USING btree ("tenant_id",(lower("name") collate "C"));--> statement-breakpoint
-- lib/search: companies whose domain starts with the query, in order.
CREATE INDEX "companies_domain_prefix_idx" ON "companies" USING btree ("tenant_id",(lower("domain") collate "C"));--> statement-breakpoint
-- lib/search: contacts whose email contains the query.
CREATE INDEX "contacts_email_trgm_idx" ON "contacts" USING gin (lower("email") gin_trgm_ops);--> statement-breakpoint
-- lib/search: contacts whose "first last" starts with the query, in order.
CREATE INDEX "contacts_name_prefix_idx" ON "contacts" USING btree ("tenant_id",(lower(coalesce("first_name", '') || ' ' || coalesce("last_name", '')) collate "C"));--> statement-breakpoint
-- lib/search: contacts whose last name starts with the query, in order.
CREATE INDEX "contacts_last_name_prefix_idx" ON "contacts" USING btree ("tenant_id",(lower("last_name") collate "C"));--> statement-breakpoint
-- lib/search: contacts whose email starts with the query, in order.
CREATE INDEX "contacts_email_prefix_idx" ON "contacts" USING btree ("tenant_id",(lower("email") collate "C"));--> statement-breakpoint
-- lib/search: deals whose name contains the query or is similar to it (<%).
CREATE INDEX "deals_name_trgm_idx" ON "deals" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
-- lib/search: leads whose "first last" contains the query or is similar to it.
CREATE INDEX "leads_name_trgm_idx" ON "leads" USING gin ((lower(coalesce("first_name", '') || ' ' || coalesce("last_name", ''))) gin_trgm_ops);--> statement-breakpoint
-- lib/search: leads whose email contains the query.
CREATE INDEX "leads_email_trgm_idx" ON "leads" USING gin (lower("email") gin_trgm_ops);--> statement-breakpoint
-- lib/search: leads whose company name contains the query or is similar to it.
CREATE INDEX "leads_company_name_trgm_idx" ON "leads" USING gin (lower("company_name") gin_trgm_ops);--> statement-breakpoint
-- lib/search: tickets whose subject contains the query or is similar to it.
CREATE INDEX "tickets_subject_trgm_idx" ON "tickets" USING gin (lower("subject") gin_trgm_ops);