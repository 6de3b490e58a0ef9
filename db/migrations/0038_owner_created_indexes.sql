-- Each owner's (and assignee's) records newest first, in place of the owner indexes: a
-- list read under an own or team scope takes each owner's newest rows from here
-- (lib/records/queries.ts) instead of filtering the whole tenant's created_idx.
DROP INDEX "companies_owner_user_idx";--> statement-breakpoint
DROP INDEX "companies_owner_group_idx";--> statement-breakpoint
DROP INDEX "contacts_owner_user_idx";--> statement-breakpoint
DROP INDEX "contacts_owner_group_idx";--> statement-breakpoint
DROP INDEX "deals_owner_user_idx";--> statement-breakpoint
DROP INDEX "deals_owner_group_idx";--> statement-breakpoint
DROP INDEX "deals_assigned_user_idx";--> statement-breakpoint
DROP INDEX "deals_assigned_group_idx";--> statement-breakpoint
DROP INDEX "leads_owner_user_idx";--> statement-breakpoint
DROP INDEX "leads_owner_group_idx";--> statement-breakpoint
DROP INDEX "tickets_owner_user_idx";--> statement-breakpoint
DROP INDEX "tickets_owner_group_idx";--> statement-breakpoint
DROP INDEX "tickets_assigned_user_idx";--> statement-breakpoint
DROP INDEX "tickets_assigned_group_idx";--> statement-breakpoint
CREATE INDEX "companies_owner_user_idx" ON "companies" USING btree ("tenant_id","owned_by_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "companies_owner_group_idx" ON "companies" USING btree ("tenant_id","owned_by_group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contacts_owner_user_idx" ON "contacts" USING btree ("tenant_id","owned_by_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contacts_owner_group_idx" ON "contacts" USING btree ("tenant_id","owned_by_group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deals_owner_user_idx" ON "deals" USING btree ("tenant_id","owned_by_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deals_owner_group_idx" ON "deals" USING btree ("tenant_id","owned_by_group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deals_assigned_user_idx" ON "deals" USING btree ("tenant_id","assigned_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deals_assigned_group_idx" ON "deals" USING btree ("tenant_id","assigned_group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "leads_owner_user_idx" ON "leads" USING btree ("tenant_id","owned_by_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "leads_owner_group_idx" ON "leads" USING btree ("tenant_id","owned_by_group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_owner_user_idx" ON "tickets" USING btree ("tenant_id","owned_by_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_owner_group_idx" ON "tickets" USING btree ("tenant_id","owned_by_group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_assigned_user_idx" ON "tickets" USING btree ("tenant_id","assigned_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_assigned_group_idx" ON "tickets" USING btree ("tenant_id","assigned_group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);