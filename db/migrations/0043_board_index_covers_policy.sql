-- The board picks a column's cards from this index in board order (position, newest first).
-- For a rep whose policy is "own", most entries are other people's cards: with the pipeline,
-- the columns the access policy reads and deleted_at in the index, those are skipped in the
-- index (an index-only scan) instead of by a visit to the table for each.
DROP INDEX "deals_stage_position_idx";--> statement-breakpoint
DROP INDEX "leads_stage_position_idx";--> statement-breakpoint
DROP INDEX "tickets_stage_position_idx";--> statement-breakpoint
CREATE INDEX "deals_stage_position_idx" ON "deals" USING btree ("tenant_id","stage_id","position","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"pipeline_id","owned_by_user_id","owned_by_group_id","assigned_user_id","assigned_group_id","deleted_at");--> statement-breakpoint
CREATE INDEX "leads_stage_position_idx" ON "leads" USING btree ("tenant_id","stage_id","position","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"pipeline_id","owned_by_user_id","owned_by_group_id","deleted_at");--> statement-breakpoint
CREATE INDEX "tickets_stage_position_idx" ON "tickets" USING btree ("tenant_id","stage_id","position","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"pipeline_id","owned_by_user_id","owned_by_group_id","assigned_user_id","assigned_group_id","deleted_at");