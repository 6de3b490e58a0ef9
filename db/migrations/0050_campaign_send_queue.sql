-- One send_campaign job at a time per campaign. The job key keeps one job waiting, but a key
-- does not cover a job that is running: graphile-worker clears a running job's key, so each
-- batch written while the campaign's job ran queued another, and a campaign of 10,000 had up
-- to eight send jobs at once, each with its own ten SMTP sends, in eight of the worker's ten
-- slots. A named queue runs its jobs one after another: the campaign's next job waits for
-- the one sending, and the other slots stay free for automations, lists and single sends.
CREATE OR REPLACE FUNCTION enqueue_campaign_send() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'send_campaign',
    json_build_object('tenantId', c.tenant_id, 'campaignId', c.campaign_id),
    queue_name := 'campaign-send:' || c.campaign_id::text,
    job_key := 'campaign-send:' || c.campaign_id::text,
    max_attempts := 25,
    priority := 10)
  FROM (SELECT DISTINCT tenant_id, campaign_id FROM new_rows WHERE campaign_id IS NOT NULL AND status = 'QUEUED') c;
  RETURN NULL;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_campaign_send() FROM PUBLIC;
