ALTER TABLE "saved_views" ADD COLUMN "visibility" text DEFAULT 'private' NOT NULL;--> statement-breakpoint
ALTER TABLE "saved_views" ADD COLUMN "group_id" uuid;--> statement-breakpoint
-- Deleting a group keeps the views shared with it: only group_id is set null (hand-edited:
-- drizzle-kit cannot express the column list), and the service then shows the view to its owner only.
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_group_fk" FOREIGN KEY ("tenant_id","group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE SET NULL ("group_id") ON UPDATE no action;--> statement-breakpoint
-- Serves listViews: a kind's views shared with the workspace or a group.
CREATE INDEX "saved_views_shared_idx" ON "saved_views" USING btree ("tenant_id","object_type","visibility");--> statement-breakpoint
-- Serves the group foreign key (deleting a group finds its views).
CREATE INDEX "saved_views_group_idx" ON "saved_views" USING btree ("tenant_id","group_id");--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_visibility_check" CHECK ("saved_views"."visibility" in ('private', 'workspace', 'group') and ("saved_views"."group_id" is null or "saved_views"."visibility" = 'group'));