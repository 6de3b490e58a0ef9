-- listRecords (lib/records/queries.ts): ORDER BY <column> <dir> NULLS LAST, id <dir> for the
-- contacts and companies tables, so the first page of a sorted million-row table is an
-- index read. One index per direction for nullable columns; NOT NULL ones read backwards.
CREATE INDEX "companies_name_sort_idx" ON "companies" USING btree ("tenant_id","name" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "companies"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "companies_domain_sort_idx" ON "companies" USING btree ("tenant_id","domain","id") WHERE "companies"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "companies_domain_sort_desc_idx" ON "companies" USING btree ("tenant_id","domain" DESC NULLS LAST,"id" DESC NULLS FIRST) WHERE "companies"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "companies_updated_at_sort_idx" ON "companies" USING btree ("tenant_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "companies"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_first_name_sort_idx" ON "contacts" USING btree ("tenant_id","first_name","id") WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_first_name_sort_desc_idx" ON "contacts" USING btree ("tenant_id","first_name" DESC NULLS LAST,"id" DESC NULLS FIRST) WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_last_name_sort_idx" ON "contacts" USING btree ("tenant_id","last_name","id") WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_last_name_sort_desc_idx" ON "contacts" USING btree ("tenant_id","last_name" DESC NULLS LAST,"id" DESC NULLS FIRST) WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_email_sort_idx" ON "contacts" USING btree ("tenant_id","email","id") WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_email_sort_desc_idx" ON "contacts" USING btree ("tenant_id","email" DESC NULLS LAST,"id" DESC NULLS FIRST) WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_updated_at_sort_idx" ON "contacts" USING btree ("tenant_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "contacts"."deleted_at" is null;