// The one place that turns stored words into the words a person reads: every enum value
// of db/schema/enums.ts and every record field key. Pure data, client-safe. A raw value
// ("ENFORCED", "sales_rep", "closeDate") on screen is a bug; e2e/values.spec.ts looks for them.
import * as E from "@/db/schema/enums";
import { ACTIVITY_WORDS, capitalize, KIND_WORDS, type RecordKind } from "@/lib/records/kinds";

type Values<T extends readonly string[]> = T[number];
type Table<T extends readonly string[]> = Record<Values<T>, string>;

const KIND_LABELS = Object.fromEntries(
  Object.entries({ ...KIND_WORDS, ACTIVITY: ACTIVITY_WORDS, PIPELINE: { singular: "pipeline" }, LIST: { singular: "list" } }).map(([k, w]) => [k, capitalize(w.singular)]),
) as Table<typeof E.CRM_RECORD_TYPES>;

const PIPELINE_STAGE_STATES: Table<typeof E.PIPELINE_STAGE_STATES> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  DONE_SUCCESS: "Done · success",
  DONE_FAILED: "Done · failed",
};

/** Every enum of the schema, by its exported list's name, value → label. */
export const ENUM_LABELS = {
  CRM_RECORD_TYPES: KIND_LABELS,
  LIST_OBJECT_TYPES: KIND_LABELS,
  PIPELINE_OBJECT_TYPES: KIND_LABELS,
  AUTOMATION_SCOPE_TYPES: { RECORD: "One record", PIPELINE: "A pipeline", PIPELINE_STAGE: "A stage", LIST: "A list", ENTITY: "Every record of the type" },
  AUTOMATION_ACTION_TYPES: { WEBHOOK: "Webhook", WORKFLOW: "Workflow", EVENT: "Event", AIWORKER: "AI worker" },
  ACTION_EXECUTION_STATUSES: { PENDING: "Pending", IN_PROGRESS: "In progress", SUCCEEDED: "Succeeded", FAILED: "Failed" },
  PIPELINE_MOVEMENT_MODES: { FLEXIBLE: "Flexible", ENFORCED: "Enforced" },
  PIPELINE_STAGE_STATES,
  PIPELINE_STAGE_TYPES: { OPEN: "Open", SUCCESS: "Won", FAILED: "Lost" },
  LIST_PROCESSING_TYPES: { STATIC: "Static", DYNAMIC: "Dynamic" },
  DEAL_TYPES: { NEW: "New business", RENEWAL: "Renewal", UPSELL: "Upsell", OTHER: "Other" },
  QUOTA_PERIODS: { MONTH: "Month", QUARTER: "Quarter", YEAR: "Year" },
  PRINCIPAL_TYPES: { USER: "User", GROUP: "Group" },
  TENANT_ROLES: { admin: "Admin", manager: "Manager", sales_rep: "Sales rep", readonly: "Read-only" },
  ACTIVITY_TYPES: { CALL: "Call", EMAIL: "Email", MEETING: "Meeting", NOTE: "Note", TASK: "Task" },
  PRIORITIES: { low: "Low", medium: "Medium", high: "High", urgent: "Urgent" },
  DEAL_STATUSES: { open: "Open", won: "Won", lost: "Lost" },
  LEAD_RATINGS: { hot: "Hot", warm: "Warm", cold: "Cold" },
  LEAD_STATUSES: { new: "New", contacted: "Contacted", qualified: "Qualified", unqualified: "Disqualified", converted: "Converted" },
  CHANGE_SOURCES: { USER: "User", API: "API", AUTOMATION: "Automation", IMPORT: "Import", SYSTEM: "System" },
  CUSTOM_FIELD_TYPES: { TEXT: "Text", NUMBER: "Number", DATE: "Date", SELECT: "Select (one option)", MULTI_SELECT: "Multi-select", CHECKBOX: "Checkbox", URL: "URL" },
  LIST_MEMBERSHIP_SOURCES: { RULE: "Filter", MANUAL: "By hand", AUTOMATION: "Automation", IMPORT: "Import" },
  SAVED_VIEW_VISIBILITIES: { private: "Only me", workspace: "Everyone in the workspace", group: "A group" },
  ACTIVITY_DIRECTIONS: { INBOUND: "Inbound", OUTBOUND: "Outbound" },
  AUDIT_ACTIONS: {
    "auth.sign_in": "Signed in",
    "auth.sign_in_failed": "Sign-in failed",
    "member.added": "Member added",
    "member.role_changed": "Role changed",
    "member.deactivated": "Member deactivated",
    "api_key.created": "API key created",
    "api_key.revoked": "API key revoked",
    "access_policy.updated": "Access policy changed",
    export: "Export",
    "import.started": "Import started",
    "import.undone": "Import undone",
    "record.created": "Record created",
    "record.updated": "Record changed",
    "record.deleted": "Record deleted",
    "record.merged": "Records merged",
    "record.erased": "Contact erased",
  },
} satisfies { [K in keyof typeof E as K extends `${string}S` ? ((typeof E)[K] extends readonly string[] ? K : never) : never]: Table<(typeof E)[K] & readonly string[]> };

export type EnumName = keyof typeof ENUM_LABELS;

/** What each movement mode means, for the settings page next to its label. */
export const MOVEMENT_MODE_EXPLANATIONS: Table<typeof E.PIPELINE_MOVEMENT_MODES> = {
  FLEXIBLE: "Records may move from any stage to any other stage.",
  ENFORCED: "Records move one stage at a time, forward or back; any open stage may go to a failed stage, which returns only to where it came from.",
};

/** "IN_PROGRESS" → "In progress", by the enum it belongs to; an unknown value is humanized, never shown raw. */
export function labelFor<N extends EnumName>(name: N, value: keyof (typeof ENUM_LABELS)[N] | (string & {}) | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const table = ENUM_LABELS[name] as Record<string, string>;
  return Object.hasOwn(table, value) ? table[value as string]! : humanize(String(value));
}

/** Select options for an enum, in the schema's order (or the given subset's). */
export function enumOptions<N extends EnumName>(name: N, values?: readonly (keyof (typeof ENUM_LABELS)[N] & string)[]): { value: keyof (typeof ENUM_LABELS)[N] & string; label: string }[] {
  const table = ENUM_LABELS[name] as Record<string, string>;
  return (values ?? (Object.keys(table) as (keyof (typeof ENUM_LABELS)[N] & string)[])).map((value) => ({ value, label: table[value] ?? humanize(value) }));
}

/** `closeDate` → "Close date", `SOME_VALUE` → "Some value", `sales_rep` → "Sales rep". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .trim()
    .toLowerCase();
  return capitalize(words);
}

const CUSTOM_PREFIX = "customFields.";

/** Field keys whose words are not just the key spelled out (ids name what they point at). */
const FIELD_LABELS: Record<string, string> = {
  ownedByUserId: "Owner",
  ownedByGroupId: "Owner group",
  assignedUserId: "Assignee",
  assignedGroupId: "Assigned group",
  companyId: "Company",
  contactId: "Contact",
  pipelineId: "Pipeline",
  stageId: "Stage",
  customFields: "Custom fields",
  linkedinUrl: "LinkedIn URL",
  emailOptIn: "Email opt-in",
  forecastProbability: "Forecast probability",
  annualRevenue: "Annual revenue",
  employeeCount: "Employees",
  mobilePhone: "Mobile",
  stageEnteredAt: "In stage since",
  createdAt: "Created",
  updatedAt: "Updated",
  lastContactedAt: "Last contacted",
  dueAt: "Due",
  completedAt: "Completed",
};

/** Per kind, where the kind names a field its own way. */
const KIND_FIELD_LABELS: Partial<Record<RecordKind, Record<string, string>>> = {
  DEAL: { name: "Deal name" },
  LEAD: { companyName: "Company name" },
};

/**
 * A record field's label: `closeDate` → "Close date", `assignedUserId` → "Assignee",
 * `customFields.budget` → the custom field's label when given, else "Budget".
 */
export function fieldLabel(path: string, kind?: RecordKind | null, customLabels?: Readonly<Record<string, string>>): string {
  if (path.startsWith(CUSTOM_PREFIX)) {
    const key = path.slice(CUSTOM_PREFIX.length);
    return customLabels?.[key] ?? humanize(key);
  }
  return (kind ? KIND_FIELD_LABELS[kind]?.[path] : undefined) ?? FIELD_LABELS[path] ?? humanize(path.replace(/(.)Id$/, "$1"));
}

/** Several field labels as one phrase: "Amount and Close date". */
export function fieldList(paths: readonly string[], kind?: RecordKind | null, locale?: string): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(paths.map((p) => fieldLabel(p, kind)));
}
