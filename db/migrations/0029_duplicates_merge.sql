-- Duplicate keys (API.md "Duplicates and merge"): what two records must share to be
-- likely duplicates. IMMUTABLE single-expression SQL functions, so generated columns can use them. lib/duplicates/rules.ts is the same
-- rules in TypeScript (a test compares the two on the same inputs). Each record table
-- stores its keys in generated columns (dup_*), indexed below: a lookup by a stored column
-- is an index condition under row level security, where one by an expression is not
-- (these functions are not LEAKPROOF).
-- An email: trimmed, case ignored; none without an "@".
CREATE FUNCTION dup_email_key(p_email text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN strpos(p_email, '@') > 1 THEN lower(btrim(p_email)) END
$$;--> statement-breakpoint
-- A phone: its digits only, the last 9 (so "+1 (555) 010-2030" and "555.010.2030" match); none with fewer than 9 digits.
CREATE FUNCTION dup_phone_key(p_phone text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN length(regexp_replace(p_phone, '\D', '', 'g')) >= 9 THEN right(regexp_replace(p_phone, '\D', '', 'g'), 9) END
$$;--> statement-breakpoint
-- A person's full name: trimmed, single-spaced, case ignored; none when empty.
CREATE FUNCTION dup_name_key(p_first text, p_last text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT nullif(lower(regexp_replace(btrim(coalesce(p_first, '') || ' ' || coalesce(p_last, '')), '\s+', ' ', 'g')), '')
$$;--> statement-breakpoint
-- A company name: case, spacing and punctuation ignored, and trailing legal suffixes
-- (Inc, LLC, Ltd, GmbH, Corp, Co, PLC, AG, SA, BV...), so "Acme, Inc." = "ACME" = "A.C.M.E. GmbH".
CREATE FUNCTION dup_company_key(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT nullif(replace(regexp_replace(
    btrim(regexp_replace(lower(p_name), '[[:space:][:punct:]]+', ' ', 'g')),
    '( (inc|incorporated|llc|l l c|ltd|limited|gmbh|corp|corporation|co|company|plc|ag|sa|sas|sarl|bv|nv|srl|spa|pty|oy|ab|kg|lp|llp))+$', ''), ' ', ''), '')
$$;--> statement-breakpoint
-- A domain (or a website's host): no scheme, no "www.", no path or port, case ignored.
CREATE FUNCTION dup_domain_key(p_domain text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT nullif(rtrim(regexp_replace(regexp_replace(regexp_replace(lower(btrim(p_domain)), '^[a-z][a-z0-9+.-]*://', ''), '^www\.', ''), '[/:?#].*$', ''), '.'), '')
$$;--> statement-breakpoint
CREATE TABLE "duplicate_dismissals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_type" "crm_record_type" NOT NULL,
	"record_ids" uuid[] NOT NULL,
	"dismissed_by_user_id" uuid,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duplicate_dismissals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "record_merges" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_type" "crm_record_type" NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"merged_by_user_id" uuid,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "record_merges_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "dup_domain" text GENERATED ALWAYS AS (dup_domain_key(coalesce(domain, website))) STORED;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "dup_name" text GENERATED ALWAYS AS (dup_company_key(name)) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "dup_email" text GENERATED ALWAYS AS (dup_email_key(email)) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "dup_phone" text GENERATED ALWAYS AS (dup_phone_key(phone)) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "dup_mobile" text GENERATED ALWAYS AS (dup_phone_key(mobile_phone)) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "dup_name" text GENERATED ALWAYS AS (dup_name_key(first_name, last_name)) STORED;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "dup_email" text GENERATED ALWAYS AS (dup_email_key(email)) STORED;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "dup_phone" text GENERATED ALWAYS AS (dup_phone_key(phone)) STORED;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "dup_company" text GENERATED ALWAYS AS (dup_company_key(company_name)) STORED;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "dup_name" text GENERATED ALWAYS AS (dup_name_key(first_name, last_name)) STORED;--> statement-breakpoint
ALTER TABLE "duplicate_dismissals" ADD CONSTRAINT "duplicate_dismissals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_dismissals" ADD CONSTRAINT "duplicate_dismissals_user_fk" FOREIGN KEY ("tenant_id","dismissed_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_merges" ADD CONSTRAINT "record_merges_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_merges" ADD CONSTRAINT "record_merges_user_fk" FOREIGN KEY ("tenant_id","merged_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "duplicate_dismissals_key" ON "duplicate_dismissals" USING btree ("tenant_id","record_type","record_ids");--> statement-breakpoint
CREATE INDEX "duplicate_dismissals_user_idx" ON "duplicate_dismissals" USING btree ("tenant_id","dismissed_by_user_id");--> statement-breakpoint
CREATE INDEX "record_merges_survivor_idx" ON "record_merges" USING btree ("tenant_id","record_type","survivor_id","merged_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "record_merges_merged_idx" ON "record_merges" USING btree ("tenant_id","record_type","merged_id");--> statement-breakpoint
CREATE INDEX "record_merges_user_idx" ON "record_merges" USING btree ("tenant_id","merged_by_user_id");--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_merged_into_fk" FOREIGN KEY ("tenant_id","merged_into_id") REFERENCES "public"."companies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_merged_into_fk" FOREIGN KEY ("tenant_id","merged_into_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_merged_into_fk" FOREIGN KEY ("tenant_id","merged_into_id") REFERENCES "public"."leads"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "companies_merged_into_idx" ON "companies" USING btree ("tenant_id","merged_into_id");--> statement-breakpoint
CREATE INDEX "companies_dup_domain_idx" ON "companies" USING btree ("tenant_id","dup_domain") WHERE "companies"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "companies_dup_name_idx" ON "companies" USING btree ("tenant_id","dup_name") WHERE "companies"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_merged_into_idx" ON "contacts" USING btree ("tenant_id","merged_into_id");--> statement-breakpoint
CREATE INDEX "contacts_dup_email_idx" ON "contacts" USING btree ("tenant_id","dup_email") WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_dup_phone_idx" ON "contacts" USING btree ("tenant_id","dup_phone") WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_dup_mobile_idx" ON "contacts" USING btree ("tenant_id","dup_mobile") WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_dup_name_idx" ON "contacts" USING btree ("tenant_id","company_id","dup_name") WHERE "contacts"."deleted_at" is null and "contacts"."company_id" is not null;--> statement-breakpoint
CREATE INDEX "leads_merged_into_idx" ON "leads" USING btree ("tenant_id","merged_into_id");--> statement-breakpoint
CREATE INDEX "leads_dup_email_idx" ON "leads" USING btree ("tenant_id","dup_email") WHERE "leads"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "leads_dup_phone_idx" ON "leads" USING btree ("tenant_id","dup_phone") WHERE "leads"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "leads_dup_name_idx" ON "leads" USING btree ("tenant_id","dup_company","dup_name") WHERE "leads"."deleted_at" is null and "leads"."dup_company" is not null;--> statement-breakpoint
-- Tenant isolation, as 0002 does for every tenant table. A survivor's merge history is
-- read only after the survivor itself was read in the same scope (lib/merge/queries.ts).
ALTER TABLE "record_merges" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "record_merges" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "record_merges"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "duplicate_dismissals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "duplicate_dismissals" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "duplicate_dismissals"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- The audit entry of a merge names the merged records (the event's mergedIds); otherwise
-- the function of migration 0023, unchanged.
CREATE OR REPLACE FUNCTION audit_domain_events() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO audit_log (tenant_id, at, actor_user_id, actor_api_key_id, action, record_type, record_id, changes, ip)
  SELECT n.tenant_id, n.occurred_at, n.actor_user_id, nullif(n.payload->'actor'->>'apiKeyId', '')::uuid,
    CASE n.event_type WHEN 'stage.changed' THEN 'record.updated' ELSE n.event_type END,
    n.entity_type, n.entity_id,
    CASE n.event_type
      WHEN 'record.updated' THEN (
        SELECT jsonb_object_agg(k, jsonb_build_array(v->'from', v->'to')) FROM jsonb_each(n.payload->'changes') c(k, v)
        WHERE jsonb_typeof(n.payload->'changes') = 'object')
      WHEN 'stage.changed' THEN jsonb_build_object('stageId', jsonb_build_array(n.payload->'fromStageId', n.payload->'toStageId'))
      WHEN 'record.merged' THEN jsonb_build_object('mergedIds', n.payload->'mergedIds')
    END,
    nullif(current_setting('app.client_ip', true), '')
  FROM new_events n
  WHERE n.event_type IN ('record.created', 'record.updated', 'record.deleted', 'record.merged', 'record.erased', 'stage.changed')
    AND n.entity_type IN ('CONTACT', 'COMPANY', 'DEAL', 'LEAD', 'TICKET')
  ORDER BY n.seq;
  RETURN NULL;
END $$;
