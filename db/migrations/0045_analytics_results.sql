CREATE TABLE "analytics_results" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"viewer_user_id" uuid,
	"viewer_role" text NOT NULL,
	"result" jsonb NOT NULL,
	"data_version" bigint NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"viewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_results_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
ALTER TABLE "analytics_results" ADD CONSTRAINT "analytics_results_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_results_viewed_idx" ON "analytics_results" USING btree ("tenant_id","viewed_at");--> statement-breakpoint
-- Tenant isolation as 0002, and a row is read back only by the viewer it was computed for
-- (the worker, as the system, lists them to refresh each as its viewer).
ALTER TABLE "analytics_results" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_results" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "analytics_results"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
    AND (coalesce(nullif(current_setting('app.actor_role', true), ''), 'system') = 'system'
      OR viewer_user_id IS NOT DISTINCT FROM nullif(current_setting('app.user_id', true), '')::uuid))
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
    AND (coalesce(nullif(current_setting('app.actor_role', true), ''), 'system') = 'system'
      OR viewer_user_id IS NOT DISTINCT FROM nullif(current_setting('app.user_id', true), '')::uuid));--> statement-breakpoint
-- The data version of the transaction's tenant: its newest domain event. Every write emits
-- one in its transaction (lib/events/emit.ts), so a cached result computed at a lower
-- version may be stale. Read past the events' access scopes (a rep's version must move when
-- anyone's record does): one backward step of domain_events_seq_idx. Returns a number only.
CREATE FUNCTION analytics_data_version()
RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT coalesce(max(e.seq), 0) FROM domain_events e
  WHERE e.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_data_version() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION analytics_data_version() TO stageline_app;--> statement-breakpoint
-- What the actor's access scopes are, as one hash: the role and, per record type, the ids
-- access_scope_ids allows reading ('all' for none). A cached result is keyed by it, so a
-- change of role, group or policy never serves a result computed under another scope.
CREATE FUNCTION analytics_scope_signature()
RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
  SELECT md5(coalesce(nullif(current_setting('app.actor_role', true), ''), 'system') || ':' ||
    string_agg(t::text || '=' || coalesce((SELECT string_agg(x::text, ',' ORDER BY x) FROM unnest(access_scope_ids(t, false)) x), 'all'), '|' ORDER BY t))
  FROM unnest(enum_range(NULL::crm_record_type)) t
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION analytics_scope_signature() TO stageline_app;--> statement-breakpoint
-- The worker's refresh of the tenant's cached analytics (lib/analytics/refresh.ts), queued
-- by stale reads and by the analytics consumer. One job per tenant (job_key), whose run time
-- is kept when queued again (preserve_run_at): changes within `p_delay` seconds coalesce
-- into one refresh, so a busy tenant is refreshed at most about once per `p_delay`.
-- `p_if_viewed` (the consumer): only when some result was viewed in the last day. Returns
-- when the job will run (null: nothing queued).
CREATE FUNCTION enqueue_analytics_refresh(p_delay integer, p_if_viewed boolean)
RETURNS timestamptz LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_run_at timestamptz;
BEGIN
  IF v_tenant IS NULL THEN
    RETURN NULL;
  END IF;
  IF p_if_viewed AND NOT EXISTS (
    SELECT 1 FROM analytics_results r WHERE r.tenant_id = v_tenant AND r.viewed_at > now() - interval '1 day'
  ) THEN
    RETURN NULL;
  END IF;
  SELECT j.run_at INTO v_run_at FROM graphile_worker.add_job(
    'refresh_analytics',
    json_build_object('tenantId', v_tenant),
    run_at := now() + make_interval(secs => greatest(p_delay, 0)),
    job_key := 'analytics:' || v_tenant::text,
    job_key_mode := 'preserve_run_at',
    max_attempts := 3) j;
  RETURN v_run_at;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_analytics_refresh(integer, boolean) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION enqueue_analytics_refresh(integer, boolean) TO stageline_app;
