-- Most activities leave these columns empty (only tasks have an assignee, only completed
-- tasks a completer, only replies a parent): indexed where set, a note, call or email writes
-- four fewer index entries, and a merge re-pointing 50,000 activities skips 200,000. The
-- foreign keys' checks (col = $n) still use them: db/catalog.test.ts accepts a partial index
-- whose predicate only says the key is set.
DROP INDEX "activities_assigned_user_idx";--> statement-breakpoint
DROP INDEX "activities_assigned_group_idx";--> statement-breakpoint
DROP INDEX "activities_completed_by_idx";--> statement-breakpoint
DROP INDEX "activities_parent_idx";--> statement-breakpoint
CREATE INDEX "activities_assigned_user_idx" ON "activities" USING btree ("tenant_id","assigned_user_id","due_at") WHERE "activities"."assigned_user_id" is not null;--> statement-breakpoint
CREATE INDEX "activities_assigned_group_idx" ON "activities" USING btree ("tenant_id","assigned_group_id") WHERE "activities"."assigned_group_id" is not null;--> statement-breakpoint
CREATE INDEX "activities_completed_by_idx" ON "activities" USING btree ("tenant_id","completed_by_user_id") WHERE "activities"."completed_by_user_id" is not null;--> statement-breakpoint
CREATE INDEX "activities_parent_idx" ON "activities" USING btree ("tenant_id","parent_activity_id") WHERE "activities"."parent_activity_id" is not null;