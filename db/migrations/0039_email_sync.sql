CREATE TABLE "email_sync_runs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"fetched" integer DEFAULT 0 NOT NULL,
	"matched" integer DEFAULT 0 NOT NULL,
	"skipped_no_contact" integer DEFAULT 0 NOT NULL,
	"skipped_excluded" integer DEFAULT 0 NOT NULL,
	"skipped_duplicate" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "email_sync_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "email_sync_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"sync_days" integer DEFAULT 30 NOT NULL,
	"private_sharing" text DEFAULT 'FULL' NOT NULL,
	"excluded_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_sync_settings_days_check" CHECK ("email_sync_settings"."sync_days" between 1 and 3650),
	CONSTRAINT "email_sync_settings_sharing_check" CHECK ("email_sync_settings"."private_sharing" in ('FULL', 'SUBJECT', 'NONE'))
);
--> statement-breakpoint
CREATE TABLE "mailbox_folders" (
	"tenant_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"path" text NOT NULL,
	"role" text NOT NULL,
	"uid_validity" bigint NOT NULL,
	"last_uid" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailbox_folders_tenant_id_mailbox_id_path_pk" PRIMARY KEY("tenant_id","mailbox_id","path"),
	CONSTRAINT "mailbox_folders_role_check" CHECK ("mailbox_folders"."role" in ('INBOX', 'SENT'))
);
--> statement-breakpoint
CREATE TABLE "mailbox_sync_states" (
	"tenant_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"since" timestamp with time zone,
	"error" text,
	"last_synced_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailbox_sync_states_tenant_id_mailbox_id_pk" PRIMARY KEY("tenant_id","mailbox_id"),
	CONSTRAINT "mailbox_sync_states_status_check" CHECK ("mailbox_sync_states"."status" in ('ACTIVE', 'PAUSED'))
);
--> statement-breakpoint
CREATE TABLE "synced_emails" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"folder" text NOT NULL,
	"uid" bigint NOT NULL,
	"direction" text NOT NULL,
	"message_id" text NOT NULL,
	"in_reply_to" text,
	"references" text[] DEFAULT '{}'::text[] NOT NULL,
	"thread_id" text NOT NULL,
	"from_address" text NOT NULL,
	"from_name" text,
	"to_addresses" text[] NOT NULL,
	"cc_addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"body_html" text,
	"has_remote_images" boolean DEFAULT false NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"truncated" boolean DEFAULT false NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"activity_id" uuid NOT NULL,
	"record_type" "crm_record_type" NOT NULL,
	"record_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "synced_emails_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "replied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "bounced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "bounce_reason" text;--> statement-breakpoint
ALTER TABLE "email_sync_runs" ADD CONSTRAINT "email_sync_runs_mailbox_fk" FOREIGN KEY ("tenant_id","mailbox_id") REFERENCES "public"."mailboxes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_sync_settings" ADD CONSTRAINT "email_sync_settings_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_folders" ADD CONSTRAINT "mailbox_folders_mailbox_fk" FOREIGN KEY ("tenant_id","mailbox_id") REFERENCES "public"."mailboxes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_sync_states" ADD CONSTRAINT "mailbox_sync_states_mailbox_fk" FOREIGN KEY ("tenant_id","mailbox_id") REFERENCES "public"."mailboxes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synced_emails" ADD CONSTRAINT "synced_emails_mailbox_fk" FOREIGN KEY ("tenant_id","mailbox_id") REFERENCES "public"."mailboxes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synced_emails" ADD CONSTRAINT "synced_emails_activity_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."activities"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_sync_runs_mailbox_idx" ON "email_sync_runs" USING btree ("tenant_id","mailbox_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "synced_emails_message_uq" ON "synced_emails" USING btree ("tenant_id","mailbox_id","message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "synced_emails_activity_uq" ON "synced_emails" USING btree ("tenant_id","activity_id");--> statement-breakpoint
CREATE INDEX "synced_emails_message_id_idx" ON "synced_emails" USING btree ("tenant_id","message_id");--> statement-breakpoint
CREATE INDEX "synced_emails_thread_idx" ON "synced_emails" USING btree ("tenant_id","thread_id");--> statement-breakpoint
CREATE INDEX "email_messages_message_id_idx" ON "email_messages" USING btree ("tenant_id","message_id");--> statement-breakpoint
-- Tenant isolation, as 0002 does for every tenant table.
ALTER TABLE "email_sync_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "email_sync_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "email_sync_settings"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "mailbox_sync_states" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mailbox_sync_states" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "mailbox_sync_states"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "mailbox_folders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mailbox_folders" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "mailbox_folders"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "email_sync_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "email_sync_runs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "email_sync_runs"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "synced_emails" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "synced_emails" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "synced_emails"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- A synced email follows its record's visibility, as email_messages does (migration email).
CREATE POLICY access_child_read ON synced_emails AS RESTRICTIVE FOR SELECT USING (
  ARRAY[record_type] <@ (SELECT access_all_types(false)) OR CASE record_type
    WHEN 'CONTACT' THEN EXISTS (SELECT 1 FROM contacts p WHERE p.tenant_id = synced_emails.tenant_id AND p.id = synced_emails.record_id AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('CONTACT', false)), true))
    WHEN 'COMPANY' THEN EXISTS (SELECT 1 FROM companies p WHERE p.tenant_id = synced_emails.tenant_id AND p.id = synced_emails.record_id AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('COMPANY', false)), true))
    WHEN 'LEAD' THEN EXISTS (SELECT 1 FROM leads p WHERE p.tenant_id = synced_emails.tenant_id AND p.id = synced_emails.record_id AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('LEAD', false)), true))
    WHEN 'DEAL' THEN EXISTS (SELECT 1 FROM deals p WHERE p.tenant_id = synced_emails.tenant_id AND p.id = synced_emails.record_id AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id, p.assigned_user_id, p.assigned_group_id] && (SELECT access_scope_ids('DEAL', false)), true))
    WHEN 'TICKET' THEN EXISTS (SELECT 1 FROM tickets p WHERE p.tenant_id = synced_emails.tenant_id AND p.id = synced_emails.record_id AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id, p.assigned_user_id, p.assigned_group_id] && (SELECT access_scope_ids('TICKET', false)), true))
    ELSE true END
);--> statement-breakpoint
-- "Sync now" and the minute's sweep queue a mailbox's sync job, one at a time per mailbox
-- (its job key). The app role cannot reach the job queue's schema, hence SECURITY DEFINER.
CREATE FUNCTION enqueue_mailbox_sync(p_tenant uuid, p_mailbox uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF p_tenant IS DISTINCT FROM nullif(current_setting('app.tenant_id', true), '')::uuid THEN
    RAISE EXCEPTION 'enqueue_mailbox_sync: not this tenant';
  END IF;
  PERFORM graphile_worker.add_job(
    'sync_mailbox',
    json_build_object('tenantId', p_tenant, 'mailboxId', p_mailbox),
    job_key := 'mailbox-sync:' || p_mailbox::text,
    job_key_mode := 'preserve_run_at',
    max_attempts := 1);
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_mailbox_sync(uuid, uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION enqueue_mailbox_sync(uuid, uuid) TO stageline_app;
