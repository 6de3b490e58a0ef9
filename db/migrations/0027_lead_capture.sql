CREATE TABLE "activity_links" (
	"tenant_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"record_type" "crm_record_type" NOT NULL,
	"record_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_links_tenant_id_record_type_record_id_activity_id_pk" PRIMARY KEY("tenant_id","record_type","record_id","activity_id")
);
--> statement-breakpoint
CREATE TABLE "web_forms" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"redirect_url" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "web_forms_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "activity_links" ADD CONSTRAINT "activity_links_activity_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."activities"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_forms" ADD CONSTRAINT "web_forms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_forms" ADD CONSTRAINT "web_forms_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_links_activity_idx" ON "activity_links" USING btree ("tenant_id","activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "web_forms_key_key" ON "web_forms" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "web_forms_key_idx" ON "web_forms" USING btree ("key");--> statement-breakpoint
CREATE INDEX "web_forms_created_by_idx" ON "web_forms" USING btree ("tenant_id","created_by_user_id");
-- Tenant isolation, as 0002 does for every tenant table.
ALTER TABLE "activity_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "activity_links" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "activity_links"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "web_forms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "web_forms" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "web_forms"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- A public form post (POST /api/public/forms/{key}, the hosted page /f/{key}) comes
-- without a tenant: this finds the form's tenant and id by its key, and nothing else.
CREATE FUNCTION web_form_by_key(p_key text)
RETURNS TABLE (tenant_id uuid, form_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT f.tenant_id, f.id FROM web_forms f WHERE f.key = p_key LIMIT 1
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION web_form_by_key(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION web_form_by_key(text) TO stageline_app;
