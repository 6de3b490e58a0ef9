-- Issue 15, item 3 for the rows that hang off a record (ARCHITECTURE.md, "Access scopes"):
-- activities (and so timelines), stage history, record changes, watchers, notifications,
-- list memberships and their log, the domain events (GET /events' source and the live
-- board), published events and automation executions follow the visibility of their record.
-- A child row of a record out of the actor's read scope does not exist for them; an
-- activity on a record out of their write scope cannot be written (RLS refuses it: 42501,
-- which the services turn into a 403).
--
-- Cost: every policy starts with access_all_types(), STABLE and called in an uncorrelated
-- sub-select (an InitPlan: once per statement), which names the record types whose scope
-- is "all" for the actor — every type for the system (the worker, automations, workspace
-- keys) and admins, and with the default policy for everyone. A row of such a type passes
-- on an array test, without looking at its record; only scoped types pay for a look-up of
-- the record by its primary key, whose scope (access_scope_ids) is again an InitPlan.
-- "readonly never writes" (API.md), now by the database too: its write scope is nothing,
-- whatever its policy row says (access_scope_ids of migration access_scopes, with that rule).
CREATE OR REPLACE FUNCTION access_scope_ids(p_type crm_record_type, p_write boolean)
RETURNS uuid[]
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public
AS $fn$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_user uuid := nullif(current_setting('app.user_id', true), '')::uuid;
  v_role text := coalesce(nullif(current_setting('app.actor_role', true), ''), 'system');
  v_scope text;
  v_groups uuid[];
  v_managed uuid[];
BEGIN
  -- the system (worker, automations, seeds, workspace API keys) and admins see all
  IF v_role IN ('system', 'admin') THEN
    RETURN NULL;
  END IF;
  IF p_write AND v_role = 'readonly' THEN
    RETURN '{}'::uuid[];
  END IF;
  SELECT CASE WHEN p_write THEN ap.write_scope ELSE ap.read_scope END INTO v_scope
  FROM access_policies ap
  WHERE ap.tenant_id = v_tenant AND ap.role = v_role::tenant_role AND ap.record_type = p_type;
  IF v_scope IS NULL OR v_scope = 'all' THEN
    RETURN NULL;
  END IF;
  IF v_user IS NULL THEN
    RETURN '{}'::uuid[];
  END IF;
  -- "own": the user and the groups they belong to
  v_groups := array(SELECT m.group_id FROM tenant_group_members m WHERE m.tenant_id = v_tenant AND m.user_id = v_user);
  IF v_scope = 'own' THEN
    RETURN v_user || v_groups;
  END IF;
  -- "team": also the groups they manage, and every member of those groups and of theirs
  v_managed := array(SELECT g.id FROM tenant_groups g WHERE g.tenant_id = v_tenant AND g.manager_user_id = v_user);
  RETURN array(
    SELECT v_user
    UNION SELECT unnest(v_groups || v_managed)
    UNION SELECT m.user_id FROM tenant_group_members m
      WHERE m.tenant_id = v_tenant AND m.group_id = ANY (v_groups || v_managed));
END
$fn$;
--> statement-breakpoint
CREATE FUNCTION access_all_types(p_write boolean)
RETURNS crm_record_type[]
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public
AS $fn$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_role text := coalesce(nullif(current_setting('app.actor_role', true), ''), 'system');
  v_scoped crm_record_type[];
BEGIN
  IF v_role IN ('system', 'admin') THEN
    RETURN enum_range(NULL::crm_record_type);
  END IF;
  IF p_write AND v_role = 'readonly' THEN
    RETURN '{}'::crm_record_type[];
  END IF;
  v_scoped := array(
    SELECT ap.record_type FROM access_policies ap
    WHERE ap.tenant_id = v_tenant AND ap.role = v_role::tenant_role
      AND (CASE WHEN p_write THEN ap.write_scope ELSE ap.read_scope END) <> 'all');
  -- ACTIVITY (members of activity lists) counts as "all" only when every record type does:
  -- an activity is seen through its record
  RETURN array(
    SELECT t FROM unnest(enum_range(NULL::crm_record_type)) t
    WHERE NOT t = ANY (v_scoped) AND NOT (t = 'ACTIVITY' AND cardinality(v_scoped) > 0));
END
$fn$;
--> statement-breakpoint
-- The list's stored member_count is the whole list's (the member consumers keep it); a
-- service that recounts in a user's transaction would otherwise store what that user sees.
CREATE FUNCTION list_member_total(p_list uuid)
RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $fn$
  SELECT count(*)::int FROM list_memberships m
  WHERE m.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid AND m.list_id = p_list
$fn$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION list_member_total(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION list_member_total(uuid) TO stageline_app;
--> statement-breakpoint
-- A list's member count as the actor sees it: the stored count when the list's type is in
-- their "all" scope (the default: no extra work), else the members their policy lets them
-- read (list_memberships' own policy, below, does the filtering).
CREATE FUNCTION list_member_count_seen(p_list uuid, p_type list_object_type, p_stored integer)
RETURNS integer
LANGUAGE sql STABLE
SET search_path = pg_catalog, public
AS $fn$
  SELECT CASE WHEN ARRAY[p_type::text::crm_record_type] <@ access_all_types(false) THEN p_stored
    ELSE (SELECT count(*)::int FROM list_memberships m
          WHERE m.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid AND m.list_id = p_list) END
$fn$;
--> statement-breakpoint
-- access_child_visible(tbl, type, id, write) is the SQL text of "the record (type, id) of a
-- row of tbl is in the actor's read (or write) scope", for the policies below: a type whose
-- scope is "all" passes at once; otherwise the record is looked up by key, and its owners
-- and assignees compared with access_scope_ids() (the same test as the records' own
-- policies, migration access_scopes). An activity (activity lists) is seen through the
-- activities table, whose own policy applies. Types that are not records (PIPELINE, LIST)
-- pass. A function of text, used only while this migration runs (in pg_temp).
CREATE FUNCTION pg_temp.access_child_visible(p_tbl text, p_type text, p_id text, p_write boolean) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format(
    $q$(ARRAY[%2$s] <@ (SELECT access_all_types(%4$L)) OR CASE %2$s
      WHEN 'CONTACT' THEN EXISTS (SELECT 1 FROM contacts p WHERE p.tenant_id = %1$I.tenant_id AND p.id = %3$s AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('CONTACT', %4$L)), true))
      WHEN 'COMPANY' THEN EXISTS (SELECT 1 FROM companies p WHERE p.tenant_id = %1$I.tenant_id AND p.id = %3$s AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('COMPANY', %4$L)), true))
      WHEN 'LEAD' THEN EXISTS (SELECT 1 FROM leads p WHERE p.tenant_id = %1$I.tenant_id AND p.id = %3$s AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('LEAD', %4$L)), true))
      WHEN 'DEAL' THEN EXISTS (SELECT 1 FROM deals p WHERE p.tenant_id = %1$I.tenant_id AND p.id = %3$s AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id, p.assigned_user_id, p.assigned_group_id] && (SELECT access_scope_ids('DEAL', %4$L)), true))
      WHEN 'TICKET' THEN EXISTS (SELECT 1 FROM tickets p WHERE p.tenant_id = %1$I.tenant_id AND p.id = %3$s AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id, p.assigned_user_id, p.assigned_group_id] && (SELECT access_scope_ids('TICKET', %4$L)), true))
      %5$s
      ELSE true END)$q$,
    p_tbl, p_type, p_id, p_write,
    -- a policy of activities may not read activities (Postgres refuses the recursion)
    CASE WHEN p_tbl = 'activities' THEN '' ELSE format($q$WHEN 'ACTIVITY' THEN EXISTS (SELECT 1 FROM activities p WHERE p.tenant_id = %1$I.tenant_id AND p.id = %2$s)$q$, p_tbl, p_id) END)
$fn$;
--> statement-breakpoint
-- Restrictive policies, ANDed with tenant_isolation. The writers of record_changes,
-- stage_history, domain_events and notifications write them after the record's own write
-- passed its scope (or as the system), so their inserts are not checked again; reading
-- them is. A row with no record (a task on nothing, a workspace event) is the tenant's.
DO $$
DECLARE
  t record;
  v_read text;
  v_write text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('activities', 'record_type', 'record_id', true),
    ('record_changes', 'record_type', 'record_id', false),
    ('stage_history', 'entity_type', 'entity_id', false),
    ('record_watchers', 'record_type', 'record_id', false),
    ('notifications', 'record_type', 'record_id', false),
    ('domain_events', 'entity_type', 'entity_id', false),
    ('published_events', 'entity_type', 'entity_id', false),
    ('automation_action_executions', 'entity_type', 'entity_id', false),
    ('list_memberships', 'member_type::text::crm_record_type', 'member_id', false)
  ) AS v(tbl, type_expr, id_expr, writes_checked) LOOP
    v_read := pg_temp.access_child_visible(t.tbl, t.type_expr, t.id_expr, false);
    v_write := pg_temp.access_child_visible(t.tbl, t.type_expr, t.id_expr, true);
    IF t.tbl IN ('activities', 'notifications', 'domain_events') THEN
      v_read := format('(%s IS NULL OR %s)', t.id_expr, v_read);
      v_write := format('(%s IS NULL OR %s)', t.id_expr, v_write);
    END IF;
    EXECUTE format('CREATE POLICY access_child_read ON %I AS RESTRICTIVE FOR SELECT USING %s', t.tbl, v_read);
    IF t.writes_checked THEN
      -- an activity is part of its record: logging, editing or deleting one is a write of the record
      EXECUTE format('CREATE POLICY access_child_insert ON %I AS RESTRICTIVE FOR INSERT WITH CHECK %s', t.tbl, v_write);
      EXECUTE format('CREATE POLICY access_child_update ON %I AS RESTRICTIVE FOR UPDATE USING %s WITH CHECK %s', t.tbl, v_write, v_write);
      EXECUTE format('CREATE POLICY access_child_delete ON %I AS RESTRICTIVE FOR DELETE USING %s', t.tbl, v_write);
    ELSIF t.tbl IN ('record_watchers', 'list_memberships') THEN
      -- following a record or putting it on a list needs only to see it (a 404 otherwise)
      EXECUTE format('CREATE POLICY access_child_insert ON %I AS RESTRICTIVE FOR INSERT WITH CHECK %s', t.tbl, v_read);
      EXECUTE format('CREATE POLICY access_child_delete ON %I AS RESTRICTIVE FOR DELETE USING %s', t.tbl, v_read);
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint
-- A list's join/leave log: its members are of the list's type
CREATE POLICY access_child_read ON list_membership_log AS RESTRICTIVE FOR SELECT USING (
  ARRAY['ACTIVITY'::crm_record_type] <@ (SELECT access_all_types(false))
  OR EXISTS (SELECT 1 FROM lists l WHERE l.tenant_id = list_membership_log.tenant_id AND l.id = list_membership_log.list_id
    AND CASE l.object_type
      WHEN 'CONTACT' THEN EXISTS (SELECT 1 FROM contacts p WHERE p.tenant_id = l.tenant_id AND p.id = list_membership_log.member_id)
      WHEN 'COMPANY' THEN EXISTS (SELECT 1 FROM companies p WHERE p.tenant_id = l.tenant_id AND p.id = list_membership_log.member_id)
      WHEN 'LEAD' THEN EXISTS (SELECT 1 FROM leads p WHERE p.tenant_id = l.tenant_id AND p.id = list_membership_log.member_id)
      WHEN 'DEAL' THEN EXISTS (SELECT 1 FROM deals p WHERE p.tenant_id = l.tenant_id AND p.id = list_membership_log.member_id)
      WHEN 'TICKET' THEN EXISTS (SELECT 1 FROM tickets p WHERE p.tenant_id = l.tenant_id AND p.id = list_membership_log.member_id)
      WHEN 'ACTIVITY' THEN EXISTS (SELECT 1 FROM activities p WHERE p.tenant_id = l.tenant_id AND p.id = list_membership_log.member_id)
      ELSE true END)
);
--> statement-breakpoint
DROP FUNCTION pg_temp.access_child_visible(text, text, text, boolean);
