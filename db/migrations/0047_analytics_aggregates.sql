-- Issue 18, the cold path of the analytics: aggregates kept in the writer's transaction
-- (never counters that drift — each is re-derived from its source rows by a trigger, and
-- lib/analytics/aggregates.test.ts compares every answer with the raw computation).
-- Idempotent: it may be applied by hand to a database before it is merged.
CREATE TABLE IF NOT EXISTS "analytics_activity_days" (
	"tenant_id" uuid NOT NULL CONSTRAINT "analytics_activity_days_tenant_id_tenants_id_fk" REFERENCES "public"."tenants"("id") ON DELETE cascade,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"day" date NOT NULL,
	"activity_type" "activity_type" NOT NULL,
	"created_by_user_id" uuid,
	"assigned_group_id" uuid,
	"n" bigint NOT NULL,
	CONSTRAINT "analytics_activity_days_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "analytics_activity_days_key" UNIQUE NULLS NOT DISTINCT("tenant_id","day","activity_type","created_by_user_id","assigned_group_id")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "analytics_stays" (
	"tenant_id" uuid NOT NULL CONSTRAINT "analytics_stays_tenant_id_tenants_id_fk" REFERENCES "public"."tenants"("id") ON DELETE cascade,
	"history_id" uuid NOT NULL,
	"entity_type" "crm_record_type" NOT NULL,
	"entity_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"is_first" boolean NOT NULL,
	"pipeline_id" uuid,
	"from_stage_id" uuid,
	"stage_id" uuid,
	"entered_at" timestamp with time zone NOT NULL,
	"exited_at" timestamp with time zone,
	"record_created_at" timestamp with time zone,
	"record_deleted_at" timestamp with time zone,
	"record_amount" numeric(18, 2),
	CONSTRAINT "analytics_stays_tenant_id_history_id_pk" PRIMARY KEY("tenant_id","history_id")
);
--> statement-breakpoint
-- pipeline metrics: the stays that began in a period (lib/analytics/metrics-sql.ts), read from the index alone
CREATE INDEX IF NOT EXISTS "analytics_stays_pipeline_idx" ON "analytics_stays" USING btree ("tenant_id","entity_type","pipeline_id","entered_at","entity_id","seq","stage_id","from_stage_id","exited_at","record_deleted_at","record_amount");--> statement-breakpoint
-- pipeline metrics' "created": each record's first stay, by the record's creation time
CREATE INDEX IF NOT EXISTS "analytics_stays_first_idx" ON "analytics_stays" USING btree ("tenant_id","entity_type","record_created_at","pipeline_id","entity_id","record_deleted_at") WHERE "is_first";--> statement-breakpoint
-- pipeline metrics' "created": the records of a pipeline created in a period (the records without history)
CREATE INDEX IF NOT EXISTS "deals_pipeline_created_idx" ON "deals" USING btree ("tenant_id","pipeline_id","created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "leads_pipeline_created_idx" ON "leads" USING btree ("tenant_id","pipeline_id","created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tickets_pipeline_created_idx" ON "tickets" USING btree ("tenant_id","pipeline_id","created_at");--> statement-breakpoint
-- a record's stays (the triggers below; created records without history)
CREATE INDEX IF NOT EXISTS "analytics_stays_entity_idx" ON "analytics_stays" USING btree ("tenant_id","entity_type","entity_id","seq");--> statement-breakpoint
-- Re-derives the stays of the given records (parallel arrays) from their stage history:
-- one row per history row, with the next row's time as the exit, and the record's creation
-- and deletion times. Records of other types, or gone, have none. Runs as the writer.
CREATE OR REPLACE FUNCTION analytics_stays_sync(p_tenants uuid[], p_types crm_record_type[], p_ids uuid[])
RETURNS void LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
BEGIN
  DELETE FROM analytics_stays s
  USING unnest(p_tenants, p_types, p_ids) AS e(tenant_id, entity_type, entity_id)
  WHERE s.tenant_id = e.tenant_id AND s.entity_type = e.entity_type AND s.entity_id = e.entity_id;
  INSERT INTO analytics_stays (tenant_id, history_id, entity_type, entity_id, seq, is_first, pipeline_id, from_stage_id, stage_id,
    entered_at, exited_at, record_created_at, record_deleted_at, record_amount)
  SELECT h.tenant_id, h.id, h.entity_type, h.entity_id, h.seq, row_number() OVER w = 1, h.pipeline_id, h.from_stage_id, h.to_stage_id,
    h.changed_at, lead(h.changed_at) OVER w, r.created_at, r.deleted_at, r.amount
  FROM (SELECT DISTINCT * FROM unnest(p_tenants, p_types, p_ids) AS e(tenant_id, entity_type, entity_id)
        WHERE e.entity_type IN ('DEAL', 'LEAD', 'TICKET')) e
  JOIN LATERAL (
    SELECT d.created_at, d.deleted_at, d.amount FROM deals d WHERE e.entity_type = 'DEAL' AND d.tenant_id = e.tenant_id AND d.id = e.entity_id
    UNION ALL SELECT l.created_at, l.deleted_at, NULL FROM leads l WHERE e.entity_type = 'LEAD' AND l.tenant_id = e.tenant_id AND l.id = e.entity_id
    UNION ALL SELECT t.created_at, t.deleted_at, NULL FROM tickets t WHERE e.entity_type = 'TICKET' AND t.tenant_id = e.tenant_id AND t.id = e.entity_id
  ) r ON true
  JOIN stage_history h ON h.tenant_id = e.tenant_id AND h.entity_type = e.entity_type AND h.entity_id = e.entity_id
  WINDOW w AS (PARTITION BY h.tenant_id, h.entity_type, h.entity_id ORDER BY h.seq)
  ON CONFLICT (tenant_id, history_id) DO UPDATE SET entity_type = excluded.entity_type, entity_id = excluded.entity_id, seq = excluded.seq,
    is_first = excluded.is_first, pipeline_id = excluded.pipeline_id, from_stage_id = excluded.from_stage_id, stage_id = excluded.stage_id,
    entered_at = excluded.entered_at, exited_at = excluded.exited_at, record_created_at = excluded.record_created_at,
    record_deleted_at = excluded.record_deleted_at, record_amount = excluded.record_amount;
END $$;
--> statement-breakpoint
-- stage_history written (moves, creations, imports, merges; rows renamed to NULL when a
-- stage or pipeline is deleted): its records' stays again, once per statement.
CREATE OR REPLACE FUNCTION analytics_stays_from_history() RETURNS trigger
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
DECLARE
  v_t uuid[];
  v_k crm_record_type[];
  v_i uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.tenant_id), array_agg(n.entity_type), array_agg(n.entity_id) INTO v_t, v_k, v_i FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o.tenant_id), array_agg(o.entity_type), array_agg(o.entity_id) INTO v_t, v_k, v_i FROM old_rows o;
  ELSE
    SELECT array_agg(x.tenant_id), array_agg(x.entity_type), array_agg(x.entity_id) INTO v_t, v_k, v_i
    FROM (SELECT n.tenant_id, n.entity_type, n.entity_id FROM new_rows n UNION SELECT o.tenant_id, o.entity_type, o.entity_id FROM old_rows o) x;
  END IF;
  IF v_t IS NOT NULL THEN
    PERFORM analytics_stays_sync(v_t, v_k, v_i);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_stays_insert ON "stage_history";--> statement-breakpoint
CREATE TRIGGER analytics_stays_insert AFTER INSERT ON "stage_history" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_stays_from_history();--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_stays_update ON "stage_history";--> statement-breakpoint
CREATE TRIGGER analytics_stays_update AFTER UPDATE ON "stage_history" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_stays_from_history();--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_stays_delete ON "stage_history";--> statement-breakpoint
CREATE TRIGGER analytics_stays_delete AFTER DELETE ON "stage_history" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_stays_from_history();--> statement-breakpoint
-- A record soft-deleted, restored, hard-deleted or (a deal) its amount changed: its stays
-- follow (metrics leave deleted records out; the board as of a date keeps those deleted
-- after it, and totals today's amounts).
CREATE OR REPLACE FUNCTION analytics_stays_from_record() RETURNS trigger
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM analytics_stays s WHERE s.tenant_id = OLD.tenant_id AND s.entity_type = TG_ARGV[0]::crm_record_type AND s.entity_id = OLD.id;
    RETURN NULL;
  END IF;
  UPDATE analytics_stays s SET record_deleted_at = NEW.deleted_at, record_created_at = NEW.created_at,
    record_amount = (to_jsonb(NEW) ->> 'amount')::numeric
  WHERE s.tenant_id = NEW.tenant_id AND s.entity_type = TG_ARGV[0]::crm_record_type AND s.entity_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('deals', 'DEAL', ', amount', ' OR OLD.amount IS DISTINCT FROM NEW.amount'), ('leads', 'LEAD', '', ''), ('tickets', 'TICKET', '', '')) v(tbl, kind, cols, cond) LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS analytics_stays_record ON %I', t.tbl);
    EXECUTE format('CREATE TRIGGER analytics_stays_record AFTER UPDATE OF deleted_at, created_at%s ON %I FOR EACH ROW
      WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.created_at IS DISTINCT FROM NEW.created_at%s)
      EXECUTE FUNCTION analytics_stays_from_record(%L)', t.cols, t.tbl, t.cond, t.kind);
    EXECUTE format('DROP TRIGGER IF EXISTS analytics_stays_record_gone ON %I', t.tbl);
    EXECUTE format('CREATE TRIGGER analytics_stays_record_gone AFTER DELETE ON %I FOR EACH ROW EXECUTE FUNCTION analytics_stays_from_record(%L)', t.tbl, t.kind);
  END LOOP;
END $$;
--> statement-breakpoint
-- Activities per day of the workspace's zone, logger, group and type: each statement's
-- inserted rows count +1, deleted rows −1; an update that moves an activity between counts
-- (a soft delete, a restore, a new activity_at…) −1 where it was and +1 where it is
-- (analytics_activity_days_moved, below).
CREATE OR REPLACE FUNCTION analytics_activity_days_apply() RETURNS trigger
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
DECLARE
  v_rows text := 'SELECT a.tenant_id, a.activity_at, a.activity_type, a.created_by_user_id, a.assigned_group_id, %s AS n FROM %I a WHERE a.deleted_at IS NULL';
  v_delta text;
BEGIN
  -- inserts and deletes (an update that moves a count: analytics_activity_days_moved)
  v_delta := CASE TG_OP WHEN 'INSERT' THEN format(v_rows, 1, 'new_rows') ELSE format(v_rows, -1, 'old_rows') END;
  EXECUTE format($q$
    INSERT INTO analytics_activity_days AS d (tenant_id, day, activity_type, created_by_user_id, assigned_group_id, n)
    SELECT x.tenant_id, (x.activity_at AT TIME ZONE t.time_zone)::date, x.activity_type, x.created_by_user_id, x.assigned_group_id, sum(x.n)
    FROM (%s) x JOIN tenants t ON t.id = x.tenant_id
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.n) <> 0
    ON CONFLICT ON CONSTRAINT analytics_activity_days_key DO UPDATE SET n = d.n + excluded.n$q$, v_delta);
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_activity_days_insert ON "activities";--> statement-breakpoint
CREATE TRIGGER analytics_activity_days_insert AFTER INSERT ON "activities" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_activity_days_apply();--> statement-breakpoint
-- An update counts only where it moves an activity between counts (its day, type, logger,
-- group, or deleted or not): a row trigger whose WHEN filters the rest, so re-pointing a
-- merged record's thousands of activities costs no count work at all.
CREATE OR REPLACE FUNCTION analytics_activity_days_moved() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  INSERT INTO analytics_activity_days AS d (tenant_id, day, activity_type, created_by_user_id, assigned_group_id, n)
  SELECT x.tenant_id, (x.activity_at AT TIME ZONE t.time_zone)::date, x.activity_type, x.created_by_user_id, x.assigned_group_id, sum(x.n)
  FROM (VALUES (OLD.tenant_id, OLD.activity_at, OLD.activity_type, OLD.created_by_user_id, OLD.assigned_group_id, CASE WHEN OLD.deleted_at IS NULL THEN -1 ELSE 0 END),
               (NEW.tenant_id, NEW.activity_at, NEW.activity_type, NEW.created_by_user_id, NEW.assigned_group_id, CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE 0 END))
    AS x(tenant_id, activity_at, activity_type, created_by_user_id, assigned_group_id, n)
  JOIN tenants t ON t.id = x.tenant_id
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.n) <> 0
  ON CONFLICT ON CONSTRAINT analytics_activity_days_key DO UPDATE SET n = d.n + excluded.n;
  RETURN NULL;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_activity_days_moved() FROM PUBLIC;--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_activity_days_update ON "activities";--> statement-breakpoint
CREATE TRIGGER analytics_activity_days_update AFTER UPDATE ON "activities" FOR EACH ROW
  WHEN (OLD.activity_at IS DISTINCT FROM NEW.activity_at OR OLD.activity_type IS DISTINCT FROM NEW.activity_type
    OR OLD.created_by_user_id IS DISTINCT FROM NEW.created_by_user_id OR OLD.assigned_group_id IS DISTINCT FROM NEW.assigned_group_id
    OR (OLD.deleted_at IS NULL) IS DISTINCT FROM (NEW.deleted_at IS NULL))
  EXECUTE FUNCTION analytics_activity_days_moved();--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_activity_days_delete ON "activities";--> statement-breakpoint
CREATE TRIGGER analytics_activity_days_delete AFTER DELETE ON "activities" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_activity_days_apply();--> statement-breakpoint
-- A tenant's days counted again from its activities (its time zone changed; the backfill).
CREATE OR REPLACE FUNCTION analytics_activity_days_rebuild(p_tenant uuid) RETURNS void
LANGUAGE sql VOLATILE SET search_path = pg_catalog, public AS $$
  DELETE FROM analytics_activity_days d WHERE d.tenant_id = p_tenant;
  INSERT INTO analytics_activity_days (tenant_id, day, activity_type, created_by_user_id, assigned_group_id, n)
  SELECT a.tenant_id, (a.activity_at AT TIME ZONE t.time_zone)::date, a.activity_type, a.created_by_user_id, a.assigned_group_id, count(*)
  FROM activities a JOIN tenants t ON t.id = a.tenant_id
  WHERE a.tenant_id = p_tenant AND a.deleted_at IS NULL
  GROUP BY 1, 2, 3, 4, 5;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_activity_days_zone() RETURNS trigger
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM analytics_activity_days_rebuild(NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_activity_days_zone ON "tenants";--> statement-breakpoint
CREATE TRIGGER analytics_activity_days_zone AFTER UPDATE OF time_zone ON "tenants" FOR EACH ROW
  WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION analytics_activity_days_zone();--> statement-breakpoint
-- The backfill: RLS is forced even for the owner, lifted meanwhile (as migration 0015).
ALTER TABLE "stage_history" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "deals" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "leads" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tickets" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "activities" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_stays" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_activity_days" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
INSERT INTO analytics_stays (tenant_id, history_id, entity_type, entity_id, seq, is_first, pipeline_id, from_stage_id, stage_id,
  entered_at, exited_at, record_created_at, record_deleted_at, record_amount)
SELECT h.tenant_id, h.id, h.entity_type, h.entity_id, h.seq, row_number() OVER w = 1, h.pipeline_id, h.from_stage_id, h.to_stage_id,
  h.changed_at, lead(h.changed_at) OVER w, r.created_at, r.deleted_at, r.amount
FROM stage_history h
JOIN (SELECT 'DEAL'::crm_record_type AS k, tenant_id, id, created_at, deleted_at, amount FROM deals
      UNION ALL SELECT 'LEAD', tenant_id, id, created_at, deleted_at, NULL FROM leads
      UNION ALL SELECT 'TICKET', tenant_id, id, created_at, deleted_at, NULL FROM tickets) r
  ON r.k = h.entity_type AND r.tenant_id = h.tenant_id AND r.id = h.entity_id
WINDOW w AS (PARTITION BY h.tenant_id, h.entity_type, h.entity_id ORDER BY h.seq)
ON CONFLICT (tenant_id, history_id) DO NOTHING;--> statement-breakpoint
INSERT INTO analytics_activity_days (tenant_id, day, activity_type, created_by_user_id, assigned_group_id, n)
SELECT a.tenant_id, (a.activity_at AT TIME ZONE t.time_zone)::date, a.activity_type, a.created_by_user_id, a.assigned_group_id, count(*)
FROM activities a JOIN tenants t ON t.id = a.tenant_id
WHERE a.deleted_at IS NULL AND a.tenant_id NOT IN (SELECT d.tenant_id FROM analytics_activity_days d)
GROUP BY 1, 2, 3, 4, 5;--> statement-breakpoint
ALTER TABLE "stage_history" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "deals" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "leads" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tickets" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "activities" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Tenant isolation as 0002; a stay is seen as its record is (stage_history's read policy,
-- migration 0025), so a rep's metrics from the stays cover what they may see.
ALTER TABLE "analytics_stays" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_stays" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON "analytics_stays";--> statement-breakpoint
CREATE POLICY tenant_isolation ON "analytics_stays"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
DROP POLICY IF EXISTS access_child_read ON "analytics_stays";--> statement-breakpoint
CREATE POLICY access_child_read ON "analytics_stays" AS RESTRICTIVE FOR SELECT USING (
  ARRAY[entity_type] <@ (SELECT access_all_types(false)) OR CASE entity_type
    WHEN 'DEAL' THEN EXISTS (SELECT 1 FROM deals p WHERE p.tenant_id = analytics_stays.tenant_id AND p.id = analytics_stays.entity_id
      AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id, p.assigned_user_id, p.assigned_group_id] && (SELECT access_scope_ids('DEAL', false)), true))
    WHEN 'LEAD' THEN EXISTS (SELECT 1 FROM leads p WHERE p.tenant_id = analytics_stays.tenant_id AND p.id = analytics_stays.entity_id
      AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id] && (SELECT access_scope_ids('LEAD', false)), true))
    WHEN 'TICKET' THEN EXISTS (SELECT 1 FROM tickets p WHERE p.tenant_id = analytics_stays.tenant_id AND p.id = analytics_stays.entity_id
      AND coalesce(ARRAY[p.owned_by_user_id, p.owned_by_group_id, p.assigned_user_id, p.assigned_group_id] && (SELECT access_scope_ids('TICKET', false)), true))
    ELSE false END);--> statement-breakpoint
-- The activity counts are read only for viewers whose scope is every record
-- (lib/dashboards/rollup.ts); the rest get the raw query.
ALTER TABLE "analytics_activity_days" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_activity_days" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON "analytics_activity_days";--> statement-breakpoint
CREATE POLICY tenant_isolation ON "analytics_activity_days"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- The aggregates are kept by the writers' triggers as the functions' owner, past row level
-- security: a writer's statement changes what its records' stays and counts are, whether
-- or not the writer can read all of them afterwards (a record handed over, a count of
-- activities outside a rep's scope) — the rows they start from are the writer's own.
-- The activity counts are readable only by a viewer whose scope is every activity (the app
-- reads them only then: lib/dashboards/rollup.ts), so a forgotten check cannot show a rep
-- counts of activities outside their scope.
ALTER FUNCTION analytics_stays_from_history() SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp;--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_stays_from_history() FROM PUBLIC;--> statement-breakpoint
ALTER FUNCTION analytics_stays_from_record() SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp;--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_stays_from_record() FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_stays_sync(uuid[], crm_record_type[], uuid[]) FROM PUBLIC;--> statement-breakpoint
ALTER FUNCTION analytics_activity_days_apply() SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp;--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_activity_days_apply() FROM PUBLIC;--> statement-breakpoint
ALTER FUNCTION analytics_activity_days_zone() SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp;--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_activity_days_zone() FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_activity_days_rebuild(uuid) FROM PUBLIC;--> statement-breakpoint
DROP POLICY IF EXISTS access_all_read ON "analytics_activity_days";--> statement-breakpoint
CREATE POLICY access_all_read ON "analytics_activity_days" AS RESTRICTIVE FOR SELECT TO stageline_app
  USING ('ACTIVITY'::crm_record_type = any(access_all_types(false)));
