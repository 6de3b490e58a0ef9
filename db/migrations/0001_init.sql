CREATE TYPE "public"."action_execution_status" AS ENUM('PENDING', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."activity_type" AS ENUM('CALL', 'EMAIL', 'MEETING', 'NOTE', 'TASK');--> statement-breakpoint
CREATE TYPE "public"."automation_action_type" AS ENUM('WEBHOOK', 'WORKFLOW', 'EVENT', 'AIWORKER');--> statement-breakpoint
CREATE TYPE "public"."automation_scope_type" AS ENUM('RECORD', 'PIPELINE', 'PIPELINE_STAGE', 'LIST', 'ENTITY');--> statement-breakpoint
CREATE TYPE "public"."change_source" AS ENUM('USER', 'API', 'AUTOMATION', 'IMPORT', 'SYSTEM');--> statement-breakpoint
CREATE TYPE "public"."crm_record_type" AS ENUM('CONTACT', 'COMPANY', 'DEAL', 'LEAD', 'TICKET', 'ACTIVITY', 'PIPELINE', 'LIST');--> statement-breakpoint
CREATE TYPE "public"."custom_field_type" AS ENUM('TEXT', 'NUMBER', 'DATE', 'SELECT', 'MULTI_SELECT', 'CHECKBOX', 'URL');--> statement-breakpoint
CREATE TYPE "public"."deal_status" AS ENUM('open', 'won', 'lost');--> statement-breakpoint
CREATE TYPE "public"."deal_type" AS ENUM('NEW', 'RENEWAL', 'UPSELL', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."list_membership_source" AS ENUM('RULE', 'MANUAL', 'AUTOMATION', 'IMPORT');--> statement-breakpoint
CREATE TYPE "public"."list_object_type" AS ENUM('CONTACT', 'COMPANY', 'DEAL', 'LEAD', 'TICKET', 'ACTIVITY');--> statement-breakpoint
CREATE TYPE "public"."list_processing_type" AS ENUM('STATIC', 'DYNAMIC');--> statement-breakpoint
CREATE TYPE "public"."pipeline_movement_mode" AS ENUM('FLEXIBLE', 'ENFORCED');--> statement-breakpoint
CREATE TYPE "public"."pipeline_object_type" AS ENUM('COMPANY', 'CONTACT', 'DEAL', 'LEAD', 'TICKET');--> statement-breakpoint
CREATE TYPE "public"."pipeline_stage_state" AS ENUM('NOT_STARTED', 'IN_PROGRESS', 'DONE_SUCCESS', 'DONE_FAILED');--> statement-breakpoint
CREATE TYPE "public"."pipeline_stage_type" AS ENUM('OPEN', 'SUCCESS', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."principal_type" AS ENUM('USER', 'GROUP');--> statement-breakpoint
CREATE TYPE "public"."priority" AS ENUM('low', 'medium', 'high', 'urgent');--> statement-breakpoint
CREATE TYPE "public"."tenant_role" AS ENUM('admin', 'manager', 'sales_rep', 'readonly');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"role" "tenant_role" NOT NULL,
	"key_prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "api_keys_hash_key" UNIQUE("tenant_id","key_hash")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"role" "tenant_role" NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "invitations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "invitations_token_key" UNIQUE("tenant_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "tenant_group_members" (
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_group_members_tenant_id_group_id_user_id_pk" PRIMARY KEY("tenant_id","group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "tenant_groups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_groups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "tenant_groups_name_key" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "tenant_users" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "tenant_role" DEFAULT 'sales_rep' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deactivated_at" timestamp with time zone,
	CONSTRAINT "tenant_users_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"default_currency" text DEFAULT 'USD' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"activity_type" "activity_type" NOT NULL,
	"subject" text NOT NULL,
	"body" text,
	"record_type" "crm_record_type",
	"record_id" uuid,
	"activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"reminder_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by_user_id" uuid,
	"priority" "priority",
	"outcome" text,
	"duration_seconds" integer,
	"recurrence_rule" text,
	"parent_activity_id" uuid,
	"assigned_user_id" uuid,
	"assigned_group_id" uuid,
	"created_by_user_id" uuid,
	"details_json" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "activities_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owned_by_user_id" uuid,
	"owned_by_group_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pipeline_id" uuid,
	"stage_id" uuid,
	"stage_entered_at" timestamp with time zone,
	"position" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"name" text NOT NULL,
	"domain" text,
	"industry" text,
	"website" text,
	"phone" text,
	"employee_count" integer,
	"annual_revenue" numeric(18, 2),
	"currency" text,
	"description" text,
	"address" jsonb,
	CONSTRAINT "companies_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owned_by_user_id" uuid,
	"owned_by_group_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pipeline_id" uuid,
	"stage_id" uuid,
	"stage_entered_at" timestamp with time zone,
	"position" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"first_name" text,
	"last_name" text,
	"email" text,
	"phone" text,
	"mobile_phone" text,
	"job_title" text,
	"department" text,
	"company_id" uuid,
	"lifecycle_stage" text,
	"linkedin_url" text,
	"email_opt_in" boolean DEFAULT false NOT NULL,
	"do_not_call" boolean DEFAULT false NOT NULL,
	"last_contacted_at" timestamp with time zone,
	CONSTRAINT "contacts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "contacts_has_identity" CHECK (coalesce("contacts"."first_name", "contacts"."last_name", "contacts"."email") is not null)
);
--> statement-breakpoint
CREATE TABLE "custom_field_definitions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"object_type" "list_object_type" NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"field_type" "custom_field_type" NOT NULL,
	"options" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_required" boolean DEFAULT false NOT NULL,
	"display_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_field_definitions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "custom_field_definitions_key_key" UNIQUE("tenant_id","object_type","key"),
	CONSTRAINT "custom_field_definitions_key_format" CHECK ("custom_field_definitions"."key" ~ '^[a-zA-Z][a-zA-Z0-9_]*$')
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owned_by_user_id" uuid,
	"owned_by_group_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pipeline_id" uuid,
	"stage_id" uuid,
	"stage_entered_at" timestamp with time zone,
	"position" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"name" text NOT NULL,
	"amount" numeric(18, 2),
	"currency" text DEFAULT 'USD' NOT NULL,
	"deal_type" "deal_type",
	"close_date" date,
	"forecast_probability" numeric(5, 4),
	"status" "deal_status" DEFAULT 'open' NOT NULL,
	"company_id" uuid,
	"contact_id" uuid,
	"lead_id" uuid,
	"assigned_user_id" uuid,
	"assigned_group_id" uuid,
	"won_reason" text,
	"lost_reason" text,
	"closed_at" timestamp with time zone,
	CONSTRAINT "deals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "deals_forecast_probability_range" CHECK ("deals"."forecast_probability" is null or ("deals"."forecast_probability" >= 0 and "deals"."forecast_probability" <= 1)),
	CONSTRAINT "deals_amount_non_negative" CHECK ("deals"."amount" is null or "deals"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owned_by_user_id" uuid,
	"owned_by_group_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pipeline_id" uuid,
	"stage_id" uuid,
	"stage_entered_at" timestamp with time zone,
	"position" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"first_name" text,
	"last_name" text,
	"email" text,
	"phone" text,
	"job_title" text,
	"company_name" text,
	"source" text,
	"status" text DEFAULT 'new' NOT NULL,
	"score" integer DEFAULT 0 NOT NULL,
	"priority" "priority",
	"converted_at" timestamp with time zone,
	"disqualified_reason" text,
	CONSTRAINT "leads_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "record_changes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_type" "crm_record_type" NOT NULL,
	"record_id" uuid NOT NULL,
	"changed_by_user_id" uuid,
	"source" "change_source" DEFAULT 'USER' NOT NULL,
	"changes" jsonb NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_changes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"object_type" "list_object_type" NOT NULL,
	"name" text NOT NULL,
	"filter" jsonb,
	"sort" text,
	"columns" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_views_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "saved_views_name_key" UNIQUE("tenant_id","user_id","object_type","name")
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"color" text DEFAULT '#64748b' NOT NULL,
	"category" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tags_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "tags_name_key" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owned_by_user_id" uuid,
	"owned_by_group_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pipeline_id" uuid,
	"stage_id" uuid,
	"stage_entered_at" timestamp with time zone,
	"position" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"subject" text NOT NULL,
	"description" text,
	"priority" "priority" DEFAULT 'medium' NOT NULL,
	"contact_id" uuid,
	"company_id" uuid,
	"assigned_user_id" uuid,
	"assigned_group_id" uuid,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "tickets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "pipeline_stages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"name" text NOT NULL,
	"display_order" integer NOT NULL,
	"stage_state" "pipeline_stage_state" DEFAULT 'NOT_STARTED' NOT NULL,
	"stage_type" "pipeline_stage_type" DEFAULT 'OPEN' NOT NULL,
	"probability" numeric(5, 4) DEFAULT '0' NOT NULL,
	"color" text DEFAULT '#64748b' NOT NULL,
	"inherit_pipeline_actions" boolean DEFAULT true NOT NULL,
	"required_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"expected_days" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pipeline_stages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "pipeline_stages_probability_range" CHECK ("pipeline_stages"."probability" >= 0 and "pipeline_stages"."probability" <= 1),
	CONSTRAINT "pipeline_stages_expected_days_positive" CHECK ("pipeline_stages"."expected_days" is null or "pipeline_stages"."expected_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "pipelines" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"object_type" "pipeline_object_type" NOT NULL,
	"pipeline_key" text NOT NULL,
	"display_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"movement_mode" "pipeline_movement_mode" DEFAULT 'FLEXIBLE' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pipelines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "pipelines_key_key" UNIQUE("tenant_id","object_type","pipeline_key")
);
--> statement-breakpoint
CREATE TABLE "stage_history" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"entity_type" "crm_record_type" NOT NULL,
	"entity_id" uuid NOT NULL,
	"pipeline_id" uuid,
	"from_stage_id" uuid,
	"to_stage_id" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by_user_id" uuid,
	"source" "change_source" DEFAULT 'USER' NOT NULL,
	"is_override" boolean DEFAULT false NOT NULL,
	"override_reason" text,
	"reason" text,
	CONSTRAINT "stage_history_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "list_membership_log" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"list_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"action" text NOT NULL,
	"source" "list_membership_source" NOT NULL,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "list_membership_log_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "list_memberships" (
	"tenant_id" uuid NOT NULL,
	"list_id" uuid NOT NULL,
	"member_type" "list_object_type" NOT NULL,
	"member_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" "list_membership_source" DEFAULT 'MANUAL' NOT NULL,
	"added_by_user_id" uuid,
	CONSTRAINT "list_memberships_tenant_id_list_id_member_id_pk" PRIMARY KEY("tenant_id","list_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "lists" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"object_type" "list_object_type" NOT NULL,
	"processing_type" "list_processing_type" DEFAULT 'STATIC' NOT NULL,
	"filter" jsonb,
	"is_archived" boolean DEFAULT false NOT NULL,
	"owner_user_id" uuid,
	"member_count" integer DEFAULT 0 NOT NULL,
	"last_refreshed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lists_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"record_type" "crm_record_type",
	"record_id" uuid,
	"event_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "record_watchers" (
	"tenant_id" uuid NOT NULL,
	"record_type" "crm_record_type" NOT NULL,
	"record_id" uuid NOT NULL,
	"principal_type" "principal_type" NOT NULL,
	"principal_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_user_id" uuid,
	CONSTRAINT "record_watchers_tenant_id_record_type_record_id_principal_type_principal_id_pk" PRIMARY KEY("tenant_id","record_type","record_id","principal_type","principal_id")
);
--> statement-breakpoint
CREATE TABLE "automation_action_executions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"event_id" uuid,
	"entity_type" "crm_record_type" NOT NULL,
	"entity_id" uuid NOT NULL,
	"pipeline_id" uuid,
	"from_stage_id" uuid,
	"to_stage_id" uuid,
	"list_id" uuid,
	"trigger_event" text NOT NULL,
	"execution_key" text NOT NULL,
	"status" "action_execution_status" DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"request" jsonb,
	"response_code" integer,
	"response_body" text,
	"error_message" text,
	"next_attempt_at" timestamp with time zone,
	"triggered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "automation_action_executions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "automation_action_executions_key_key" UNIQUE("tenant_id","execution_key")
);
--> statement-breakpoint
CREATE TABLE "automation_actions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"entity_type" "crm_record_type" NOT NULL,
	"scope_type" "automation_scope_type" NOT NULL,
	"pipeline_id" uuid,
	"stage_id" uuid,
	"list_id" uuid,
	"record_type" "crm_record_type",
	"record_id" uuid,
	"trigger_event" text NOT NULL,
	"condition_json" jsonb,
	"action_type" "automation_action_type" NOT NULL,
	"config_json" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"priority" integer DEFAULT 100 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"inherit_pipeline_actions" boolean DEFAULT true NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "automation_actions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "automation_actions_scope_target" CHECK (case "automation_actions"."scope_type"
    when 'ENTITY' then "automation_actions"."pipeline_id" is null and "automation_actions"."stage_id" is null and "automation_actions"."list_id" is null and "automation_actions"."record_id" is null and "automation_actions"."record_type" is null
    when 'PIPELINE' then "automation_actions"."pipeline_id" is not null and "automation_actions"."stage_id" is null and "automation_actions"."list_id" is null and "automation_actions"."record_id" is null and "automation_actions"."record_type" is null
    when 'PIPELINE_STAGE' then "automation_actions"."stage_id" is not null and "automation_actions"."pipeline_id" is null and "automation_actions"."list_id" is null and "automation_actions"."record_id" is null and "automation_actions"."record_type" is null
    when 'LIST' then "automation_actions"."list_id" is not null and "automation_actions"."pipeline_id" is null and "automation_actions"."stage_id" is null and "automation_actions"."record_id" is null and "automation_actions"."record_type" is null
    when 'RECORD' then "automation_actions"."record_id" is not null and "automation_actions"."record_type" is not null and "automation_actions"."pipeline_id" is null and "automation_actions"."stage_id" is null and "automation_actions"."list_id" is null
  end)
);
--> statement-breakpoint
CREATE TABLE "automation_execution_attempts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"execution_id" uuid NOT NULL,
	"attempt_no" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"response_code" integer,
	"error_message" text,
	CONSTRAINT "automation_execution_attempts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "domain_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "domain_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_type" text NOT NULL,
	"entity_type" "crm_record_type",
	"entity_id" uuid,
	"actor_user_id" uuid,
	"source" "change_source" DEFAULT 'USER' NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "domain_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "event_deliveries" (
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"consumer" text NOT NULL,
	"delivered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_deliveries_tenant_id_event_id_consumer_pk" PRIMARY KEY("tenant_id","event_id","consumer")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_created_by_user_id_tenant_users_tenant_id_user_id_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_id_invited_by_user_id_tenant_users_tenant_id_user_id_fk" FOREIGN KEY ("tenant_id","invited_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_group_members" ADD CONSTRAINT "tenant_group_members_tenant_id_group_id_tenant_groups_tenant_id_id_fk" FOREIGN KEY ("tenant_id","group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_group_members" ADD CONSTRAINT "tenant_group_members_tenant_id_user_id_tenant_users_tenant_id_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_groups" ADD CONSTRAINT "tenant_groups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_users" ADD CONSTRAINT "tenant_users_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_users" ADD CONSTRAINT "tenant_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_assigned_user_fk" FOREIGN KEY ("tenant_id","assigned_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_assigned_group_fk" FOREIGN KEY ("tenant_id","assigned_group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_completed_by_fk" FOREIGN KEY ("tenant_id","completed_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_parent_fk" FOREIGN KEY ("tenant_id","parent_activity_id") REFERENCES "public"."activities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_owner_user_fk" FOREIGN KEY ("tenant_id","owned_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_owner_group_fk" FOREIGN KEY ("tenant_id","owned_by_group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_pipeline_fk" FOREIGN KEY ("tenant_id","pipeline_id") REFERENCES "public"."pipelines"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_stage_fk" FOREIGN KEY ("tenant_id","stage_id") REFERENCES "public"."pipeline_stages"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_owner_user_fk" FOREIGN KEY ("tenant_id","owned_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_owner_group_fk" FOREIGN KEY ("tenant_id","owned_by_group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_pipeline_fk" FOREIGN KEY ("tenant_id","pipeline_id") REFERENCES "public"."pipelines"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_stage_fk" FOREIGN KEY ("tenant_id","stage_id") REFERENCES "public"."pipeline_stages"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_company_fk" FOREIGN KEY ("tenant_id","company_id") REFERENCES "public"."companies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_field_definitions" ADD CONSTRAINT "custom_field_definitions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_owner_user_fk" FOREIGN KEY ("tenant_id","owned_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_owner_group_fk" FOREIGN KEY ("tenant_id","owned_by_group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_pipeline_fk" FOREIGN KEY ("tenant_id","pipeline_id") REFERENCES "public"."pipelines"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_stage_fk" FOREIGN KEY ("tenant_id","stage_id") REFERENCES "public"."pipeline_stages"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_company_fk" FOREIGN KEY ("tenant_id","company_id") REFERENCES "public"."companies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_contact_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_lead_fk" FOREIGN KEY ("tenant_id","lead_id") REFERENCES "public"."leads"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_assigned_user_fk" FOREIGN KEY ("tenant_id","assigned_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_assigned_group_fk" FOREIGN KEY ("tenant_id","assigned_group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_owner_user_fk" FOREIGN KEY ("tenant_id","owned_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_owner_group_fk" FOREIGN KEY ("tenant_id","owned_by_group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_pipeline_fk" FOREIGN KEY ("tenant_id","pipeline_id") REFERENCES "public"."pipelines"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_stage_fk" FOREIGN KEY ("tenant_id","stage_id") REFERENCES "public"."pipeline_stages"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_changes" ADD CONSTRAINT "record_changes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_changes" ADD CONSTRAINT "record_changes_user_fk" FOREIGN KEY ("tenant_id","changed_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_owner_user_fk" FOREIGN KEY ("tenant_id","owned_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_owner_group_fk" FOREIGN KEY ("tenant_id","owned_by_group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_pipeline_fk" FOREIGN KEY ("tenant_id","pipeline_id") REFERENCES "public"."pipelines"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_stage_fk" FOREIGN KEY ("tenant_id","stage_id") REFERENCES "public"."pipeline_stages"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_company_fk" FOREIGN KEY ("tenant_id","company_id") REFERENCES "public"."companies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_contact_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assigned_user_fk" FOREIGN KEY ("tenant_id","assigned_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assigned_group_fk" FOREIGN KEY ("tenant_id","assigned_group_id") REFERENCES "public"."tenant_groups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_stages" ADD CONSTRAINT "pipeline_stages_tenant_id_pipeline_id_pipelines_tenant_id_id_fk" FOREIGN KEY ("tenant_id","pipeline_id") REFERENCES "public"."pipelines"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipelines" ADD CONSTRAINT "pipelines_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_history" ADD CONSTRAINT "stage_history_tenant_id_pipeline_id_pipelines_tenant_id_id_fk" FOREIGN KEY ("tenant_id","pipeline_id") REFERENCES "public"."pipelines"("tenant_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_history" ADD CONSTRAINT "stage_history_tenant_id_from_stage_id_pipeline_stages_tenant_id_id_fk" FOREIGN KEY ("tenant_id","from_stage_id") REFERENCES "public"."pipeline_stages"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_history" ADD CONSTRAINT "stage_history_tenant_id_to_stage_id_pipeline_stages_tenant_id_id_fk" FOREIGN KEY ("tenant_id","to_stage_id") REFERENCES "public"."pipeline_stages"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_history" ADD CONSTRAINT "stage_history_tenant_id_changed_by_user_id_tenant_users_tenant_id_user_id_fk" FOREIGN KEY ("tenant_id","changed_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_membership_log" ADD CONSTRAINT "list_membership_log_list_fk" FOREIGN KEY ("tenant_id","list_id") REFERENCES "public"."lists"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_membership_log" ADD CONSTRAINT "list_membership_log_actor_fk" FOREIGN KEY ("tenant_id","actor_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_memberships" ADD CONSTRAINT "list_memberships_list_fk" FOREIGN KEY ("tenant_id","list_id") REFERENCES "public"."lists"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_memberships" ADD CONSTRAINT "list_memberships_added_by_fk" FOREIGN KEY ("tenant_id","added_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lists" ADD CONSTRAINT "lists_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lists" ADD CONSTRAINT "lists_owner_fk" FOREIGN KEY ("tenant_id","owner_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_watchers" ADD CONSTRAINT "record_watchers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_watchers" ADD CONSTRAINT "record_watchers_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_action_executions" ADD CONSTRAINT "automation_action_executions_action_fk" FOREIGN KEY ("tenant_id","action_id") REFERENCES "public"."automation_actions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_actions" ADD CONSTRAINT "automation_actions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_actions" ADD CONSTRAINT "automation_actions_pipeline_fk" FOREIGN KEY ("tenant_id","pipeline_id") REFERENCES "public"."pipelines"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_actions" ADD CONSTRAINT "automation_actions_stage_fk" FOREIGN KEY ("tenant_id","stage_id") REFERENCES "public"."pipeline_stages"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_actions" ADD CONSTRAINT "automation_actions_list_fk" FOREIGN KEY ("tenant_id","list_id") REFERENCES "public"."lists"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_actions" ADD CONSTRAINT "automation_actions_created_by_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_execution_attempts" ADD CONSTRAINT "automation_execution_attempts_execution_fk" FOREIGN KEY ("tenant_id","execution_id") REFERENCES "public"."automation_action_executions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_events" ADD CONSTRAINT "domain_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_events" ADD CONSTRAINT "domain_events_actor_fk" FOREIGN KEY ("tenant_id","actor_user_id") REFERENCES "public"."tenant_users"("tenant_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_deliveries" ADD CONSTRAINT "event_deliveries_event_fk" FOREIGN KEY ("tenant_id","event_id") REFERENCES "public"."domain_events"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_hash_idx" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_keys_created_by_idx" ON "api_keys" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE INDEX "invitations_token_idx" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_invited_by_idx" ON "invitations" USING btree ("tenant_id","invited_by_user_id");--> statement-breakpoint
CREATE INDEX "tenant_group_members_user_idx" ON "tenant_group_members" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "tenant_users_user_id_idx" ON "tenant_users" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "activities_record_idx" ON "activities" USING btree ("tenant_id","record_type","record_id","activity_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "activities_assigned_user_idx" ON "activities" USING btree ("tenant_id","assigned_user_id","due_at");--> statement-breakpoint
CREATE INDEX "activities_assigned_group_idx" ON "activities" USING btree ("tenant_id","assigned_group_id");--> statement-breakpoint
CREATE INDEX "activities_created_by_idx" ON "activities" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE INDEX "activities_completed_by_idx" ON "activities" USING btree ("tenant_id","completed_by_user_id");--> statement-breakpoint
CREATE INDEX "activities_parent_idx" ON "activities" USING btree ("tenant_id","parent_activity_id");--> statement-breakpoint
CREATE INDEX "companies_owner_user_idx" ON "companies" USING btree ("tenant_id","owned_by_user_id");--> statement-breakpoint
CREATE INDEX "companies_owner_group_idx" ON "companies" USING btree ("tenant_id","owned_by_group_id");--> statement-breakpoint
CREATE INDEX "companies_created_by_idx" ON "companies" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE INDEX "companies_pipeline_idx" ON "companies" USING btree ("tenant_id","pipeline_id");--> statement-breakpoint
CREATE INDEX "companies_stage_position_idx" ON "companies" USING btree ("tenant_id","stage_id","position");--> statement-breakpoint
CREATE INDEX "companies_tags_idx" ON "companies" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "companies_created_idx" ON "companies" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "companies_domain_key" ON "companies" USING btree ("tenant_id",lower("domain")) WHERE "companies"."domain" is not null and "companies"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "companies_name_trgm_idx" ON "companies" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_owner_user_idx" ON "contacts" USING btree ("tenant_id","owned_by_user_id");--> statement-breakpoint
CREATE INDEX "contacts_owner_group_idx" ON "contacts" USING btree ("tenant_id","owned_by_group_id");--> statement-breakpoint
CREATE INDEX "contacts_created_by_idx" ON "contacts" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE INDEX "contacts_pipeline_idx" ON "contacts" USING btree ("tenant_id","pipeline_id");--> statement-breakpoint
CREATE INDEX "contacts_stage_position_idx" ON "contacts" USING btree ("tenant_id","stage_id","position");--> statement-breakpoint
CREATE INDEX "contacts_tags_idx" ON "contacts" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "contacts_created_idx" ON "contacts" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contacts_company_idx" ON "contacts" USING btree ("tenant_id","company_id");--> statement-breakpoint
CREATE INDEX "contacts_email_idx" ON "contacts" USING btree ("tenant_id",lower("email"));--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin ((lower(coalesce("first_name", '') || ' ' || coalesce("last_name", ''))) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "deals_owner_user_idx" ON "deals" USING btree ("tenant_id","owned_by_user_id");--> statement-breakpoint
CREATE INDEX "deals_owner_group_idx" ON "deals" USING btree ("tenant_id","owned_by_group_id");--> statement-breakpoint
CREATE INDEX "deals_created_by_idx" ON "deals" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE INDEX "deals_pipeline_idx" ON "deals" USING btree ("tenant_id","pipeline_id");--> statement-breakpoint
CREATE INDEX "deals_stage_position_idx" ON "deals" USING btree ("tenant_id","stage_id","position");--> statement-breakpoint
CREATE INDEX "deals_tags_idx" ON "deals" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "deals_created_idx" ON "deals" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deals_company_idx" ON "deals" USING btree ("tenant_id","company_id");--> statement-breakpoint
CREATE INDEX "deals_contact_idx" ON "deals" USING btree ("tenant_id","contact_id");--> statement-breakpoint
CREATE INDEX "deals_lead_idx" ON "deals" USING btree ("tenant_id","lead_id");--> statement-breakpoint
CREATE INDEX "deals_assigned_user_idx" ON "deals" USING btree ("tenant_id","assigned_user_id");--> statement-breakpoint
CREATE INDEX "deals_assigned_group_idx" ON "deals" USING btree ("tenant_id","assigned_group_id");--> statement-breakpoint
CREATE INDEX "leads_owner_user_idx" ON "leads" USING btree ("tenant_id","owned_by_user_id");--> statement-breakpoint
CREATE INDEX "leads_owner_group_idx" ON "leads" USING btree ("tenant_id","owned_by_group_id");--> statement-breakpoint
CREATE INDEX "leads_created_by_idx" ON "leads" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE INDEX "leads_pipeline_idx" ON "leads" USING btree ("tenant_id","pipeline_id");--> statement-breakpoint
CREATE INDEX "leads_stage_position_idx" ON "leads" USING btree ("tenant_id","stage_id","position");--> statement-breakpoint
CREATE INDEX "leads_tags_idx" ON "leads" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "leads_created_idx" ON "leads" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "leads_email_idx" ON "leads" USING btree ("tenant_id",lower("email"));--> statement-breakpoint
CREATE INDEX "record_changes_record_idx" ON "record_changes" USING btree ("tenant_id","record_type","record_id","changed_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "record_changes_user_idx" ON "record_changes" USING btree ("tenant_id","changed_by_user_id");--> statement-breakpoint
CREATE INDEX "tickets_owner_user_idx" ON "tickets" USING btree ("tenant_id","owned_by_user_id");--> statement-breakpoint
CREATE INDEX "tickets_owner_group_idx" ON "tickets" USING btree ("tenant_id","owned_by_group_id");--> statement-breakpoint
CREATE INDEX "tickets_created_by_idx" ON "tickets" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE INDEX "tickets_pipeline_idx" ON "tickets" USING btree ("tenant_id","pipeline_id");--> statement-breakpoint
CREATE INDEX "tickets_stage_position_idx" ON "tickets" USING btree ("tenant_id","stage_id","position");--> statement-breakpoint
CREATE INDEX "tickets_tags_idx" ON "tickets" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_company_idx" ON "tickets" USING btree ("tenant_id","company_id");--> statement-breakpoint
CREATE INDEX "tickets_contact_idx" ON "tickets" USING btree ("tenant_id","contact_id");--> statement-breakpoint
CREATE INDEX "tickets_assigned_user_idx" ON "tickets" USING btree ("tenant_id","assigned_user_id");--> statement-breakpoint
CREATE INDEX "tickets_assigned_group_idx" ON "tickets" USING btree ("tenant_id","assigned_group_id");--> statement-breakpoint
CREATE INDEX "pipeline_stages_pipeline_idx" ON "pipeline_stages" USING btree ("tenant_id","pipeline_id");--> statement-breakpoint
CREATE INDEX "pipelines_object_type_idx" ON "pipelines" USING btree ("tenant_id","object_type");--> statement-breakpoint
CREATE UNIQUE INDEX "pipelines_one_default_idx" ON "pipelines" USING btree ("tenant_id","object_type") WHERE "pipelines"."is_default";--> statement-breakpoint
CREATE INDEX "stage_history_entity_idx" ON "stage_history" USING btree ("tenant_id","entity_type","entity_id","changed_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stage_history_pipeline_idx" ON "stage_history" USING btree ("tenant_id","pipeline_id","changed_at");--> statement-breakpoint
CREATE INDEX "stage_history_from_stage_idx" ON "stage_history" USING btree ("tenant_id","from_stage_id");--> statement-breakpoint
CREATE INDEX "stage_history_to_stage_idx" ON "stage_history" USING btree ("tenant_id","to_stage_id");--> statement-breakpoint
CREATE INDEX "stage_history_changed_by_idx" ON "stage_history" USING btree ("tenant_id","changed_by_user_id");--> statement-breakpoint
CREATE INDEX "list_membership_log_list_idx" ON "list_membership_log" USING btree ("tenant_id","list_id","at");--> statement-breakpoint
CREATE INDEX "list_membership_log_actor_idx" ON "list_membership_log" USING btree ("tenant_id","actor_user_id");--> statement-breakpoint
CREATE INDEX "list_memberships_list_type_idx" ON "list_memberships" USING btree ("tenant_id","list_id","member_type");--> statement-breakpoint
CREATE INDEX "list_memberships_member_idx" ON "list_memberships" USING btree ("tenant_id","member_id");--> statement-breakpoint
CREATE INDEX "list_memberships_added_by_idx" ON "list_memberships" USING btree ("tenant_id","added_by_user_id");--> statement-breakpoint
CREATE INDEX "lists_owner_idx" ON "lists" USING btree ("tenant_id","owner_user_id");--> statement-breakpoint
CREATE INDEX "lists_object_type_idx" ON "lists" USING btree ("tenant_id","object_type");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("tenant_id","user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "record_watchers_principal_idx" ON "record_watchers" USING btree ("tenant_id","principal_type","principal_id");--> statement-breakpoint
CREATE INDEX "record_watchers_created_by_idx" ON "record_watchers" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE INDEX "automation_action_executions_action_idx" ON "automation_action_executions" USING btree ("tenant_id","action_id","triggered_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "automation_action_executions_status_idx" ON "automation_action_executions" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "automation_action_executions_entity_idx" ON "automation_action_executions" USING btree ("tenant_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "automation_actions_pipeline_idx" ON "automation_actions" USING btree ("tenant_id","pipeline_id");--> statement-breakpoint
CREATE INDEX "automation_actions_stage_idx" ON "automation_actions" USING btree ("tenant_id","stage_id");--> statement-breakpoint
CREATE INDEX "automation_actions_list_idx" ON "automation_actions" USING btree ("tenant_id","list_id");--> statement-breakpoint
CREATE INDEX "automation_actions_record_idx" ON "automation_actions" USING btree ("tenant_id","record_type","record_id");--> statement-breakpoint
CREATE INDEX "automation_actions_created_by_idx" ON "automation_actions" USING btree ("tenant_id","created_by_user_id");--> statement-breakpoint
CREATE INDEX "automation_actions_trigger_idx" ON "automation_actions" USING btree ("tenant_id","entity_type","trigger_event") WHERE "automation_actions"."enabled";--> statement-breakpoint
CREATE INDEX "automation_execution_attempts_execution_idx" ON "automation_execution_attempts" USING btree ("tenant_id","execution_id","attempt_no");--> statement-breakpoint
CREATE INDEX "domain_events_seq_idx" ON "domain_events" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE INDEX "domain_events_entity_idx" ON "domain_events" USING btree ("tenant_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "domain_events_actor_idx" ON "domain_events" USING btree ("tenant_id","actor_user_id");