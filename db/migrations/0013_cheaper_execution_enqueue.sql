-- Cheaper job enqueues for automation executions (the triggers of 0010), measured with
-- pg_stat_statements on the delivery path.
--
-- 1. The trigger functions plan with plan_cache_mode = auto. The app's connections use
--    force_custom_plan (db/client.ts: searches and filters need plans that see their
--    values), which a function inherits: graphile-worker's add_job(s), a dozen
--    statements of fixed shape, were planned afresh on every call.
-- 2. A new execution's first job has no key: no other job can exist for it yet, and
--    without one graphile-worker skips its upsert path (about 1 ms per call). The key
--    keeps its meaning for re-queues (the update trigger): a retry replaces a waiting job.
--    Duplicate jobs are harmless anyway: only a PENDING execution can be claimed.
ALTER FUNCTION enqueue_automation_execution() SET plan_cache_mode = auto;
--> statement-breakpoint
CREATE FUNCTION enqueue_new_automation_execution() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public SET plan_cache_mode = auto AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'run_automation_execution',
    json_build_object('tenantId', NEW.tenant_id, 'executionId', NEW.id),
    run_at := coalesce(NEW.next_attempt_at, now()),
    max_attempts := 10);
  RETURN NEW;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_new_automation_execution() FROM PUBLIC;
--> statement-breakpoint
DROP TRIGGER automation_executions_enqueue_insert ON automation_action_executions;
--> statement-breakpoint
CREATE TRIGGER automation_executions_enqueue_insert AFTER INSERT ON automation_action_executions
  FOR EACH ROW WHEN (NEW.status = 'PENDING') EXECUTE FUNCTION enqueue_new_automation_execution();
