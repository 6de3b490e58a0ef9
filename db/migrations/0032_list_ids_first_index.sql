DROP INDEX "companies_created_idx";--> statement-breakpoint
DROP INDEX "contacts_created_idx";--> statement-breakpoint
DROP INDEX "deals_created_idx";--> statement-breakpoint
DROP INDEX "leads_created_idx";--> statement-breakpoint
DROP INDEX "tickets_created_idx";--> statement-breakpoint
CREATE INDEX "companies_created_idx" ON "companies" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_user_id","owned_by_group_id","deleted_at");--> statement-breakpoint
CREATE INDEX "contacts_created_idx" ON "contacts" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_user_id","owned_by_group_id","deleted_at");--> statement-breakpoint
CREATE INDEX "deals_created_idx" ON "deals" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_user_id","owned_by_group_id","deleted_at");--> statement-breakpoint
CREATE INDEX "leads_created_idx" ON "leads" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_user_id","owned_by_group_id","deleted_at");--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"owned_by_user_id","owned_by_group_id","deleted_at");