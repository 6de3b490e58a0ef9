-- Live signals for the browser's one stream (lib/live, GET /api/board-stream). Besides the
-- outbox events (0014: NOTIFY on 'stageline_events'), three changes that are not domain
-- events reach the open tabs on commit:
--   list.changed          a list's row changed (members counted, refreshed, edited)
--   notification.changed  a user's notifications were written or marked read
--   execution.changed     automation executions were queued or changed status
-- They go out on a channel of their own, 'stageline_live', so the outbox relay (which
-- LISTENs on 'stageline_events' and drains a tenant per notification) is not woken by
-- them. Triggers rather than calls in each writer: executions change status in five
-- places (the dispatch's insert, the claim's hand-written SQL, the outcome, the sweep,
-- a retry) and notifications are written by two consumers; a trigger cannot be forgotten
-- by the next one. A NOTIFY is sent only if its transaction commits. One NOTIFY per
-- statement and tenant (per list, per user), never per row, and ids only: a stream
-- filters them by tenant, topic and user (lib/live/sse.ts), and the browser re-reads
-- through the access-scoped queries.
CREATE FUNCTION notify_live_lists() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM pg_notify('stageline_live', json_build_object('tenantId', r.tenant_id, 'type', 'list.changed', 'listId', r.id)::text)
  FROM (SELECT DISTINCT tenant_id, id FROM changed_rows) r;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION notify_live_notifications() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM pg_notify('stageline_live', json_build_object('tenantId', r.tenant_id, 'type', 'notification.changed', 'userId', r.user_id)::text)
  FROM (SELECT DISTINCT tenant_id, user_id FROM changed_rows) r;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The ids of at most 50 executions and automations; null beyond (a bulk change: re-read).
CREATE FUNCTION notify_live_executions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM pg_notify('stageline_live', json_build_object(
    'tenantId', r.tenant_id, 'type', 'execution.changed',
    'automationIds', CASE WHEN r.automations <= 50 THEN r.automation_ids END,
    'executionIds', CASE WHEN r.executions <= 50 THEN r.execution_ids END)::text)
  FROM (
    SELECT tenant_id, count(*) AS executions, json_agg(id) AS execution_ids,
           count(DISTINCT action_id) AS automations, json_agg(DISTINCT action_id) AS automation_ids
    FROM changed_rows GROUP BY tenant_id
  ) r;
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION notify_live_lists(), notify_live_notifications(), notify_live_executions() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER lists_live_update AFTER UPDATE ON lists
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_live_lists();
--> statement-breakpoint
CREATE TRIGGER notifications_live_insert AFTER INSERT ON notifications
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_live_notifications();
--> statement-breakpoint
CREATE TRIGGER notifications_live_update AFTER UPDATE ON notifications
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_live_notifications();
--> statement-breakpoint
CREATE TRIGGER automation_executions_live_insert AFTER INSERT ON automation_action_executions
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_live_executions();
--> statement-breakpoint
CREATE TRIGGER automation_executions_live_update AFTER UPDATE ON automation_action_executions
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_live_executions();
