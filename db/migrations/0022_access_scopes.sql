CREATE TABLE "access_policies" (
	"tenant_id" uuid NOT NULL,
	"role" "tenant_role" NOT NULL,
	"record_type" "crm_record_type" NOT NULL,
	"read_scope" text DEFAULT 'all' NOT NULL,
	"write_scope" text DEFAULT 'all' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_policies_tenant_id_role_record_type_pk" PRIMARY KEY("tenant_id","role","record_type"),
	CONSTRAINT "access_policies_read_scope_check" CHECK ("access_policies"."read_scope" in ('own', 'team', 'all')),
	CONSTRAINT "access_policies_write_scope_check" CHECK ("access_policies"."write_scope" in ('own', 'team', 'all'))
);
--> statement-breakpoint
ALTER TABLE "tenant_groups" ADD COLUMN "manager_user_id" uuid;--> statement-breakpoint
ALTER TABLE "access_policies" ADD CONSTRAINT "access_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_groups" ADD CONSTRAINT "tenant_groups_manager_fk" FOREIGN KEY ("tenant_id","manager_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tenant_groups_manager_idx" ON "tenant_groups" USING btree ("tenant_id","manager_user_id");--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_user_idx" ON "api_keys" USING btree ("tenant_id","user_id");
--> statement-breakpoint
-- Issue 15: who sees which records. The access policy is per tenant, role and record type
-- (a missing row is all/all); withTenant sets the acting user (app.user_id) and role
-- (app.actor_role: a tenant role, or 'system' for the worker, automations and workspace
-- API keys). access_scope_ids() answers, once per statement (the policies call it in an
-- uncorrelated sub-select, an InitPlan), the user and group ids whose records the actor
-- reaches, or NULL for "all"; a row is in scope when its owner or assignee (user or
-- group) is one of them. Ids of users and groups are both random UUIDs, so one array
-- holds both.
ALTER TABLE access_policies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE access_policies FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON access_policies
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE FUNCTION access_scope_ids(p_type crm_record_type, p_write boolean)
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
-- Restrictive policies: ANDed with tenant_isolation. SELECT follows the read scope,
-- UPDATE and DELETE the write scope (an UPDATE's WHERE also needs the read scope). A row
-- may be handed to someone else (WITH CHECK true: the tenant policy still checks).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('contacts', 'CONTACT', 'owned_by_user_id, owned_by_group_id'),
    ('companies', 'COMPANY', 'owned_by_user_id, owned_by_group_id'),
    ('leads', 'LEAD', 'owned_by_user_id, owned_by_group_id'),
    ('deals', 'DEAL', 'owned_by_user_id, owned_by_group_id, assigned_user_id, assigned_group_id'),
    ('tickets', 'TICKET', 'owned_by_user_id, owned_by_group_id, assigned_user_id, assigned_group_id')
  ) AS v(tbl, kind, cols) LOOP
    EXECUTE format('CREATE POLICY access_read ON %I AS RESTRICTIVE FOR SELECT USING (coalesce(ARRAY[%s] && (SELECT access_scope_ids(%L, false)), true))', t.tbl, t.cols, t.kind);
    EXECUTE format('CREATE POLICY access_update ON %I AS RESTRICTIVE FOR UPDATE USING (coalesce(ARRAY[%s] && (SELECT access_scope_ids(%L, true)), true)) WITH CHECK (true)', t.tbl, t.cols, t.kind);
    EXECUTE format('CREATE POLICY access_delete ON %I AS RESTRICTIVE FOR DELETE USING (coalesce(ARRAY[%s] && (SELECT access_scope_ids(%L, true)), true))', t.tbl, t.cols, t.kind);
  END LOOP;
END $$;
--> statement-breakpoint
-- Search reads as the tables' owner (SECURITY DEFINER, past RLS): 0020's function with the
-- actor's read scope ($10) in v_live, so every tier and the final read apply it.
CREATE OR REPLACE FUNCTION search_candidates(p_kinds crm_record_type[], p_query text, p_limit integer)
RETURNS TABLE (kind crm_record_type, id uuid, sim double precision, fields jsonb)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
SET pg_trgm.word_similarity_threshold = 0.5
AS $fn$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_escaped text := regexp_replace(p_query, '([\\%_])', '\\\1', 'g');
  v_words text[] := array(SELECT w FROM unnest(string_to_array(p_query, ' ')) w WHERE length(w) >= 2);
  v_short boolean := length(p_query) < 3;
  v_kind crm_record_type;
  -- what is searched, per kind (set below; constants only)
  v_table text;
  v_prefixes text[];
  v_fields text[];
  v_fuzzy boolean[];
  v_spaces boolean[];
  v_columns text;
  -- the statement of one kind
  v_live text;
  v_ctes text[];
  v_tiers text[];
  v_parts text[];
  v_sims text[];
  v_sim text;
  i integer;
  v_scope uuid[];
  v_owners text;
BEGIN
  IF v_tenant IS NULL OR p_kinds IS NULL OR coalesce(p_query, '') = '' THEN
    RETURN;
  END IF;
  IF p_limit IS NULL OR p_limit < 1 OR p_limit > 50 THEN
    RAISE EXCEPTION 'search_candidates: limit must be from 1 to 50' USING ERRCODE = 'invalid_parameter_value';
  END IF;

  FOR v_kind IN SELECT DISTINCT k FROM unnest(p_kinds) k LOOP
    CASE v_kind
      WHEN 'CONTACT' THEN
        v_table := 'contacts';
        v_fields := ARRAY[$e$lower(coalesce(t.first_name, '') || ' ' || coalesce(t.last_name, ''))$e$, 'lower(t.email)'];
        v_fuzzy := ARRAY[true, false];
        v_spaces := ARRAY[true, false];
        v_prefixes := ARRAY[
          $e$(lower(coalesce(t.first_name, '') || ' ' || coalesce(t.last_name, '')) COLLATE "C")$e$,
          '(lower(t.last_name) COLLATE "C")',
          '(lower(t.email) COLLATE "C")'];
        v_columns := $e$'firstName', t.first_name, 'lastName', t.last_name, 'email', t.email, 'jobTitle', t.job_title$e$;
      WHEN 'COMPANY' THEN
        v_table := 'companies';
        v_fields := ARRAY['lower(t.name)', 'lower(t.domain)'];
        v_fuzzy := ARRAY[true, false];
        v_spaces := ARRAY[true, false];
        v_prefixes := ARRAY['(lower(t.name) COLLATE "C")', '(lower(t.domain) COLLATE "C")'];
        v_columns := $e$'name', t.name, 'domain', t.domain, 'industry', t.industry$e$;
      WHEN 'DEAL' THEN
        v_table := 'deals';
        v_fields := ARRAY['lower(t.name)'];
        v_fuzzy := ARRAY[true];
        v_spaces := ARRAY[true];
        v_prefixes := ARRAY[]::text[];
        v_columns := $e$'name', t.name, 'amount', t.amount::text, 'currency', t.currency, 'status', t.status$e$;
      WHEN 'LEAD' THEN
        v_table := 'leads';
        v_fields := ARRAY[$e$lower(coalesce(t.first_name, '') || ' ' || coalesce(t.last_name, ''))$e$, 'lower(t.email)', 'lower(t.company_name)'];
        v_fuzzy := ARRAY[true, false, true];
        v_spaces := ARRAY[true, false, true];
        v_prefixes := ARRAY[]::text[];
        v_columns := $e$'firstName', t.first_name, 'lastName', t.last_name, 'email', t.email, 'companyName', t.company_name$e$;
      WHEN 'TICKET' THEN
        v_table := 'tickets';
        v_fields := ARRAY['lower(t.subject)'];
        v_fuzzy := ARRAY[true];
        v_spaces := ARRAY[true];
        v_prefixes := ARRAY[]::text[];
        v_columns := $e$'subject', t.subject, 'priority', t.priority$e$;
      ELSE
        RAISE EXCEPTION 'search_candidates: % records are not searched', v_kind USING ERRCODE = 'invalid_parameter_value';
    END CASE;

    -- Parameters: $1 tenant, $2 q, $3 the upper bound of strings starting with q (byte
    -- order), $4 limit, $5 '%q%', $6 'q%', $7 '% q%' (q with LIKE's wildcards escaped),
    -- $8 the query words, $9 the kind, $10 the actor's scope (access_scope_ids).
    -- Issue 15 (access scopes): the acting user's scope for v_kind over t's owner and
    -- assignee columns joins v_live here, so that every tier and the final read apply it
    -- and records out of scope neither show nor use up a tier's budget.
    v_scope := access_scope_ids(v_kind, false);
    v_owners := CASE WHEN v_kind IN ('DEAL', 'TICKET') THEN 't.owned_by_user_id, t.owned_by_group_id, t.assigned_user_id, t.assigned_group_id' ELSE 't.owned_by_user_id, t.owned_by_group_id' END;
    v_live := 't.tenant_id = $1 AND t.deleted_at IS NULL AND coalesce(ARRAY[' || v_owners || '] && $10, true)';
    v_ctes := ARRAY[]::text[];
    v_tiers := ARRAY[]::text[];

    IF cardinality(v_prefixes) > 0 THEN
      v_ctes := v_ctes || format('prefix_hits AS MATERIALIZED (%s)', (
        SELECT string_agg(format('(SELECT t.id FROM %I t WHERE %s AND %s >= $2 AND %s < $3 ORDER BY %s LIMIT $4)', v_table, v_live, p, p, p), ' UNION ')
        FROM unnest(v_prefixes) p));
      v_tiers := v_tiers || 'prefix_hits'::text;
    END IF;

    v_parts := ARRAY[]::text[];
    FOR i IN 1 .. cardinality(v_fields) LOOP
      CONTINUE WHEN NOT v_spaces[i] AND position(' ' IN p_query) > 0; -- emails and domains hold no spaces
      CONTINUE WHEN v_short AND cardinality(v_prefixes) > 0;          -- tier 1 covers short queries
      IF v_short THEN
        v_parts := v_parts || format('%s LIKE $6', v_fields[i]) || format('%s LIKE $7', v_fields[i]);
      ELSE
        v_parts := v_parts || format('%s LIKE $5', v_fields[i]);
      END IF;
    END LOOP;
    IF cardinality(v_parts) > 0 THEN
      -- Planned without the LIMIT (a CTE is planned for all its rows): with the limit in the
      -- same query Postgres bets on a scan finding 50 rows early, and reads all 200k
      -- companies when few match. The outer LIMIT still stops reading early. (Same below.)
      v_ctes := v_ctes
        || format('contains_all AS MATERIALIZED (SELECT t.id FROM %I t WHERE %s%s AND (%s))', v_table,
             CASE WHEN cardinality(v_tiers) > 0 THEN '(SELECT count(*) FROM prefix_hits) < $4 AND ' ELSE '' END,
             v_live, array_to_string(v_parts, ' OR '))
        || 'contains_hits AS MATERIALIZED (SELECT id FROM contains_all LIMIT 50)'::text;
      v_tiers := v_tiers || 'contains_hits'::text;
    END IF;

    v_sim := NULL;
    IF NOT v_short AND cardinality(v_words) > 0 AND true = ANY (v_fuzzy) THEN
      v_parts := ARRAY[]::text[];
      v_sims := ARRAY[]::text[];
      FOR i IN 1 .. cardinality(v_fields) LOOP
        CONTINUE WHEN NOT v_fuzzy[i];
        -- any word similar to the field (the trigram index finds these) ...
        v_parts := v_parts || ('(' || (SELECT string_agg(format('$8[%s] <%% %s', w, v_fields[i]), ' OR ') FROM generate_series(1, cardinality(v_words)) w) || ')');
      END LOOP;
      -- per word, the best similarity among the fuzzy fields; then their mean
      SELECT '(' || string_agg(format('greatest(%s)', (
          SELECT string_agg(format('coalesce(word_similarity($8[%s], %s), 0)', w, v_fields[f]), ', ')
          FROM generate_series(1, cardinality(v_fields)) f WHERE v_fuzzy[f])), ' + ') || format(') / %s::float8', cardinality(v_words))
        INTO v_sim FROM generate_series(1, cardinality(v_words)) w;
      -- only when nothing of this kind matched as typed: "lara ryan" finds "Clara Ryan", not also "Laura Ryan"
      v_ctes := v_ctes
        -- ... and the words together similar enough: their mean similarity at least the threshold
        || format('fuzzy_all AS MATERIALIZED (SELECT t.id, %s AS sim FROM %I t WHERE %s%s AND (%s) AND %s >= 0.5)', v_sim, v_table,
             CASE WHEN cardinality(v_tiers) > 0
               THEN '(' || (SELECT string_agg(format('(SELECT count(*) FROM %s)', n), ' + ') FROM unnest(v_tiers) n) || ') = 0 AND '
               ELSE '' END,
             v_live, array_to_string(v_parts, ' OR '), v_sim)
        || 'fuzzy_hits AS MATERIALIZED (SELECT id, sim FROM fuzzy_all LIMIT 50)'::text;
      v_tiers := v_tiers || 'fuzzy_hits'::text;
    END IF;

    CONTINUE WHEN cardinality(v_ctes) = 0;
    RETURN QUERY EXECUTE format(
      'WITH %s SELECT $9, t.id, %s, jsonb_build_object(%s) FROM %I t WHERE %s AND t.id IN (%s)',
      array_to_string(v_ctes, ', '),
      CASE WHEN v_sim IS NULL THEN 'NULL::float8' ELSE '(SELECT f.sim FROM fuzzy_hits f WHERE f.id = t.id)' END,
      v_columns, v_table, v_live,
      (SELECT string_agg(format('SELECT id FROM %s', n), ' UNION ') FROM unnest(v_tiers) n))
    USING v_tenant, p_query, p_query || chr(1114111), p_limit,
      '%' || v_escaped || '%', v_escaped || '%', '% ' || v_escaped || '%', v_words, v_kind, v_scope;
  END LOOP;
END
$fn$;
--> statement-breakpoint
-- API keys that act as a user (issue 15 item 4): the key's user and their current role
-- (a deactivated member's key stops working); a workspace key has no user and its own role.
DROP FUNCTION auth_api_key(text);
--> statement-breakpoint
CREATE FUNCTION auth_api_key(p_key_hash text)
RETURNS TABLE (tenant_id uuid, api_key_id uuid, role tenant_role, user_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT k.tenant_id, k.id, coalesce(tu.role, k.role), k.user_id FROM api_keys k
  LEFT JOIN tenant_users tu ON tu.tenant_id = k.tenant_id AND tu.user_id = k.user_id
  WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL AND (k.user_id IS NULL OR tu.is_active)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION auth_api_key(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION auth_api_key(text) TO stageline_app;
