-- Cheaper job enqueues in the writing transaction (the outbox of 0012, the automation
-- executions of 0010); measured on a stage move, whose own statements cost about 1.5 ms.
--
-- 1. The outbox's dispatch jobs lose their job key. The key ('event:<id>') sent every
--    enqueue down graphile-worker's upsert path (about 1 ms more per statement), and
--    nothing ever enqueued an event twice under it: a repeated job is harmless anyway,
--    since each consumer records its delivery in event_deliveries (lib/events).
-- 2. Both trigger functions plan with plan_cache_mode = auto. The app's connections use
--    force_custom_plan (db/client.ts: searches and filters need plans that see their
--    values), which a function inherits: graphile-worker's add_job(s), a dozen
--    statements of fixed shape, were planned afresh on every call.
CREATE OR REPLACE FUNCTION enqueue_domain_events() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public SET plan_cache_mode = auto AS $$
BEGIN
  PERFORM graphile_worker.add_jobs(ARRAY(
    SELECT ROW('dispatch_event', json_build_object('tenantId', n.tenant_id, 'eventId', n.id),
               NULL, NULL, 25, NULL, NULL, NULL)::graphile_worker.job_spec
    FROM new_events n ORDER BY n.seq));
  PERFORM pg_notify('stageline_events', json_build_object(
    'tenantId', n.tenant_id, 'eventId', n.id, 'type', n.event_type,
    'entityType', n.entity_type, 'entityId', n.entity_id)::text)
  FROM new_events n ORDER BY n.seq;
  RETURN NULL;
END $$;
--> statement-breakpoint
ALTER FUNCTION enqueue_automation_execution() SET plan_cache_mode = auto;
--> statement-breakpoint
-- 3. A new execution's first job needs no key either: no other job can exist for it yet
--    (the key keeps its meaning for re-queues, below: a retry replaces a waiting job).
--    Duplicate jobs are harmless anyway: only a PENDING execution can be claimed.
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
