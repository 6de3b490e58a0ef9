-- Issue 13 (11): a typo in the second word ("Murphy LCC" for "Murphy LLC") found nothing.
-- The typo tier of search_candidates (0017) asked every query word to be word-similar
-- (<%, threshold 0.5) to the field, and a three-letter word with one letter wrong shares
-- too few trigrams: word_similarity('lcc', 'murphy llc') is 0.25. Now each word is matched
-- on its own: a record is a candidate when any query word is similar to a typo-tolerant
-- field (still an index condition: a BitmapOr over the trigram indexes) and the mean,
-- over the words, of each word's best similarity is at least 0.5 (the same threshold).
-- Every record the old rule found still qualifies (each word >= 0.5 makes the mean >= 0.5),
-- and ranking is unchanged (lib/search/query.ts scores by that mean). The function is
-- otherwise 0017's, unchanged.
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
    -- $8 the query words, $9 the kind.
    -- Issue 15 (access scopes): the acting user's scope for v_kind over t's owner and
    -- assignee columns joins v_live here, so that every tier and the final read apply it
    -- and records out of scope neither show nor use up a tier's budget.
    v_live := 't.tenant_id = $1 AND t.deleted_at IS NULL';
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
      '%' || v_escaped || '%', v_escaped || '%', '% ' || v_escaped || '%', v_words, v_kind;
  END LOOP;
END
$fn$;
