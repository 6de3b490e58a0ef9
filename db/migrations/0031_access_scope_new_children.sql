-- The tables this wave added that hang off a record follow the record's visibility, as
-- migration access_scope_children made every earlier one (a restrictive SELECT policy,
-- ANDed with tenant_isolation; db/catalog.test.ts checks every such table):
--   activity_links      an activity shown on a deal's timeline (lead conversion)
--   record_assignments  who a record was assigned to, by which rule
--   record_merges       a survivor's merge history (with the merged record's snapshot)
--   imports, import_rows an import (and its rows' raw values and overwritten values) is
--                        seen by its creator, and by anyone whose scope of its type is "all"
-- Their writers write them after the record's own write passed its scope (or as the
-- system), so only reading is checked here.
CREATE FUNCTION pg_temp.child_read(p_tbl text, p_type text, p_id text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format(
    $q$(ARRAY[%2$s] <@ (SELECT access_all_types(false)) OR CASE %2$s
      WHEN 'CONTACT' THEN EXISTS (SELECT 1 FROM contacts p WHERE p.tenant_id = %1$I.tenant_id AND p.id = %3$s AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('CONTACT', false)), true))
      WHEN 'COMPANY' THEN EXISTS (SELECT 1 FROM companies p WHERE p.tenant_id = %1$I.tenant_id AND p.id = %3$s AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('COMPANY', false)), true))
      WHEN 'LEAD' THEN EXISTS (SELECT 1 FROM leads p WHERE p.tenant_id = %1$I.tenant_id AND p.id = %3$s AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('LEAD', false)), true))
      WHEN 'DEAL' THEN EXISTS (SELECT 1 FROM deals p WHERE p.tenant_id = %1$I.tenant_id AND p.id = %3$s AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id, p.assigned_user_id, p.assigned_group_id] && (SELECT access_scope_ids('DEAL', false)), true))
      WHEN 'TICKET' THEN EXISTS (SELECT 1 FROM tickets p WHERE p.tenant_id = %1$I.tenant_id AND p.id = %3$s AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id, p.assigned_user_id, p.assigned_group_id] && (SELECT access_scope_ids('TICKET', false)), true))
      ELSE true END)$q$,
    p_tbl, p_type, p_id)
$fn$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY access_child_read ON activity_links AS RESTRICTIVE FOR SELECT USING %s', pg_temp.child_read('activity_links', 'record_type', 'record_id'));
  EXECUTE format('CREATE POLICY access_child_read ON record_assignments AS RESTRICTIVE FOR SELECT USING %s', pg_temp.child_read('record_assignments', 'record_type', 'record_id'));
  EXECUTE format('CREATE POLICY access_child_read ON record_merges AS RESTRICTIVE FOR SELECT USING %s', pg_temp.child_read('record_merges', 'record_type', 'survivor_id'));
END $$;
--> statement-breakpoint
CREATE POLICY access_child_read ON imports AS RESTRICTIVE FOR SELECT USING (
  ARRAY[object_type] <@ (SELECT access_all_types(false))
  OR created_by_user_id = nullif(current_setting('app.user_id', true), '')::uuid
);
--> statement-breakpoint
-- a row of an import is seen with its import
CREATE POLICY access_child_read ON import_rows AS RESTRICTIVE FOR SELECT USING (
  EXISTS (SELECT 1 FROM imports i WHERE i.tenant_id = import_rows.tenant_id AND i.id = import_rows.import_id
    AND (ARRAY[i.object_type] <@ (SELECT access_all_types(false)) OR i.created_by_user_id = nullif(current_setting('app.user_id', true), '')::uuid))
);
--> statement-breakpoint
DROP FUNCTION pg_temp.child_read(text, text, text);
