-- Campaign and sequence emails yield to the worker's other jobs: their send_email jobs go at
-- a lower priority (graphile-worker runs the lowest number first), so automations, list
-- refreshes and an email sent by hand from a record do not wait behind a campaign's
-- thousands of queued sends. Same job as before otherwise (migration campaigns_sequences).
CREATE OR REPLACE FUNCTION enqueue_email_send() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'send_email',
    json_build_object('tenantId', NEW.tenant_id, 'emailId', NEW.id),
    run_at := greatest(coalesce(NEW.scheduled_at, now()), now()),
    job_key := 'email:' || NEW.id::text,
    max_attempts := 5,
    priority := CASE WHEN NEW.campaign_id IS NOT NULL OR NEW.sequence_step_id IS NOT NULL THEN 10 ELSE 0 END);
  RETURN NEW;
END $$;
