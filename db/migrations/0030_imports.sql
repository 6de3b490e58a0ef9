CREATE TABLE "import_rows" (
	"tenant_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"cells" jsonb NOT NULL,
	"outcome" text,
	"record_id" uuid,
	"error" text,
	"previous" jsonb,
	"written" jsonb,
	"undone" boolean DEFAULT false NOT NULL,
	CONSTRAINT "import_rows_tenant_id_import_id_row_no_pk" PRIMARY KEY("tenant_id","import_id","row_no"),
	CONSTRAINT "import_rows_outcome_check" CHECK (outcome in ('CREATED', 'UPDATED', 'SKIPPED', 'FAILED'))
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"object_type" "crm_record_type" NOT NULL,
	"status" text DEFAULT 'MAPPING' NOT NULL,
	"file_name" text,
	"headers" jsonb NOT NULL,
	"delimiter" text DEFAULT ',' NOT NULL,
	"row_count" integer DEFAULT 0 NOT NULL,
	"mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"mode" text DEFAULT 'CREATE' NOT NULL,
	"match_on" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"list_id" uuid,
	"default_owner_user_id" uuid,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"undone_rows" integer DEFAULT 0 NOT NULL,
	"conflicts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actor" jsonb,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"undone_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	CONSTRAINT "imports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "imports_status_check" CHECK (status in ('MAPPING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'UNDOING', 'UNDONE')),
	CONSTRAINT "imports_mode_check" CHECK (mode in ('CREATE', 'UPDATE', 'UPSERT'))
);
--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_tenant_id_import_id_imports_tenant_id_id_fk" FOREIGN KEY ("tenant_id","import_id") REFERENCES "public"."imports"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_created_idx" ON "imports" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
-- Tenant isolation, as 0002 does for every tenant table.
ALTER TABLE "imports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "imports" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "imports"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "import_rows" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "import_rows" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "import_rows"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- The worker's hand-off, like the automation executions' (0010): an import that becomes
-- QUEUED (start) or UNDOING (undo) gets its job in the same transaction. One job key per
-- import, so a second request replaces a waiting job rather than adding one. The app role
-- cannot reach the job queue's schema, hence SECURITY DEFINER.
CREATE FUNCTION enqueue_import() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET plan_cache_mode = auto AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'run_import',
    json_build_object('tenantId', NEW.tenant_id, 'importId', NEW.id),
    job_key := 'import:' || NEW.id::text,
    max_attempts := 5);
  RETURN NEW;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_import() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER imports_enqueue AFTER UPDATE OF status ON "imports"
  FOR EACH ROW WHEN (NEW.status IN ('QUEUED', 'UNDOING') AND OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION enqueue_import();
--> statement-breakpoint
-- A worker killed mid-import leaves its job locked (graphile-worker frees it only hours
-- later): the imports sweep queues again each RUNNING or UNDOING import whose batches
-- stopped beating. A job key on a locked job adds a new job; rows already written are
-- never written again (each batch writes its rows' outcomes in its own transaction, and
-- holds the import row's lock). Across tenants without reading their data, hence
-- SECURITY DEFINER.
CREATE FUNCTION requeue_stalled_imports(stale interval) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE n integer := 0; r record;
BEGIN
  FOR r IN SELECT tenant_id, id FROM imports
      WHERE status IN ('RUNNING', 'UNDOING', 'QUEUED') AND coalesce(heartbeat_at, started_at, created_at) < now() - stale LOOP
    PERFORM graphile_worker.add_job('run_import', json_build_object('tenantId', r.tenant_id, 'importId', r.id),
      job_key := 'import:' || r.id::text, max_attempts := 5);
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION requeue_stalled_imports(interval) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION requeue_stalled_imports(interval) TO stageline_app;
--> statement-breakpoint
-- An undo's next batch: the rows it has yet to deal with, in file order.
CREATE INDEX import_rows_undo_idx ON import_rows (tenant_id, import_id, row_no) WHERE outcome IN ('CREATED', 'UPDATED') AND NOT undone;
