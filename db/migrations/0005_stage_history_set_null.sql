-- History outlives the pipeline and stages it names: deleting them nulls only the
-- pipeline/stage column, never tenant_id (PostgreSQL 15+ column lists).
ALTER TABLE stage_history DROP CONSTRAINT stage_history_tenant_id_pipeline_id_pipelines_tenant_id_id_fk;
--> statement-breakpoint
ALTER TABLE stage_history ADD CONSTRAINT stage_history_tenant_id_pipeline_id_pipelines_tenant_id_id_fk
  FOREIGN KEY (tenant_id, pipeline_id) REFERENCES pipelines (tenant_id, id) ON DELETE SET NULL (pipeline_id);
--> statement-breakpoint
ALTER TABLE stage_history DROP CONSTRAINT stage_history_tenant_id_from_stage_id_pipeline_stages_tenant_id_id_fk;
--> statement-breakpoint
ALTER TABLE stage_history ADD CONSTRAINT stage_history_tenant_id_from_stage_id_pipeline_stages_tenant_id_id_fk
  FOREIGN KEY (tenant_id, from_stage_id) REFERENCES pipeline_stages (tenant_id, id) ON DELETE SET NULL (from_stage_id);
--> statement-breakpoint
ALTER TABLE stage_history DROP CONSTRAINT stage_history_tenant_id_to_stage_id_pipeline_stages_tenant_id_id_fk;
--> statement-breakpoint
ALTER TABLE stage_history ADD CONSTRAINT stage_history_tenant_id_to_stage_id_pipeline_stages_tenant_id_id_fk
  FOREIGN KEY (tenant_id, to_stage_id) REFERENCES pipeline_stages (tenant_id, id) ON DELETE SET NULL (to_stage_id);
