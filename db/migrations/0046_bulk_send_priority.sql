-- Campaign emails go out in batches, one send_campaign job per campaign (lib/campaigns/send.ts)
-- instead of a send_email job per email: the statement that writes a batch's emails queues
-- (or moves to now) that one job. Sequence emails keep their own send_email job, like an
-- email sent by hand, but at a lower priority, as the campaign's job is (graphile-worker
-- runs the lowest number first): automations, list refreshes and single sends never wait
-- behind a campaign.
CREATE OR REPLACE FUNCTION enqueue_email_send() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'send_email',
    json_build_object('tenantId', NEW.tenant_id, 'emailId', NEW.id),
    run_at := greatest(coalesce(NEW.scheduled_at, now()), now()),
    job_key := 'email:' || NEW.id::text,
    max_attempts := 5,
    priority := CASE WHEN NEW.sequence_step_id IS NOT NULL THEN 10 ELSE 0 END);
  RETURN NEW;
END $$;--> statement-breakpoint
DROP TRIGGER email_messages_enqueue ON "email_messages";--> statement-breakpoint
CREATE TRIGGER email_messages_enqueue AFTER INSERT ON "email_messages"
  FOR EACH ROW WHEN (NEW.status = 'QUEUED' AND NEW.campaign_id IS NULL) EXECUTE FUNCTION enqueue_email_send();--> statement-breakpoint
CREATE FUNCTION enqueue_campaign_send() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM graphile_worker.add_job(
    'send_campaign',
    json_build_object('tenantId', c.tenant_id, 'campaignId', c.campaign_id),
    job_key := 'campaign-send:' || c.campaign_id::text,
    max_attempts := 25,
    priority := 10)
  FROM (SELECT DISTINCT tenant_id, campaign_id FROM new_rows WHERE campaign_id IS NOT NULL AND status = 'QUEUED') c;
  RETURN NULL;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_campaign_send() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER email_messages_enqueue_campaign AFTER INSERT ON "email_messages"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enqueue_campaign_send();
