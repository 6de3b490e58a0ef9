-- Tenant isolation, roles and the outbox trigger. Runs as the owner of the tables.

-- The role the app connects as: it owns nothing and cannot bypass RLS.
-- scripts/migrate gives it LOGIN and a password.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'stageline_app') THEN
    CREATE ROLE stageline_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO stageline_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO stageline_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO stageline_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO stageline_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO stageline_app;
--> statement-breakpoint
-- Every table with a tenant_id: RLS enabled and forced, one policy on app.tenant_id.
-- Later migrations that add a tenant table must do the same (the catalog test checks).
DO $$
DECLARE t record;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind = 'r'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.relname);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid) WITH CHECK (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)',
      t.relname);
  END LOOP;
END $$;
--> statement-breakpoint
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tenants
  USING (id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- Reordering swaps display_order values inside one transaction, so these are deferrable.
ALTER TABLE pipelines ADD CONSTRAINT pipelines_display_order_key
  UNIQUE (tenant_id, object_type, display_order) DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE pipeline_stages ADD CONSTRAINT pipeline_stages_display_order_key
  UNIQUE (tenant_id, pipeline_id, display_order) DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
-- Look-ups that happen before the tenant is known (sign-in, API key, invitation).
-- SECURITY DEFINER so they can read across tenants, returning only what auth needs.
CREATE FUNCTION auth_memberships(p_user_id uuid)
RETURNS TABLE (tenant_id uuid, tenant_name text, role tenant_role, is_active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT tu.tenant_id, t.name, tu.role, tu.is_active
  FROM tenant_users tu JOIN tenants t ON t.id = tu.tenant_id
  WHERE tu.user_id = p_user_id
  ORDER BY tu.created_at
$$;
--> statement-breakpoint
CREATE FUNCTION auth_api_key(p_key_hash text)
RETURNS TABLE (tenant_id uuid, api_key_id uuid, role tenant_role)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT k.tenant_id, k.id, k.role FROM api_keys k
  WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
$$;
--> statement-breakpoint
CREATE FUNCTION auth_invitation(p_token_hash text)
RETURNS TABLE (tenant_id uuid, invitation_id uuid, email text, role tenant_role, expires_at timestamptz, accepted_at timestamptz, tenant_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT i.tenant_id, i.id, i.email, i.role, i.expires_at, i.accepted_at, t.name
  FROM invitations i JOIN tenants t ON t.id = i.tenant_id
  WHERE i.token_hash = p_token_hash
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION auth_memberships(uuid), auth_api_key(text), auth_invitation(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION auth_memberships(uuid), auth_api_key(text), auth_invitation(text) TO stageline_app;
--> statement-breakpoint
-- The outbox hand-off: a committed event row always has its dispatch job (same
-- transaction), and live views hear about it on commit through NOTIFY.
CREATE FUNCTION enqueue_domain_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'dispatch_event',
    json_build_object('tenantId', NEW.tenant_id, 'eventId', NEW.id),
    job_key := 'event:' || NEW.id::text,
    max_attempts := 25);
  PERFORM pg_notify('stageline_events', json_build_object(
    'tenantId', NEW.tenant_id, 'eventId', NEW.id, 'type', NEW.event_type,
    'entityType', NEW.entity_type, 'entityId', NEW.entity_id)::text);
  RETURN NEW;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_domain_event() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER domain_events_enqueue AFTER INSERT ON domain_events
  FOR EACH ROW EXECUTE FUNCTION enqueue_domain_event();
