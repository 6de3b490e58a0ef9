-- access_scope_ids once per transaction. Every scoped table a statement reads calls it
-- once (an InitPlan), and a page of a list reads the table twice (ids, then rows), a board
-- more often: for a manager's "team" scope each call was three look-ups (~0.2 ms). The
-- answer now stays in a transaction-local setting, stamped with the tenant, user and role
-- it was computed for; writes to what it is computed from (access policies, groups and
-- their members) clear it, so a transaction that changes them and reads again gets the
-- new answer. Transactions never share it (set_config(..., true) ends with them).
CREATE OR REPLACE FUNCTION access_scope_ids(p_type crm_record_type, p_write boolean)
RETURNS uuid[]
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public
SET plan_cache_mode = 'auto'
AS $fn$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_user uuid := nullif(current_setting('app.user_id', true), '')::uuid;
  v_role text := coalesce(nullif(current_setting('app.actor_role', true), ''), 'system');
  v_key text;
  v_stamp text;
  v_cached text;
  v_scope text;
  v_groups uuid[];
  v_managed uuid[];
  v_ids uuid[];
BEGIN
  -- the system (worker, automations, seeds, workspace API keys) and admins see all
  IF v_role IN ('system', 'admin') THEN
    RETURN NULL;
  END IF;
  IF p_write AND v_role = 'readonly' THEN
    RETURN '{}'::uuid[];
  END IF;
  v_key := 'app.scope_' || lower(p_type::text) || CASE WHEN p_write THEN '_w' ELSE '_r' END;
  v_stamp := coalesce(v_tenant::text, '') || '/' || coalesce(v_user::text, '') || '/' || v_role || '|';
  v_cached := current_setting(v_key, true);
  IF v_cached IS NOT NULL AND starts_with(v_cached, v_stamp) THEN
    v_cached := substr(v_cached, length(v_stamp) + 1);
    RETURN CASE WHEN v_cached = 'all' THEN NULL ELSE v_cached::uuid[] END;
  END IF;
  SELECT CASE WHEN p_write THEN ap.write_scope ELSE ap.read_scope END INTO v_scope
  FROM access_policies ap
  WHERE ap.tenant_id = v_tenant AND ap.role = v_role::tenant_role AND ap.record_type = p_type;
  IF v_scope IS NULL OR v_scope = 'all' THEN
    v_ids := NULL;
  ELSIF v_user IS NULL THEN
    v_ids := '{}'::uuid[];
  ELSE
    -- "own": the user and the groups they belong to
    v_groups := array(SELECT m.group_id FROM tenant_group_members m WHERE m.tenant_id = v_tenant AND m.user_id = v_user);
    IF v_scope = 'own' THEN
      v_ids := v_user || v_groups;
    ELSE
      -- "team": also the groups they manage, and every member of those groups and of theirs
      v_managed := array(SELECT g.id FROM tenant_groups g WHERE g.tenant_id = v_tenant AND g.manager_user_id = v_user);
      v_ids := array(
        SELECT v_user
        UNION SELECT unnest(v_groups || v_managed)
        UNION SELECT m.user_id FROM tenant_group_members m
          WHERE m.tenant_id = v_tenant AND m.group_id = ANY (v_groups || v_managed));
    END IF;
  END IF;
  PERFORM set_config(v_key, v_stamp || coalesce(v_ids::text, 'all'), true);
  RETURN v_ids;
END
$fn$;
--> statement-breakpoint
CREATE FUNCTION access_scope_forget()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $fn$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY enum_range(NULL::crm_record_type)::text[] LOOP
    PERFORM set_config('app.scope_' || lower(t) || '_r', '', true);
    PERFORM set_config('app.scope_' || lower(t) || '_w', '', true);
  END LOOP;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER access_scope_forget AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON access_policies FOR EACH STATEMENT EXECUTE FUNCTION access_scope_forget();
--> statement-breakpoint
CREATE TRIGGER access_scope_forget AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tenant_groups FOR EACH STATEMENT EXECUTE FUNCTION access_scope_forget();
--> statement-breakpoint
CREATE TRIGGER access_scope_forget AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tenant_group_members FOR EACH STATEMENT EXECUTE FUNCTION access_scope_forget();
