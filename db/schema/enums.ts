import { pgEnum } from "drizzle-orm/pg-core";

// The twelve enumerations of seed 000, with exactly its values.
export const CRM_RECORD_TYPES = ["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET", "ACTIVITY", "PIPELINE", "LIST"] as const;
export const crmRecordType = pgEnum("crm_record_type", CRM_RECORD_TYPES);

export const AUTOMATION_SCOPE_TYPES = ["RECORD", "PIPELINE", "PIPELINE_STAGE", "LIST", "ENTITY"] as const;
export const automationScopeType = pgEnum("automation_scope_type", AUTOMATION_SCOPE_TYPES);

export const AUTOMATION_ACTION_TYPES = ["WEBHOOK", "WORKFLOW", "EVENT", "AIWORKER"] as const;
export const automationActionType = pgEnum("automation_action_type", AUTOMATION_ACTION_TYPES);

export const ACTION_EXECUTION_STATUSES = ["PENDING", "IN_PROGRESS", "SUCCEEDED", "FAILED"] as const;
export const actionExecutionStatus = pgEnum("action_execution_status", ACTION_EXECUTION_STATUSES);

export const PIPELINE_OBJECT_TYPES = ["COMPANY", "CONTACT", "DEAL", "LEAD", "TICKET"] as const;
export const pipelineObjectType = pgEnum("pipeline_object_type", PIPELINE_OBJECT_TYPES);

export const PIPELINE_MOVEMENT_MODES = ["FLEXIBLE", "ENFORCED"] as const;
export const pipelineMovementMode = pgEnum("pipeline_movement_mode", PIPELINE_MOVEMENT_MODES);

export const PIPELINE_STAGE_STATES = ["NOT_STARTED", "IN_PROGRESS", "DONE_SUCCESS", "DONE_FAILED"] as const;
export const pipelineStageState = pgEnum("pipeline_stage_state", PIPELINE_STAGE_STATES);

/** Legacy, kept in step with stage_state (seed 000: retained for backward compatibility). */
export const PIPELINE_STAGE_TYPES = ["OPEN", "SUCCESS", "FAILED"] as const;
export const pipelineStageType = pgEnum("pipeline_stage_type", PIPELINE_STAGE_TYPES);

export const LIST_PROCESSING_TYPES = ["STATIC", "DYNAMIC"] as const;
export const listProcessingType = pgEnum("list_processing_type", LIST_PROCESSING_TYPES);
/** Who sees a saved table view besides its owner (a text column with a check, not a seed enum). */
export const SAVED_VIEW_VISIBILITIES = ["private", "workspace", "group"] as const;

export const DEAL_TYPES = ["NEW", "RENEWAL", "UPSELL", "OTHER"] as const;
export const dealType = pgEnum("deal_type", DEAL_TYPES);

export const PRINCIPAL_TYPES = ["USER", "GROUP"] as const;
export const principalType = pgEnum("principal_type", PRINCIPAL_TYPES);

export const LIST_OBJECT_TYPES = ["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET", "ACTIVITY"] as const;
export const listObjectType = pgEnum("list_object_type", LIST_OBJECT_TYPES);

// Stageline's own enumerations.
export const TENANT_ROLES = ["admin", "manager", "sales_rep", "readonly"] as const;
export const tenantRole = pgEnum("tenant_role", TENANT_ROLES);

export const ACTIVITY_TYPES = ["CALL", "EMAIL", "MEETING", "NOTE", "TASK"] as const;
export const activityType = pgEnum("activity_type", ACTIVITY_TYPES);

/** Which way a call or an email went (seed 001's communication `direction`). */
export const ACTIVITY_DIRECTIONS = ["INBOUND", "OUTBOUND"] as const;
export const activityDirection = pgEnum("activity_direction", ACTIVITY_DIRECTIONS);

export const PRIORITIES = ["low", "medium", "high", "urgent"] as const;
export const priority = pgEnum("priority", PRIORITIES);

/** A lead's temperature (seed 001's lead `rating`). */
export const LEAD_RATINGS = ["hot", "warm", "cold"] as const;
export const leadRating = pgEnum("lead_rating", LEAD_RATINGS);

/** Where a lead stands (API.md, "Leads"); `converted` and `unqualified` are set by convert and disqualify. */
export const LEAD_STATUSES = ["new", "contacted", "qualified", "unqualified", "converted"] as const;
export const leadStatus = pgEnum("lead_status", LEAD_STATUSES);

export const DEAL_STATUSES = ["open", "won", "lost"] as const;
export const dealStatus = pgEnum("deal_status", DEAL_STATUSES);

export const CHANGE_SOURCES = ["USER", "API", "AUTOMATION", "IMPORT", "SYSTEM"] as const;
export const changeSource = pgEnum("change_source", CHANGE_SOURCES);

export const CUSTOM_FIELD_TYPES = ["TEXT", "NUMBER", "DATE", "SELECT", "MULTI_SELECT", "CHECKBOX", "URL"] as const;
export const customFieldType = pgEnum("custom_field_type", CUSTOM_FIELD_TYPES);

export const LIST_MEMBERSHIP_SOURCES = ["RULE", "MANUAL", "AUTOMATION", "IMPORT"] as const;
export const listMembershipSource = pgEnum("list_membership_source", LIST_MEMBERSHIP_SOURCES);

/** What an audit_log entry records (API.md, "Visibility, teams and audit"). */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "member.added",
  "member.role_changed",
  "member.deactivated",
  "api_key.created",
  "api_key.revoked",
  "access_policy.updated",
  "export",
  "import.started",
  "import.undone",
  "record.created",
  "record.updated",
  "record.deleted",
  "record.merged",
  "record.erased",
] as const;

/** A quota's period (issue 18): from its start day for a month, a quarter or a year, in the workspace's time zone. */
export const QUOTA_PERIODS = ["MONTH", "QUARTER", "YEAR"] as const;
export const quotaPeriod = pgEnum("quota_period", QUOTA_PERIODS);
