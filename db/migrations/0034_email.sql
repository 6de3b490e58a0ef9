CREATE TABLE "email_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"link_index" integer,
	"user_agent" text,
	"is_proxy" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "email_events_kind_check" CHECK ("email_events"."kind" in ('OPEN', 'CLICK'))
);
--> statement-breakpoint
CREATE TABLE "email_messages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"record_type" "crm_record_type" NOT NULL,
	"record_id" uuid NOT NULL,
	"from_address" text NOT NULL,
	"to_addresses" text[] NOT NULL,
	"cc_addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"body_html" text NOT NULL,
	"message_id" text NOT NULL,
	"thread_id" text NOT NULL,
	"status" text DEFAULT 'QUEUED' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"tracked" boolean DEFAULT false NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opens" integer DEFAULT 0 NOT NULL,
	"proxy_opens" integer DEFAULT 0 NOT NULL,
	"first_opened_at" timestamp with time zone,
	"last_opened_at" timestamp with time zone,
	"clicks" integer DEFAULT 0 NOT NULL,
	"link_clicks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sent_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_messages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "email_messages_status_check" CHECK ("email_messages"."status" in ('QUEUED', 'SENDING', 'SENT', 'FAILED'))
);
--> statement-breakpoint
CREATE TABLE "email_templates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_templates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "mailboxes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid,
	"email_address" text NOT NULL,
	"display_name" text,
	"smtp_host" text NOT NULL,
	"smtp_port" integer NOT NULL,
	"smtp_security" text NOT NULL,
	"smtp_username" text NOT NULL,
	"smtp_password_enc" text NOT NULL,
	"imap_host" text,
	"imap_port" integer,
	"imap_security" text,
	"imap_username" text,
	"imap_password_enc" text,
	"checked_at" timestamp with time zone,
	"check_error" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailboxes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "mailboxes_smtp_security_check" CHECK ("mailboxes"."smtp_security" in ('TLS', 'STARTTLS', 'NONE')),
	CONSTRAINT "mailboxes_imap_security_check" CHECK ("mailboxes"."imap_security" in ('TLS', 'STARTTLS', 'NONE')),
	CONSTRAINT "mailboxes_ports_check" CHECK ("mailboxes"."smtp_port" between 1 and 65535 and ("mailboxes"."imap_port" is null or "mailboxes"."imap_port" between 1 and 65535))
);
--> statement-breakpoint
ALTER TABLE "email_events" ADD CONSTRAINT "email_events_email_fk" FOREIGN KEY ("tenant_id","email_id") REFERENCES "public"."email_messages"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_mailbox_fk" FOREIGN KEY ("tenant_id","mailbox_id") REFERENCES "public"."mailboxes"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_activity_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."activities"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_templates" ADD CONSTRAINT "email_templates_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_templates" ADD CONSTRAINT "email_templates_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_owner_fk" FOREIGN KEY ("tenant_id","owner_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_events_email_idx" ON "email_events" USING btree ("tenant_id","email_id","at");--> statement-breakpoint
CREATE INDEX "email_messages_mailbox_idx" ON "email_messages" USING btree ("tenant_id","mailbox_id");--> statement-breakpoint
CREATE UNIQUE INDEX "email_messages_activity_uq" ON "email_messages" USING btree ("tenant_id","activity_id");--> statement-breakpoint
CREATE INDEX "email_messages_record_idx" ON "email_messages" USING btree ("tenant_id","record_type","record_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "email_messages_created_by_idx" ON "email_messages" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE INDEX "email_templates_created_by_idx" ON "email_templates" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "email_templates_name_uq" ON "email_templates" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "mailboxes_owner_idx" ON "mailboxes" USING btree ("tenant_id","owner_user_id");--> statement-breakpoint
CREATE INDEX "mailboxes_created_by_idx" ON "mailboxes" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_address_owner_uq" ON "mailboxes" USING btree ("tenant_id",lower("email_address"),coalesce("owner_user_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
-- Tenant isolation, as 0002 does for every tenant table.
ALTER TABLE "mailboxes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mailboxes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "mailboxes"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "email_templates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "email_templates" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "email_templates"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "email_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "email_messages" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "email_messages"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "email_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "email_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "email_events"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- An email sent from a record follows the record's visibility (as migration
-- access_scope_new_children does for activity_links); its events are read only through it.
CREATE POLICY access_child_read ON email_messages AS RESTRICTIVE FOR SELECT USING (
  ARRAY[record_type] <@ (SELECT access_all_types(false)) OR CASE record_type
    WHEN 'CONTACT' THEN EXISTS (SELECT 1 FROM contacts p WHERE p.tenant_id = email_messages.tenant_id AND p.id = email_messages.record_id AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('CONTACT', false)), true))
    WHEN 'COMPANY' THEN EXISTS (SELECT 1 FROM companies p WHERE p.tenant_id = email_messages.tenant_id AND p.id = email_messages.record_id AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('COMPANY', false)), true))
    WHEN 'LEAD' THEN EXISTS (SELECT 1 FROM leads p WHERE p.tenant_id = email_messages.tenant_id AND p.id = email_messages.record_id AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('LEAD', false)), true))
    WHEN 'DEAL' THEN EXISTS (SELECT 1 FROM deals p WHERE p.tenant_id = email_messages.tenant_id AND p.id = email_messages.record_id AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id, p.assigned_user_id, p.assigned_group_id] && (SELECT access_scope_ids('DEAL', false)), true))
    WHEN 'TICKET' THEN EXISTS (SELECT 1 FROM tickets p WHERE p.tenant_id = email_messages.tenant_id AND p.id = email_messages.record_id AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id, p.assigned_user_id, p.assigned_group_id] && (SELECT access_scope_ids('TICKET', false)), true))
    ELSE true END
);--> statement-breakpoint
-- The worker's hand-off, like the imports' (migration imports): a queued email gets its
-- send job in the transaction that wrote it and its activity. graphile-worker retries a
-- failed send with exponential backoff; the last attempt marks it FAILED (lib/email/send.ts).
-- The app role cannot reach the job queue's schema, hence SECURITY DEFINER.
CREATE FUNCTION enqueue_email_send() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'send_email',
    json_build_object('tenantId', NEW.tenant_id, 'emailId', NEW.id),
    job_key := 'email:' || NEW.id::text,
    max_attempts := 5);
  RETURN NEW;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_email_send() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER email_messages_enqueue AFTER INSERT ON "email_messages"
  FOR EACH ROW WHEN (NEW.status = 'QUEUED') EXECUTE FUNCTION enqueue_email_send();
