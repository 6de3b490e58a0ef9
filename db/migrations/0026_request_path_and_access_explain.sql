-- Issue 15, the request path: an app instance keeps what an API key resolves to (tenant,
-- key, role, user) in memory (lib/api/key-cache.ts). Two things keep that cache honest:
-- 1. A change to a key or a membership NOTIFYs 'stageline_auth' with the tenant's id on
--    commit, and every instance drops that tenant's cached keys (eager eviction).
-- 2. The guarantee: withTenant's first statement, which sets the tenant and the actor,
--    also calls api_key_check() for a cached key, in the same round trip and the same
--    snapshot as the request's own queries. A key revoked or a member deactivated (or
--    given another role) a moment ago makes it fail with 28000, and the request is
--    authenticated afresh (a 401 for a revoked key) — so the very next request is refused
--    even on an instance whose NOTIFY has not arrived yet.
CREATE FUNCTION notify_credentials_changed() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  -- identical payloads of one transaction are delivered once
  PERFORM pg_notify('stageline_auth', coalesce(NEW.tenant_id, OLD.tenant_id)::text);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER api_keys_notify_credentials AFTER UPDATE OF revoked_at, role, user_id OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION notify_credentials_changed();
--> statement-breakpoint
CREATE TRIGGER tenant_users_notify_credentials AFTER UPDATE OF role, is_active OR DELETE ON tenant_users
  FOR EACH ROW EXECUTE FUNCTION notify_credentials_changed();
--> statement-breakpoint
-- What auth_api_key() answers for the key, still: not revoked, and (for a key that acts as a
-- member) the member active with the same role. SECURITY DEFINER: it runs in the statement
-- that sets app.tenant_id, before RLS would let the app role read api_keys.
CREATE FUNCTION api_key_check(p_key_id uuid, p_tenant uuid, p_role tenant_role, p_user uuid)
RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $fn$
BEGIN
  PERFORM 1 FROM api_keys k
  LEFT JOIN tenant_users tu ON tu.tenant_id = k.tenant_id AND tu.user_id = k.user_id
  WHERE k.tenant_id = p_tenant AND k.id = p_key_id AND k.revoked_at IS NULL
    AND k.user_id IS NOT DISTINCT FROM p_user
    AND coalesce(tu.role, k.role) = p_role
    AND (k.user_id IS NULL OR tu.is_active);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'stale API key' USING ERRCODE = 'invalid_authorization_specification';
  END IF;
  RETURN true;
END
$fn$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION api_key_check(uuid, uuid, tenant_role, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION api_key_check(uuid, uuid, tenant_role, uuid) TO stageline_app;
--> statement-breakpoint
-- "Why can I see this?" (issue 15 item 5): for one record, every active member of the
-- tenant with the verdict of the very predicate the RLS policies apply — access_scope_ids()
-- evaluated as that member (app.user_id and app.actor_role set to theirs for the call,
-- then restored) against the record's owner and assignee columns — and the ids that
-- matched (the reason). read_ids/write_ids are NULL when the scope is "all". For admins
-- (and the system) only; it runs as the caller, so it sees what they see.
CREATE FUNCTION access_explain(p_type crm_record_type, p_id uuid)
RETURNS TABLE (user_id uuid, role tenant_role, can_read boolean, can_write boolean, read_ids uuid[], write_ids uuid[])
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, public
AS $fn$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_user uuid := nullif(current_setting('app.user_id', true), '');
  v_role text := coalesce(nullif(current_setting('app.actor_role', true), ''), 'system');
  v_cols text;
  v_table text;
  v_owners uuid[];
  v_read uuid[];
  v_write uuid[];
  m record;
BEGIN
  IF v_role NOT IN ('admin', 'system') THEN
    RAISE EXCEPTION 'access_explain: for admins' USING ERRCODE = 'insufficient_privilege';
  END IF;
  v_table := CASE p_type WHEN 'CONTACT' THEN 'contacts' WHEN 'COMPANY' THEN 'companies' WHEN 'LEAD' THEN 'leads' WHEN 'DEAL' THEN 'deals' WHEN 'TICKET' THEN 'tickets' END;
  v_cols := CASE WHEN p_type IN ('DEAL', 'TICKET') THEN 'owned_by_user_id, owned_by_group_id, assigned_user_id, assigned_group_id' ELSE 'owned_by_user_id, owned_by_group_id' END;
  IF v_table IS NULL THEN
    RAISE EXCEPTION 'access_explain: % records have no access policy', p_type USING ERRCODE = 'invalid_parameter_value';
  END IF;
  EXECUTE format('SELECT ARRAY[%s] FROM %I WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL', v_cols, v_table) INTO v_owners USING v_tenant, p_id;
  IF v_owners IS NULL THEN
    RETURN; -- no such record (for the caller)
  END IF;
  FOR m IN SELECT tu.user_id, tu.role FROM tenant_users tu WHERE tu.tenant_id = v_tenant AND tu.is_active ORDER BY tu.user_id LOOP
    PERFORM set_config('app.user_id', m.user_id::text, true), set_config('app.actor_role', m.role::text, true);
    v_read := access_scope_ids(p_type, false);
    v_write := access_scope_ids(p_type, true);
    user_id := m.user_id;
    role := m.role;
    -- the policies' expression: coalesce(ARRAY[owners] && scope, true)
    can_read := coalesce(v_owners && v_read, true);
    can_write := can_read AND coalesce(v_owners && v_write, true);
    read_ids := CASE WHEN v_read IS NULL THEN NULL ELSE array(SELECT unnest(v_owners) INTERSECT SELECT unnest(v_read)) END;
    write_ids := CASE WHEN v_write IS NULL THEN NULL ELSE array(SELECT unnest(v_owners) INTERSECT SELECT unnest(v_write)) END;
    RETURN NEXT;
  END LOOP;
  PERFORM set_config('app.user_id', coalesce(v_user::text, ''), true), set_config('app.actor_role', v_role, true);
END
$fn$;
