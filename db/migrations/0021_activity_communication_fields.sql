CREATE TYPE "public"."activity_direction" AS ENUM('INBOUND', 'OUTBOUND');--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "direction" "activity_direction";--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "meeting_location" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "meeting_attendees" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "pinned_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "activities_pinned_idx" ON "activities" USING btree ("tenant_id","record_type","record_id","pinned_at" DESC NULLS LAST) WHERE "activities"."pinned_at" is not null and "activities"."deleted_at" is null;