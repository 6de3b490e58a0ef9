CREATE TABLE "audit_log" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_api_key_id" uuid,
	"action" text NOT NULL,
	"record_type" "crm_record_type",
	"record_id" uuid,
	"changes" jsonb,
	"ip" text,
	CONSTRAINT "audit_log_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "audit_log_action_check" CHECK (action in ('auth.sign_in', 'auth.sign_in_failed', 'member.added', 'member.role_changed', 'member.deactivated', 'api_key.created', 'api_key.revoked', 'access_policy.updated', 'export', 'import.started', 'import.undone', 'record.created', 'record.updated', 'record.deleted', 'record.merged', 'record.erased'))
);
--> statement-breakpoint
CREATE TABLE "erased_emails" (
	"tenant_id" uuid NOT NULL,
	"email_hash" text NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "erased_emails_tenant_id_email_hash_pk" PRIMARY KEY("tenant_id","email_hash")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erased_emails" ADD CONSTRAINT "erased_emails_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_seq_idx" ON "audit_log" USING btree ("tenant_id","seq" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_record_idx" ON "audit_log" USING btree ("tenant_id","record_type","record_id","seq" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("tenant_id","actor_user_id","seq" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("tenant_id","action","seq" DESC NULLS LAST);--> statement-breakpoint
-- Tenant isolation, as 0002 does for every tenant table.
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "audit_log"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "erased_emails" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "erased_emails" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "erased_emails"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Append-only: the app appends and reads, nothing else (the default privileges of 0002
-- granted UPDATE and DELETE).
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM stageline_app;--> statement-breakpoint
-- And for everyone, the owner included: no UPDATE or DELETE of an entry. Two exceptions:
-- the cascade of a tenant's own deletion (a DELETE fired by the foreign key's trigger),
-- and audit_scrub_record below, which only replaces the values in `changes`.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND current_setting('app.audit_scrub', true) = 'on'
     AND (NEW.tenant_id, NEW.id, NEW.seq, NEW.at, NEW.actor_user_id, NEW.actor_api_key_id, NEW.action, NEW.record_type, NEW.record_id, NEW.ip)
         IS NOT DISTINCT FROM (OLD.tenant_id, OLD.id, OLD.seq, OLD.at, OLD.actor_user_id, OLD.actor_api_key_id, OLD.action, OLD.record_type, OLD.record_id, OLD.ip) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: an entry cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();--> statement-breakpoint
-- An erase keeps that changes happened, not their values: every value in `changes` of the
-- record's entries becomes "erased" (field names stay). The current tenant's entries only.
CREATE FUNCTION audit_scrub_record(p_record_type crm_record_type, p_record_id uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM set_config('app.audit_scrub', 'on', true);
  UPDATE audit_log a SET changes = (
      SELECT coalesce(jsonb_object_agg(k, CASE WHEN jsonb_typeof(v) = 'array' THEN '["erased","erased"]'::jsonb ELSE '"erased"'::jsonb END), '{}'::jsonb)
      FROM jsonb_each(a.changes) e(k, v))
    WHERE a.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
      AND a.record_type = p_record_type AND a.record_id = p_record_id
      AND a.changes IS NOT NULL AND jsonb_typeof(a.changes) = 'object';
  PERFORM set_config('app.audit_scrub', '', true);
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_scrub_record(crm_record_type, uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_scrub_record(crm_record_type, uuid) TO stageline_app;--> statement-breakpoint
-- Record changes reach the audit from the outbox: every writer of events (the services'
-- emitEvents and the move batch's statement, both through eventRow) appends its entries
-- here, in its own transaction, one INSERT per statement. The address comes from the
-- request (withTenant sets app.client_ip); the actor from the event.
CREATE FUNCTION audit_domain_events() RETURNS trigger
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
    END,
    nullif(current_setting('app.client_ip', true), '')
  FROM new_events n
  WHERE n.event_type IN ('record.created', 'record.updated', 'record.deleted', 'record.merged', 'record.erased', 'stage.changed')
    AND n.entity_type IN ('CONTACT', 'COMPANY', 'DEAL', 'LEAD', 'TICKET')
  ORDER BY n.seq;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER domain_events_audit AFTER INSERT ON domain_events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_domain_events();
