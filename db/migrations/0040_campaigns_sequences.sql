CREATE TABLE "campaign_recipients" (
	"tenant_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"email" text NOT NULL,
	"variant" text DEFAULT 'A' NOT NULL,
	"state" text DEFAULT 'QUEUED' NOT NULL,
	"reason" text,
	"email_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_recipients_tenant_id_campaign_id_contact_id_pk" PRIMARY KEY("tenant_id","campaign_id","contact_id"),
	CONSTRAINT "campaign_recipients_state_check" CHECK ("campaign_recipients"."state" in ('QUEUED', 'SUPPRESSED', 'EMAILED')),
	CONSTRAINT "campaign_recipients_variant_check" CHECK ("campaign_recipients"."variant" in ('A', 'B'))
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"category" text DEFAULT 'MARKETING' NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"list_id" uuid NOT NULL,
	"template_id" uuid,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"subject_b" text,
	"split_percent" integer DEFAULT 0 NOT NULL,
	"track" boolean DEFAULT true NOT NULL,
	"scheduled_at" timestamp with time zone,
	"next_batch_at" timestamp with time zone,
	"public_origin" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "campaigns_category_check" CHECK ("campaigns"."category" in ('MARKETING', 'PRODUCT_UPDATES', 'NEWSLETTER')),
	CONSTRAINT "campaigns_status_check" CHECK ("campaigns"."status" in ('DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED')),
	CONSTRAINT "campaigns_split_check" CHECK ("campaigns"."split_percent" between 0 and 100 and ("campaigns"."subject_b" is not null or "campaigns"."split_percent" = 0))
);
--> statement-breakpoint
CREATE TABLE "contact_email_preferences" (
	"tenant_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"marketing_emails" boolean DEFAULT true NOT NULL,
	"product_updates" boolean DEFAULT true NOT NULL,
	"newsletter" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_email_preferences_tenant_id_contact_id_pk" PRIMARY KEY("tenant_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "email_send_settings" (
	"tenant_id" uuid NOT NULL,
	"window_enabled" boolean DEFAULT false NOT NULL,
	"window_days" smallint[] DEFAULT '{1,2,3,4,5}'::smallint[] NOT NULL,
	"window_start_minute" integer DEFAULT 480 NOT NULL,
	"window_end_minute" integer DEFAULT 1080 NOT NULL,
	"hourly_limit" integer DEFAULT 200 NOT NULL,
	"batch_size" integer DEFAULT 50 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_send_settings_tenant_id_pk" PRIMARY KEY("tenant_id"),
	CONSTRAINT "email_send_settings_window_check" CHECK ("email_send_settings"."window_start_minute" between 0 and 1439 and "email_send_settings"."window_end_minute" between 1 and 1440 and "email_send_settings"."window_start_minute" < "email_send_settings"."window_end_minute"),
	CONSTRAINT "email_send_settings_limits_check" CHECK ("email_send_settings"."hourly_limit" between 1 and 100000 and "email_send_settings"."batch_size" between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "email_suppressions" (
	"tenant_id" uuid NOT NULL,
	"email_hash" text NOT NULL,
	"reason" text NOT NULL,
	"email" text,
	"source_email_id" uuid,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_suppressions_tenant_id_email_hash_reason_pk" PRIMARY KEY("tenant_id","email_hash","reason"),
	CONSTRAINT "email_suppressions_reason_check" CHECK ("email_suppressions"."reason" in ('UNSUBSCRIBED', 'BOUNCED', 'COMPLAINED', 'ERASED'))
);
--> statement-breakpoint
CREATE TABLE "sequence_enrollments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"sequence_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"next_step" integer DEFAULT 0 NOT NULL,
	"next_run_at" timestamp with time zone,
	"stop_reason" text,
	"stopped_after_step" integer,
	"source" text DEFAULT 'MANUAL' NOT NULL,
	"public_origin" text,
	"enrolled_by_user_id" uuid,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "sequence_enrollments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sequence_enrollments_status_check" CHECK ("sequence_enrollments"."status" in ('ACTIVE', 'COMPLETED', 'STOPPED')),
	CONSTRAINT "sequence_enrollments_reason_check" CHECK ("sequence_enrollments"."stop_reason" is null or "sequence_enrollments"."stop_reason" in ('REPLIED', 'BOUNCED', 'UNSUBSCRIBED', 'STAGE_CHANGED', 'MANUAL', 'SUPPRESSED', 'NO_EMAIL')),
	CONSTRAINT "sequence_enrollments_source_check" CHECK ("sequence_enrollments"."source" in ('MANUAL', 'LIST', 'AUTOMATION', 'API'))
);
--> statement-breakpoint
CREATE TABLE "sequence_steps" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"sequence_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"delay_days" integer DEFAULT 0 NOT NULL,
	"delay_hours" integer DEFAULT 0 NOT NULL,
	"subject" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sequence_steps_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sequence_steps_kind_check" CHECK ("sequence_steps"."kind" in ('EMAIL', 'TASK')),
	CONSTRAINT "sequence_steps_delay_check" CHECK ("sequence_steps"."delay_days" between 0 and 365 and "sequence_steps"."delay_hours" between 0 and 23)
);
--> statement-breakpoint
CREATE TABLE "sequences" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"stop_on_stage_states" text[] DEFAULT '{DONE_SUCCESS,DONE_FAILED}'::text[] NOT NULL,
	"track" boolean DEFAULT true NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sequences_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "scheduled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "list_unsubscribe_url" text;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "sequence_enrollment_id" uuid;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "sequence_step_id" uuid;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD CONSTRAINT "campaign_recipients_campaign_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "public"."campaigns"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD CONSTRAINT "campaign_recipients_contact_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD CONSTRAINT "campaign_recipients_email_fk" FOREIGN KEY ("tenant_id","email_id") REFERENCES "public"."email_messages"("tenant_id","id") ON DELETE SET NULL ("email_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_mailbox_fk" FOREIGN KEY ("tenant_id","mailbox_id") REFERENCES "public"."mailboxes"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_list_fk" FOREIGN KEY ("tenant_id","list_id") REFERENCES "public"."lists"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_template_fk" FOREIGN KEY ("tenant_id","template_id") REFERENCES "public"."email_templates"("tenant_id","id") ON DELETE SET NULL ("template_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_email_preferences" ADD CONSTRAINT "contact_email_preferences_contact_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_send_settings" ADD CONSTRAINT "email_send_settings_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_suppressions" ADD CONSTRAINT "email_suppressions_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_enrollments" ADD CONSTRAINT "sequence_enrollments_sequence_fk" FOREIGN KEY ("tenant_id","sequence_id") REFERENCES "public"."sequences"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_enrollments" ADD CONSTRAINT "sequence_enrollments_contact_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_enrollments" ADD CONSTRAINT "sequence_enrollments_enrolled_by_fk" FOREIGN KEY ("tenant_id","enrolled_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_steps" ADD CONSTRAINT "sequence_steps_sequence_fk" FOREIGN KEY ("tenant_id","sequence_id") REFERENCES "public"."sequences"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequences" ADD CONSTRAINT "sequences_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequences" ADD CONSTRAINT "sequences_mailbox_fk" FOREIGN KEY ("tenant_id","mailbox_id") REFERENCES "public"."mailboxes"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequences" ADD CONSTRAINT "sequences_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_recipients_address_uq" ON "campaign_recipients" USING btree ("tenant_id","campaign_id",lower("email"));--> statement-breakpoint
CREATE INDEX "campaign_recipients_state_idx" ON "campaign_recipients" USING btree ("tenant_id","campaign_id","state");--> statement-breakpoint
CREATE INDEX "campaign_recipients_contact_idx" ON "campaign_recipients" USING btree ("tenant_id","contact_id");--> statement-breakpoint
CREATE INDEX "campaign_recipients_email_idx" ON "campaign_recipients" USING btree ("tenant_id","email_id");--> statement-breakpoint
CREATE INDEX "campaigns_created_idx" ON "campaigns" USING btree ("tenant_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "campaigns_mailbox_idx" ON "campaigns" USING btree ("tenant_id","mailbox_id");--> statement-breakpoint
CREATE INDEX "campaigns_list_idx" ON "campaigns" USING btree ("tenant_id","list_id");--> statement-breakpoint
CREATE INDEX "campaigns_template_idx" ON "campaigns" USING btree ("tenant_id","template_id");--> statement-breakpoint
CREATE INDEX "campaigns_created_by_idx" ON "campaigns" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE INDEX "email_suppressions_source_idx" ON "email_suppressions" USING btree ("tenant_id","source_email_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sequence_enrollments_active_uq" ON "sequence_enrollments" USING btree ("tenant_id","sequence_id","contact_id") WHERE "sequence_enrollments"."status" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "sequence_enrollments_contact_idx" ON "sequence_enrollments" USING btree ("tenant_id","contact_id","status");--> statement-breakpoint
CREATE INDEX "sequence_enrollments_sequence_idx" ON "sequence_enrollments" USING btree ("tenant_id","sequence_id","enrolled_at");--> statement-breakpoint
CREATE INDEX "sequence_enrollments_enrolled_by_idx" ON "sequence_enrollments" USING btree ("tenant_id","enrolled_by_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sequence_steps_position_uq" ON "sequence_steps" USING btree ("tenant_id","sequence_id","position");--> statement-breakpoint
CREATE INDEX "sequences_mailbox_idx" ON "sequences" USING btree ("tenant_id","mailbox_id");--> statement-breakpoint
CREATE INDEX "sequences_created_by_idx" ON "sequences" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sequences_name_uq" ON "sequences" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "email_messages_campaign_idx" ON "email_messages" USING btree ("tenant_id","campaign_id") WHERE "email_messages"."campaign_id" is not null;--> statement-breakpoint
CREATE INDEX "email_messages_sequence_step_idx" ON "email_messages" USING btree ("tenant_id","sequence_step_id") WHERE "email_messages"."sequence_step_id" is not null;--> statement-breakpoint
CREATE INDEX "email_messages_sequence_enrollment_idx" ON "email_messages" USING btree ("tenant_id","sequence_enrollment_id") WHERE "email_messages"."sequence_enrollment_id" is not null;--> statement-breakpoint
CREATE INDEX "email_messages_mailbox_recent_idx" ON "email_messages" USING btree ("tenant_id","mailbox_id","created_at");--> statement-breakpoint
-- Tenant isolation, as 0002 does for every tenant table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['email_send_settings', 'email_suppressions', 'contact_email_preferences', 'campaigns', 'campaign_recipients', 'sequences', 'sequence_steps', 'sequence_enrollments'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
      USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
      WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;--> statement-breakpoint
-- A campaign's recipients and a sequence's enrollments follow their contact's visibility
-- (as email_messages follow their record's, migration email): a rep who may not see a
-- contact sees neither its address on a campaign nor its enrollment.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['campaign_recipients', 'sequence_enrollments'] LOOP
    EXECUTE format($p$CREATE POLICY access_child_read ON %1$I AS RESTRICTIVE FOR SELECT USING (
      ARRAY['CONTACT'::crm_record_type] <@ (SELECT access_all_types(false))
      OR EXISTS (SELECT 1 FROM contacts p WHERE p.tenant_id = %1$I.tenant_id AND p.id = %1$I.contact_id
        AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('CONTACT', false)), true)))$p$, t);
  END LOOP;
END $$;--> statement-breakpoint
-- The addresses of contacts already erased join the suppression list (hash only, as erased_emails keeps them).
INSERT INTO email_suppressions (tenant_id, email_hash, reason, created_at)
  SELECT tenant_id, email_hash, 'ERASED', erased_at FROM erased_emails ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Send later: a queued email's job runs at its scheduled time (graphile-worker's run_at).
CREATE OR REPLACE FUNCTION enqueue_email_send() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'send_email',
    json_build_object('tenantId', NEW.tenant_id, 'emailId', NEW.id),
    run_at := greatest(coalesce(NEW.scheduled_at, now()), now()),
    job_key := 'email:' || NEW.id::text,
    max_attempts := 5);
  RETURN NEW;
END $$;--> statement-breakpoint
-- A campaign's next batch and an enrollment's next step are jobs at a time: setting the
-- time (re)queues the one job of that row (its job_key), so a row never has two.
CREATE FUNCTION enqueue_campaign_batch() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'campaign_batch',
    json_build_object('tenantId', NEW.tenant_id, 'campaignId', NEW.id),
    run_at := greatest(NEW.next_batch_at, now()),
    job_key := 'campaign:' || NEW.id::text,
    max_attempts := 10);
  RETURN NEW;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_campaign_batch() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER campaigns_enqueue AFTER INSERT OR UPDATE OF next_batch_at ON "campaigns"
  FOR EACH ROW WHEN (NEW.next_batch_at IS NOT NULL) EXECUTE FUNCTION enqueue_campaign_batch();--> statement-breakpoint
CREATE FUNCTION enqueue_sequence_step() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'sequence_step',
    json_build_object('tenantId', NEW.tenant_id, 'enrollmentId', NEW.id),
    run_at := greatest(NEW.next_run_at, now()),
    job_key := 'enrollment:' || NEW.id::text,
    max_attempts := 10);
  RETURN NEW;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_sequence_step() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER sequence_enrollments_enqueue AFTER INSERT OR UPDATE OF next_run_at ON "sequence_enrollments"
  FOR EACH ROW WHEN (NEW.status = 'ACTIVE' AND NEW.next_run_at IS NOT NULL) EXECUTE FUNCTION enqueue_sequence_step();
