CREATE TYPE "public"."lead_rating" AS ENUM('hot', 'warm', 'cold');--> statement-breakpoint
CREATE TYPE "public"."lead_status" AS ENUM('new', 'contacted', 'qualified', 'unqualified', 'converted');--> statement-breakpoint
ALTER TABLE "leads" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
UPDATE "leads" SET "status" = 'new' WHERE "status" NOT IN ('new', 'contacted', 'qualified', 'unqualified', 'converted');--> statement-breakpoint
ALTER TABLE "leads" ALTER COLUMN "status" SET DATA TYPE "public"."lead_status" USING "status"::"public"."lead_status";--> statement-breakpoint
ALTER TABLE "leads" ALTER COLUMN "status" SET DEFAULT 'new'::"public"."lead_status";--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "rating" "lead_rating";--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "utm_source" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "utm_medium" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "utm_campaign" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "utm_content" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "utm_term" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "landing_page" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "referrer" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "budget" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "authority" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "need" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "timeline" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "disqualified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "converted_contact_id" uuid;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "converted_company_id" uuid;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "converted_deal_id" uuid;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_converted_contact_fk" FOREIGN KEY ("tenant_id","converted_contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_converted_company_fk" FOREIGN KEY ("tenant_id","converted_company_id") REFERENCES "public"."companies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leads_score_idx" ON "leads" USING btree ("tenant_id","score");--> statement-breakpoint
CREATE INDEX "leads_converted_contact_idx" ON "leads" USING btree ("tenant_id","converted_contact_id");--> statement-breakpoint
CREATE INDEX "leads_converted_company_idx" ON "leads" USING btree ("tenant_id","converted_company_id");--> statement-breakpoint
UPDATE "leads" SET "score" = least(greatest("score", 0), 100) WHERE "score" NOT BETWEEN 0 AND 100;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_score_range" CHECK ("leads"."score" >= 0 and "leads"."score" <= 100);