CREATE TABLE "dashboard_widgets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"dashboard_id" uuid NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"width" integer DEFAULT 2 NOT NULL,
	"height" integer DEFAULT 1 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_widgets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "dashboard_widgets_size" CHECK ("dashboard_widgets"."width" between 1 and 4 and "dashboard_widgets"."height" between 1 and 2)
);
--> statement-breakpoint
CREATE TABLE "dashboards" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"owner_user_id" uuid,
	"visibility" text DEFAULT 'workspace' NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboards_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "dashboards_visibility" CHECK ("dashboards"."visibility" in ('private', 'workspace')),
	CONSTRAINT "dashboards_private_has_owner" CHECK ("dashboards"."visibility" = 'workspace' or "dashboards"."owner_user_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "dashboard_widgets" ADD CONSTRAINT "dashboard_widgets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_widgets" ADD CONSTRAINT "dashboard_widgets_dashboard_fk" FOREIGN KEY ("tenant_id","dashboard_id") REFERENCES "public"."dashboards"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboards" ADD CONSTRAINT "dashboards_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboards" ADD CONSTRAINT "dashboards_owner_fk" FOREIGN KEY ("tenant_id","owner_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dashboard_widgets_dashboard_idx" ON "dashboard_widgets" USING btree ("tenant_id","dashboard_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "dashboards_one_default" ON "dashboards" USING btree ("tenant_id") WHERE "dashboards"."is_default";--> statement-breakpoint
CREATE INDEX "dashboards_owner_idx" ON "dashboards" USING btree ("tenant_id","owner_user_id");--> statement-breakpoint
-- Tenant isolation, as 0002 does for every tenant table.
ALTER TABLE "dashboards" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "dashboards" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "dashboards"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "dashboard_widgets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "dashboard_widgets" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "dashboard_widgets"
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
