CREATE TABLE "analytics_record_counts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_type" "crm_record_type" NOT NULL,
	"owned_by_user_id" uuid,
	"owned_by_group_id" uuid,
	"assigned_user_id" uuid,
	"assigned_group_id" uuid,
	"tagged" boolean NOT NULL,
	"tag" text,
	"n" bigint NOT NULL,
	CONSTRAINT "analytics_record_counts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "analytics_record_counts" ADD CONSTRAINT "analytics_record_counts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_record_counts_read_idx" ON "analytics_record_counts" USING btree ("tenant_id","record_type","tagged");--> statement-breakpoint
-- Issue 18: live records per owner, owner group, (deals) assignee and tag, kept in the
-- writer's transaction like the activity counts of migration 0047 (never a counter that
-- drifts: every change of a counted column moves the record between rows, and
-- lib/analytics/aggregates.test.ts compares the answers with the raw queries).
-- The rows are changes (+n / −n by key), only ever appended, so no two writers wait for
-- each other on a count (an import's batches write side by side); a read sums them by key,
-- and the worker's daily check (analytics_counts_verify, below) folds them into one row per
-- key. A statement's inserted rows count +1 and deleted rows −1 (a tenant being deleted is
-- skipped: its counts go with it); each record once (tagged false) and each of its tags
-- (tagged true; no tags: tag null), as the raw query's unnest counts them.
-- A record's keys by its tags: itself once (tagged false), and each of its tags (tagged true;
-- no tags: tag null), as the raw query's unnest counts them. Inlined where it is used.
CREATE OR REPLACE FUNCTION analytics_record_count_keys(p_tags text[]) RETURNS TABLE (tagged boolean, tag text)
LANGUAGE sql IMMUTABLE AS $$
  SELECT false, NULL::text
  UNION ALL SELECT true, g.v FROM unnest(CASE WHEN cardinality(p_tags) > 0 THEN p_tags ELSE ARRAY[NULL::text] END) g(v)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_record_counts_apply() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_assigned text := CASE WHEN TG_ARGV[1] = 'assigned' THEN 'r.assigned_user_id, r.assigned_group_id' ELSE 'NULL::uuid, NULL::uuid' END;
BEGIN
  EXECUTE format($q$
    INSERT INTO analytics_record_counts (tenant_id, record_type, tagged, owned_by_user_id, owned_by_group_id, assigned_user_id, assigned_group_id, tag, n)
    SELECT r.tenant_id, %L::crm_record_type, x.tagged, r.owned_by_user_id, r.owned_by_group_id, %s, x.tag, %s * count(*)
    FROM %I r
    JOIN tenants t ON t.id = r.tenant_id
    CROSS JOIN LATERAL analytics_record_count_keys(r.tags) x
    WHERE r.deleted_at IS NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8$q$,
    TG_ARGV[0], v_assigned, CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END, CASE TG_OP WHEN 'INSERT' THEN 'new_rows' ELSE 'old_rows' END);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- One record's key added with a sign (its update: −1 where it was, +1 where it is).
CREATE OR REPLACE FUNCTION analytics_record_counts_add(p_tenant uuid, p_type crm_record_type, p_owner uuid, p_group uuid,
  p_assigned_user uuid, p_assigned_group uuid, p_tags text[], p_sign integer) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  INSERT INTO analytics_record_counts (tenant_id, record_type, tagged, owned_by_user_id, owned_by_group_id, assigned_user_id, assigned_group_id, tag, n)
  SELECT p_tenant, p_type, x.tagged, p_owner, p_group, p_assigned_user, p_assigned_group, x.tag, p_sign * count(*)
  FROM analytics_record_count_keys(p_tags) x
  GROUP BY x.tagged, x.tag;
$$;
--> statement-breakpoint
-- An update that moves a record between counts (owner, group, assignee, tags, deleted or
-- not: the triggers' WHEN passes only those, so a stage move or an edit writes nothing).
CREATE OR REPLACE FUNCTION analytics_record_counts_moved() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF OLD.deleted_at IS NULL THEN
    PERFORM analytics_record_counts_add(OLD.tenant_id, TG_ARGV[0]::crm_record_type, OLD.owned_by_user_id, OLD.owned_by_group_id, NULL, NULL, OLD.tags, -1);
  END IF;
  IF NEW.deleted_at IS NULL THEN
    PERFORM analytics_record_counts_add(NEW.tenant_id, TG_ARGV[0]::crm_record_type, NEW.owned_by_user_id, NEW.owned_by_group_id, NULL, NULL, NEW.tags, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_record_counts_moved_assigned() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF OLD.deleted_at IS NULL THEN
    PERFORM analytics_record_counts_add(OLD.tenant_id, TG_ARGV[0]::crm_record_type, OLD.owned_by_user_id, OLD.owned_by_group_id, OLD.assigned_user_id, OLD.assigned_group_id, OLD.tags, -1);
  END IF;
  IF NEW.deleted_at IS NULL THEN
    PERFORM analytics_record_counts_add(NEW.tenant_id, TG_ARGV[0]::crm_record_type, NEW.owned_by_user_id, NEW.owned_by_group_id, NEW.assigned_user_id, NEW.assigned_group_id, NEW.tags, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_record_counts_apply() FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_record_counts_add(uuid, crm_record_type, uuid, uuid, uuid, uuid, text[], integer) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_record_counts_moved() FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_record_counts_moved_assigned() FROM PUBLIC;--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('contacts', 'CONTACT', ''), ('companies', 'COMPANY', ''), ('leads', 'LEAD', ''), ('deals', 'DEAL', 'assigned')) v(tbl, kind, assigned) LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS analytics_record_counts_insert ON %I', t.tbl);
    EXECUTE format('CREATE TRIGGER analytics_record_counts_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_record_counts_apply(%L, %L)', t.tbl, t.kind, t.assigned);
    EXECUTE format('DROP TRIGGER IF EXISTS analytics_record_counts_delete ON %I', t.tbl);
    EXECUTE format('CREATE TRIGGER analytics_record_counts_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_record_counts_apply(%L, %L)', t.tbl, t.kind, t.assigned);
    EXECUTE format('DROP TRIGGER IF EXISTS analytics_record_counts_update ON %I', t.tbl);
    EXECUTE format('CREATE TRIGGER analytics_record_counts_update AFTER UPDATE OF owned_by_user_id, owned_by_group_id, tags, deleted_at%s ON %I FOR EACH ROW
      WHEN (OLD.owned_by_user_id IS DISTINCT FROM NEW.owned_by_user_id OR OLD.owned_by_group_id IS DISTINCT FROM NEW.owned_by_group_id
        OR OLD.tags IS DISTINCT FROM NEW.tags OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)%s)
      EXECUTE FUNCTION %I(%L)',
      CASE WHEN t.assigned = 'assigned' THEN ', assigned_user_id, assigned_group_id' ELSE '' END, t.tbl,
      CASE WHEN t.assigned = 'assigned' THEN ' OR OLD.assigned_user_id IS DISTINCT FROM NEW.assigned_user_id OR OLD.assigned_group_id IS DISTINCT FROM NEW.assigned_group_id' ELSE '' END,
      CASE WHEN t.assigned = 'assigned' THEN 'analytics_record_counts_moved_assigned' ELSE 'analytics_record_counts_moved' END, t.kind);
  END LOOP;
END $$;
--> statement-breakpoint
-- Tenant isolation as 0002; a row is seen as the records it counts are (their access_read
-- policy over the same columns: ARRAY[owner, group, assignee…] && the viewer's scope), so a
-- rep under "own" sums their own records' rows and a forgotten check shows nothing more.
ALTER TABLE "analytics_record_counts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_record_counts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON "analytics_record_counts";--> statement-breakpoint
CREATE POLICY tenant_isolation ON "analytics_record_counts"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
DROP POLICY IF EXISTS access_read ON "analytics_record_counts";--> statement-breakpoint
CREATE POLICY access_read ON "analytics_record_counts" AS RESTRICTIVE FOR SELECT TO stageline_app
  USING (coalesce(ARRAY[owned_by_user_id, owned_by_group_id, assigned_user_id, assigned_group_id] && (SELECT access_scope_ids(record_type, false)), true));
--> statement-breakpoint
-- The worker's daily check (task analytics_verify, lib/analytics/verify.ts): the workspace's
-- aggregates derived again from their source rows: the stays of any record whose stays
-- differ from its history derived again, and the counts, in one snapshot: the record counts' change
-- rows folded into one row per key, the activity counts' differences written back (relative,
-- so writes committed meanwhile still add up). Returns how many keys and records were wrong: 0 unless
-- something wrote past the triggers (a bulk load with triggers off, a hand edit of the
-- counts). The workspace is the transaction's app.tenant_id.
CREATE OR REPLACE FUNCTION analytics_counts_verify() RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_records integer;
  v_days integer;
  v_k crm_record_type[];
  v_i uuid[];
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'analytics_counts_verify needs app.tenant_id';
  END IF;
  -- one statement, so one snapshot: the changes it folds are those of the records it counts
  -- (a writer committing meanwhile keeps its change rows, and its records are not counted)
  WITH old AS (
    DELETE FROM analytics_record_counts WHERE tenant_id = v_tenant
    RETURNING record_type, tagged, owned_by_user_id, owned_by_group_id, assigned_user_id, assigned_group_id, tag, n
  ), want AS (
    SELECT r.k, x.tagged, r.owned_by_user_id AS o, r.owned_by_group_id AS g, r.assigned_user_id AS au, r.assigned_group_id AS ag, x.tag, count(*) AS n
    FROM (SELECT 'CONTACT'::crm_record_type AS k, owned_by_user_id, owned_by_group_id, NULL::uuid AS assigned_user_id, NULL::uuid AS assigned_group_id, tags FROM contacts WHERE tenant_id = v_tenant AND deleted_at IS NULL
      UNION ALL SELECT 'COMPANY', owned_by_user_id, owned_by_group_id, NULL, NULL, tags FROM companies WHERE tenant_id = v_tenant AND deleted_at IS NULL
      UNION ALL SELECT 'LEAD', owned_by_user_id, owned_by_group_id, NULL, NULL, tags FROM leads WHERE tenant_id = v_tenant AND deleted_at IS NULL
      UNION ALL SELECT 'DEAL', owned_by_user_id, owned_by_group_id, assigned_user_id, assigned_group_id, tags FROM deals WHERE tenant_id = v_tenant AND deleted_at IS NULL) r
    CROSS JOIN LATERAL analytics_record_count_keys(r.tags) x
    GROUP BY 1, 2, 3, 4, 5, 6, 7
  ), folded AS (
    INSERT INTO analytics_record_counts (tenant_id, record_type, tagged, owned_by_user_id, owned_by_group_id, assigned_user_id, assigned_group_id, tag, n)
    SELECT v_tenant, k, tagged, o, g, au, ag, tag, n FROM want
    RETURNING 1
  )
  SELECT count(*) INTO v_records FROM (
    SELECT 1 FROM (
      SELECT k, tagged, o, g, au, ag, tag, n FROM want
      UNION ALL SELECT record_type, tagged, owned_by_user_id, owned_by_group_id, assigned_user_id, assigned_group_id, tag, -n FROM old
    ) d
    GROUP BY k, tagged, o, g, au, ag, tag
    HAVING sum(n) <> 0
  ) wrong;
  INSERT INTO analytics_activity_days AS d (tenant_id, day, activity_type, created_by_user_id, assigned_group_id, n)
  SELECT v_tenant, s.day, s.activity_type, s.o, s.g, sum(s.n)
  FROM (
    SELECT (a.activity_at AT TIME ZONE t.time_zone)::date AS day, a.activity_type, a.created_by_user_id AS o, a.assigned_group_id AS g, count(*) AS n
    FROM activities a JOIN tenants t ON t.id = a.tenant_id
    WHERE a.tenant_id = v_tenant AND a.deleted_at IS NULL
    GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT day, activity_type, created_by_user_id, assigned_group_id, -n FROM analytics_activity_days WHERE tenant_id = v_tenant
  ) s
  GROUP BY s.day, s.activity_type, s.o, s.g
  HAVING sum(s.n) <> 0
  ORDER BY 2, 3, 4, 5
  ON CONFLICT ON CONSTRAINT analytics_activity_days_key DO UPDATE SET n = d.n + excluded.n;
  GET DIAGNOSTICS v_days = ROW_COUNT;
  -- the stays (migration 0047): a record whose stays differ from a derivation from its
  -- history is derived again (analytics_stays_sync)
  WITH derived AS MATERIALIZED (
    SELECT h.id, h.entity_type, h.entity_id, h.seq, row_number() OVER w = 1 AS is_first, h.pipeline_id, h.from_stage_id, h.to_stage_id,
      h.changed_at, lead(h.changed_at) OVER w AS exited_at, r.created_at, r.deleted_at, r.amount
    FROM stage_history h
    JOIN (SELECT 'DEAL'::crm_record_type AS k, id, created_at, deleted_at, amount FROM deals WHERE tenant_id = v_tenant
      UNION ALL SELECT 'LEAD', id, created_at, deleted_at, NULL FROM leads WHERE tenant_id = v_tenant
      UNION ALL SELECT 'TICKET', id, created_at, deleted_at, NULL FROM tickets WHERE tenant_id = v_tenant) r ON r.k = h.entity_type AND r.id = h.entity_id
    WHERE h.tenant_id = v_tenant
    WINDOW w AS (PARTITION BY h.entity_type, h.entity_id ORDER BY h.seq)
  ), stored AS MATERIALIZED (
    SELECT history_id, entity_type, entity_id, seq, is_first, pipeline_id, from_stage_id, stage_id, entered_at, exited_at, record_created_at, record_deleted_at, record_amount
    FROM analytics_stays WHERE tenant_id = v_tenant
  )
  SELECT array_agg(x.entity_type), array_agg(x.entity_id) INTO v_k, v_i FROM (
    SELECT DISTINCT d.entity_type, d.entity_id FROM (
      (SELECT * FROM derived EXCEPT SELECT * FROM stored)
      UNION ALL
      (SELECT * FROM stored EXCEPT SELECT * FROM derived)
    ) d(history_id, entity_type, entity_id)
  ) x;
  IF v_k IS NOT NULL THEN
    PERFORM analytics_stays_sync(array_fill(v_tenant, ARRAY[cardinality(v_k)]), v_k, v_i);
  END IF;
  RETURN v_records + v_days + coalesce(cardinality(v_k), 0);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_counts_verify() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION analytics_counts_verify() TO stageline_app;--> statement-breakpoint
-- The backfill: each workspace's counts derived by that check (the triggers above keep them
-- from here; the migration's transaction holds their tables, so no write falls between).
DO $$
DECLARE
  t record;
BEGIN
  DELETE FROM analytics_record_counts;
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    PERFORM analytics_counts_verify();
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END $$;
