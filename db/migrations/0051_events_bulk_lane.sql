-- The relay's two lanes (lib/events/emit.ts BULK_LANE, lib/events/dispatcher.ts): events written
-- many at once (an import's batch, a campaign's, a list refresh) are marked bulk and
-- dispatched after the tenant's other due events, oldest first within each lane. The pending
-- index leads with the lane so "next due events" stays one index range either way.
DROP INDEX "domain_events_pending_idx";--> statement-breakpoint
ALTER TABLE "domain_events" ADD COLUMN "bulk" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "domain_events_pending_idx" ON "domain_events" USING btree ("tenant_id","bulk","seq") WHERE "domain_events"."dispatched_at" is null;