-- The new automation tables are tenant tables: RLS enabled, forced, one policy (as 0002).
ALTER TABLE published_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE published_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON published_events
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE ai_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ai_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON ai_settings
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- The execution hand-off, like the outbox's: an execution row that is (again) PENDING
-- always has its job, in the same transaction, due at next_attempt_at (a retry's
-- backoff) or now. One job key per execution: re-queuing replaces a waiting job, and a
-- job that is running (locked) gets a fresh successor instead. The app role cannot
-- reach the job queue's schema, hence SECURITY DEFINER.
CREATE FUNCTION enqueue_automation_execution() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'run_automation_execution',
    json_build_object('tenantId', NEW.tenant_id, 'executionId', NEW.id),
    run_at := coalesce(NEW.next_attempt_at, now()),
    job_key := 'automation-execution:' || NEW.id::text,
    max_attempts := 10);
  RETURN NEW;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_automation_execution() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER automation_executions_enqueue_insert AFTER INSERT ON automation_action_executions
  FOR EACH ROW WHEN (NEW.status = 'PENDING') EXECUTE FUNCTION enqueue_automation_execution();
--> statement-breakpoint
CREATE TRIGGER automation_executions_enqueue_update AFTER UPDATE OF status, next_attempt_at ON automation_action_executions
  FOR EACH ROW WHEN (NEW.status = 'PENDING' AND (OLD.status <> 'PENDING' OR NEW.next_attempt_at IS DISTINCT FROM OLD.next_attempt_at))
  EXECUTE FUNCTION enqueue_automation_execution();
--> statement-breakpoint
-- Live readers of published events (GET /events/stream) hear about each one on commit,
-- on the live channel of 0002 (lib/live). No entity type: board streams ignore it.
CREATE FUNCTION notify_published_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM pg_notify('stageline_events', json_build_object(
    'tenantId', NEW.tenant_id, 'eventId', NEW.id, 'type', 'published_event', 'entityType', NULL, 'entityId', NULL)::text);
  RETURN NEW;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION notify_published_event() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER published_events_notify AFTER INSERT ON published_events
  FOR EACH ROW EXECUTE FUNCTION notify_published_event();
