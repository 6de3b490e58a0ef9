ALTER TABLE "stage_history" DROP CONSTRAINT "stage_history_tenant_id_pipeline_id_pipelines_tenant_id_id_fk";
--> statement-breakpoint
ALTER TABLE "stage_history" ADD CONSTRAINT "stage_history_tenant_id_pipeline_id_pipelines_tenant_id_id_fk" FOREIGN KEY ("tenant_id","pipeline_id") REFERENCES "public"."pipelines"("tenant_id","id") ON DELETE no action ON UPDATE no action;