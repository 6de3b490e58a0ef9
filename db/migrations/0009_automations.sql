CREATE TABLE "ai_settings" (
	"tenant_id" uuid NOT NULL,
	"base_url" text,
	"model" text,
	"api_key" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_settings_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "published_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"entity_type" "crm_record_type",
	"entity_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"automation_id" uuid,
	"execution_id" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "published_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "published_events_seq_key" UNIQUE("tenant_id","seq"),
	CONSTRAINT "published_events_execution_key" UNIQUE("tenant_id","execution_id")
);
--> statement-breakpoint
ALTER TABLE "automation_actions" ADD COLUMN "from_stage_id" uuid;--> statement-breakpoint
ALTER TABLE "automation_actions" ADD COLUMN "to_stage_id" uuid;--> statement-breakpoint
ALTER TABLE "automation_actions" ADD COLUMN "state_json" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_settings" ADD CONSTRAINT "ai_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_events" ADD CONSTRAINT "published_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_actions" ADD CONSTRAINT "automation_actions_from_stage_fk" FOREIGN KEY ("tenant_id","from_stage_id") REFERENCES "public"."pipeline_stages"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_actions" ADD CONSTRAINT "automation_actions_to_stage_fk" FOREIGN KEY ("tenant_id","to_stage_id") REFERENCES "public"."pipeline_stages"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "automation_action_executions_triggered_idx" ON "automation_action_executions" USING btree ("tenant_id","triggered_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "automation_actions_from_stage_idx" ON "automation_actions" USING btree ("tenant_id","from_stage_id");--> statement-breakpoint
CREATE INDEX "automation_actions_to_stage_idx" ON "automation_actions" USING btree ("tenant_id","to_stage_id");