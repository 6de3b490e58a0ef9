-- Background jobs that sweep every tenant (the periodic dynamic-list refresh, the
-- recovery of automation executions a crashed worker left behind) need the list of
-- tenants before any tenant is known. Like the auth_* functions of 0002 this runs with
-- its owner's rights and returns only ids; each tenant's work then runs in withTenant.
CREATE FUNCTION worker_tenant_ids()
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT t.id FROM tenants t ORDER BY t.id
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION worker_tenant_ids() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION worker_tenant_ids() TO stageline_app;
