-- The owner indexes of migration owner_created_indexes also carry the other owner column and
-- deleted_at, so a scoped list's per-owner reads check the access policy and liveness in
-- the index instead of fetching each row (a team's twelve owners × a page each).
DROP INDEX "companies_owner_user_idx";--> statement-breakpoint
DROP INDEX "companies_owner_group_idx";--> statement-breakpoint
DROP INDEX "contacts_owner_user_idx";--> statement-breakpoint
DROP INDEX "contacts_owner_group_idx";--> statement-breakpoint
DROP INDEX "deals_owner_user_idx";--> statement-breakpoint
DROP INDEX "deals_owner_group_idx";--> statement-breakpoint
DROP INDEX "leads_owner_user_idx";--> statement-breakpoint
DROP INDEX "leads_owner_group_idx";--> statement-breakpoint
DROP INDEX "tickets_owner_user_idx";--> statement-breakpoint
DROP INDEX "tickets_owner_group_idx";--> statement-breakpoint
CREATE INDEX "companies_owner_user_idx" ON "companies" USING btree ("tenant_id","owned_by_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_group_id","deleted_at");--> statement-breakpoint
CREATE INDEX "companies_owner_group_idx" ON "companies" USING btree ("tenant_id","owned_by_group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_user_id","deleted_at");--> statement-breakpoint
CREATE INDEX "contacts_owner_user_idx" ON "contacts" USING btree ("tenant_id","owned_by_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_group_id","deleted_at");--> statement-breakpoint
CREATE INDEX "contacts_owner_group_idx" ON "contacts" USING btree ("tenant_id","owned_by_group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_user_id","deleted_at");--> statement-breakpoint
CREATE INDEX "deals_owner_user_idx" ON "deals" USING btree ("tenant_id","owned_by_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_group_id","deleted_at");--> statement-breakpoint
CREATE INDEX "deals_owner_group_idx" ON "deals" USING btree ("tenant_id","owned_by_group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_user_id","deleted_at");--> statement-breakpoint
CREATE INDEX "leads_owner_user_idx" ON "leads" USING btree ("tenant_id","owned_by_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_group_id","deleted_at");--> statement-breakpoint
CREATE INDEX "leads_owner_group_idx" ON "leads" USING btree ("tenant_id","owned_by_group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_user_id","deleted_at");--> statement-breakpoint
CREATE INDEX "tickets_owner_user_idx" ON "tickets" USING btree ("tenant_id","owned_by_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_group_id","deleted_at");--> statement-breakpoint
CREATE INDEX "tickets_owner_group_idx" ON "tickets" USING btree ("tenant_id","owned_by_group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_user_id","deleted_at");