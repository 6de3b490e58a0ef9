CREATE TABLE "assignment_rules" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"object_type" "crm_record_type" NOT NULL,
	"condition" jsonb,
	"strategy" text NOT NULL,
	"user_id" uuid,
	"group_id" uuid,
	"priority" integer DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"actions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"turns" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignment_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "assignment_rules_strategy" CHECK ("assignment_rules"."strategy" in ('USER', 'ROUND_ROBIN', 'LEAST_OPEN')),
	CONSTRAINT "assignment_rules_target" CHECK (("assignment_rules"."strategy" = 'USER') = ("assignment_rules"."user_id" is not null) and ("assignment_rules"."strategy" = 'USER') = ("assignment_rules"."group_id" is null))
);
--> statement-breakpoint
CREATE TABLE "lead_rescore_runs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'RUNNING' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"changed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "lead_rescore_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "lead_rescore_runs_status" CHECK ("lead_rescore_runs"."status" in ('RUNNING', 'SUCCEEDED', 'FAILED'))
);
--> statement-breakpoint
CREATE TABLE "lead_scoring_configs" (
	"tenant_id" uuid NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"activity_points" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decay_days" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_scoring_configs_tenant_id_pk" PRIMARY KEY("tenant_id"),
	CONSTRAINT "lead_scoring_decay_days" CHECK ("lead_scoring_configs"."decay_days" is null or "lead_scoring_configs"."decay_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "record_assignments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_type" "crm_record_type" NOT NULL,
	"record_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"rule_id" uuid,
	"assigned_by_user_id" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_assignments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "assignment_rules" ADD CONSTRAINT "assignment_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_rules" ADD CONSTRAINT "assignment_rules_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_rules" ADD CONSTRAINT "assignment_rules_group_fk" FOREIGN KEY ("tenant_id","group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_rescore_runs" ADD CONSTRAINT "lead_rescore_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_scoring_configs" ADD CONSTRAINT "lead_scoring_configs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_assignments" ADD CONSTRAINT "record_assignments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_assignments" ADD CONSTRAINT "record_assignments_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_assignments" ADD CONSTRAINT "record_assignments_rule_fk" FOREIGN KEY ("tenant_id","rule_id") REFERENCES "public"."assignment_rules"("tenant_id","id") ON DELETE set null ("rule_id") ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignment_rules_type_idx" ON "assignment_rules" USING btree ("tenant_id","object_type","priority");--> statement-breakpoint
CREATE INDEX "assignment_rules_user_idx" ON "assignment_rules" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "assignment_rules_group_idx" ON "assignment_rules" USING btree ("tenant_id","group_id");--> statement-breakpoint
CREATE INDEX "lead_rescore_runs_started_idx" ON "lead_rescore_runs" USING btree ("tenant_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "record_assignments_record_idx" ON "record_assignments" USING btree ("tenant_id","record_type","record_id","assigned_at");--> statement-breakpoint
CREATE INDEX "record_assignments_user_idx" ON "record_assignments" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "record_assignments_rule_idx" ON "record_assignments" USING btree ("tenant_id","rule_id");--> statement-breakpoint
-- A deleted rule leaves its history: only rule_id is cleared (the set null above names the
-- column, PostgreSQL 15+, so tenant_id stays).
-- Tenant isolation, as 0002 does for every tenant table. The assignment history is read
-- only after the record itself was read through its access-scoped table.
ALTER TABLE "lead_scoring_configs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "lead_scoring_configs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "lead_scoring_configs"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "lead_rescore_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "lead_rescore_runs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "lead_rescore_runs"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "assignment_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assignment_rules" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "assignment_rules"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "record_assignments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "record_assignments" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "record_assignments"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- LEAST_OPEN assignment (lib/assignment/assign.ts): each candidate's open records of a type
-- (live, and not in a DONE_SUCCESS / DONE_FAILED stage), counted past the creator's access
-- scope: a rep who may read only their own records still hands a new one to the member
-- with the fewest. Counts only, of the current tenant; no row leaves the function.
CREATE FUNCTION assignment_open_counts(p_type crm_record_type, p_users uuid[])
RETURNS TABLE (user_id uuid, open bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $fn$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_table text := CASE p_type WHEN 'CONTACT' THEN 'contacts' WHEN 'COMPANY' THEN 'companies' WHEN 'LEAD' THEN 'leads' WHEN 'DEAL' THEN 'deals' WHEN 'TICKET' THEN 'tickets' END;
BEGIN
  IF v_tenant IS NULL OR v_table IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY EXECUTE format(
    'SELECT u.id, (SELECT count(*) FROM %I t LEFT JOIN pipeline_stages s ON s.tenant_id = t.tenant_id AND s.id = t.stage_id
        WHERE t.tenant_id = $1 AND t.owned_by_user_id = u.id AND t.deleted_at IS NULL
          AND (s.stage_state IS NULL OR s.stage_state NOT IN (''DONE_SUCCESS'', ''DONE_FAILED''))) AS open
     FROM unnest($2::uuid[]) AS u(id)', v_table)
    USING v_tenant, p_users;
END
$fn$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION assignment_open_counts(crm_record_type, uuid[]) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION assignment_open_counts(crm_record_type, uuid[]) TO stageline_app;--> statement-breakpoint
-- "Rescore all" (lib/scoring/tasks.ts): a run's row queues its job in the same
-- transaction, as executions do (0010); the app role cannot reach the queue's schema.
CREATE FUNCTION enqueue_lead_rescore() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'rescore_leads',
    json_build_object('tenantId', NEW.tenant_id, 'runId', NEW.id),
    job_key := 'rescore-leads:' || NEW.tenant_id::text,
    max_attempts := 5);
  RETURN NEW;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_lead_rescore() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER lead_rescore_runs_enqueue AFTER INSERT ON lead_rescore_runs
  FOR EACH ROW EXECUTE FUNCTION enqueue_lead_rescore();
