-- The client plans every statement afresh (db/client.ts: plan_cache_mode force_custom_plan,
-- right for the app's own queries over tenants of very different sizes). It also reached
-- the statements inside these PL/pgSQL functions, which run on every write or read of a
-- scoped table: stage_history's seq trigger re-planned its max(seq) under the long
-- access_child_read policy on each insert (~8 ms of a lead conversion's three inserts),
-- and access_scope_ids / access_all_types re-planned their lookups for every statement
-- under an access policy. Their statements are key lookups of fixed shape, so within
-- these functions cached (generic) plans are used.
ALTER FUNCTION stage_history_next_seq() SET plan_cache_mode = 'auto';
--> statement-breakpoint
ALTER FUNCTION access_scope_ids(crm_record_type, boolean) SET plan_cache_mode = 'auto';
--> statement-breakpoint
ALTER FUNCTION access_all_types(boolean) SET plan_cache_mode = 'auto';
--> statement-breakpoint
ALTER FUNCTION audit_domain_events() SET plan_cache_mode = 'auto';
--> statement-breakpoint
ALTER FUNCTION api_key_check(uuid, uuid, tenant_role, uuid) SET plan_cache_mode = 'auto';
-- (A later CREATE OR REPLACE of one of them must repeat its SET clause.)
