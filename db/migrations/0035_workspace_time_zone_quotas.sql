ALTER TABLE "tenants" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;
--> statement-breakpoint
CREATE TYPE "public"."quota_period" AS ENUM('MONTH', 'QUARTER', 'YEAR');--> statement-breakpoint
CREATE TABLE "quotas" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"group_id" uuid,
	"period" "quota_period" NOT NULL,
	"start" date NOT NULL,
	"revenue_target" numeric(18, 2),
	"deals_target" integer,
	"calls_target" integer,
	"meetings_target" integer,
	"deal_types" "deal_type"[] DEFAULT '{}'::deal_type[] NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quotas_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "quotas_one_target" CHECK (("quotas"."user_id" is null) <> ("quotas"."group_id" is null)),
	CONSTRAINT "quotas_targets_non_negative" CHECK (coalesce("quotas"."revenue_target", 0) >= 0 and coalesce("quotas"."deals_target", 0) >= 0 and coalesce("quotas"."calls_target", 0) >= 0 and coalesce("quotas"."meetings_target", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_group_fk" FOREIGN KEY ("tenant_id","group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quotas_user_idx" ON "quotas" USING btree ("tenant_id","user_id","start");--> statement-breakpoint
CREATE INDEX "quotas_group_idx" ON "quotas" USING btree ("tenant_id","group_id","start");--> statement-breakpoint
-- Tenant isolation, as 0002 does for every tenant table.
ALTER TABLE "quotas" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "quotas" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "quotas"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
