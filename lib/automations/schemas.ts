// Request and reply shapes of automations (API.md "Automations"). Whether a condition fits
// the entity type, and whether a target belongs to this tenant, is decided in service.ts
// (it needs the database); the scope/target rule and the config by action type are here.
import { z } from "zod";
import { ACTION_EXECUTION_STATUSES, AUTOMATION_ACTION_TYPES, AUTOMATION_SCOPE_TYPES, PRIORITIES } from "@/db/schema/enums";

export const TRIGGER_EVENTS = [
  "record.created",
  "record.updated",
  "record.deleted",
  "stage.entered",
  "stage.exited",
  "list.member_added",
  "list.member_removed",
  "activity.created",
  /** Leads only: a lead converted into a contact (lib/leads/convert.ts). */
  "lead.converted",
  /** Email: a synced message arrived, a reply to or a bounce of a sent email, an open or click of a tracked one (lib/email). */
  "email.received",
  "email.replied",
  "email.bounced",
  "email.opened",
  "email.clicked",
] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/** Records automations run on (pipeline events only exist for deals, leads and tickets). */
export const AUTOMATION_ENTITY_TYPES = ["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET"] as const;
export type AutomationEntityType = (typeof AUTOMATION_ENTITY_TYPES)[number];
export const PIPELINE_ENTITY_TYPES: readonly AutomationEntityType[] = ["DEAL", "LEAD", "TICKET"];

export type ScopeType = (typeof AUTOMATION_SCOPE_TYPES)[number];
export type ActionType = (typeof AUTOMATION_ACTION_TYPES)[number];
export type ExecutionStatus = (typeof ACTION_EXECUTION_STATUSES)[number];

export const STAGE_EVENTS: readonly TriggerEvent[] = ["stage.entered", "stage.exited"];
export const LIST_EVENTS: readonly TriggerEvent[] = ["list.member_added", "list.member_removed"];
export const EMAIL_EVENTS = ["email.received", "email.replied", "email.bounced", "email.opened", "email.clicked"] as const satisfies readonly TriggerEvent[];

/** The triggers that make sense for each scope (the form offers only these; the API refuses others). */
export const TRIGGERS_BY_SCOPE: Record<ScopeType, readonly TriggerEvent[]> = {
  ENTITY: TRIGGER_EVENTS,
  PIPELINE: ["record.created", "record.updated", "record.deleted", "stage.entered", "stage.exited", "activity.created", "lead.converted", ...EMAIL_EVENTS],
  PIPELINE_STAGE: ["stage.entered", "stage.exited", "record.updated", "activity.created", ...EMAIL_EVENTS],
  LIST: LIST_EVENTS,
  RECORD: ["record.updated", "record.deleted", "stage.entered", "stage.exited", "list.member_added", "list.member_removed", "activity.created", ...EMAIL_EVENTS],
};

export const WEBHOOK_TIMEOUT = { defaultMs: 10_000, maxMs: 30_000 } as const;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers a custom header may not replace: the signature and transport ones. */
const RESERVED_HEADERS = new Set(["webhook-id", "webhook-timestamp", "webhook-signature", "content-type", "content-length", "host", "transfer-encoding", "connection"]);

export const webhookConfigSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000),
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, "must be whsec_ followed by at least 24 bytes of base64")
    .optional(),
  headers: z
    .record(
      z.string().regex(HEADER_NAME, "is not a valid header name").refine((h) => !RESERVED_HEADERS.has(h.toLowerCase()), "is set by Stageline"),
      z.string().max(2000).refine((v) => !/[\r\n\0]/.test(v), "must not contain line breaks"),
    )
    .optional(),
  timeoutMs: z.number().int().min(1000).max(WEBHOOK_TIMEOUT.maxMs).optional(),
});
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

const uuid = z.uuid();
export const WORKFLOW_STEP_TYPES = ["createTask", "setField", "assignRoundRobin", "addToList", "removeFromList", "notifyWatchers", "enrollInSequence"] as const;
export type WorkflowStepType = (typeof WORKFLOW_STEP_TYPES)[number];

export const workflowStepSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("createTask"),
    subject: z.string().trim().min(1).max(500),
    body: z.string().max(10_000).optional(),
    dueInDays: z.number().int().min(0).max(3650).optional(),
    priority: z.enum(PRIORITIES).optional(),
    assignedUserId: uuid.optional(),
    assignedGroupId: uuid.optional(),
  }),
  z.strictObject({ type: z.literal("setField"), field: z.string().min(1).max(200), value: z.unknown() }),
  z.strictObject({ type: z.literal("assignRoundRobin"), groupId: uuid }),
  z.strictObject({ type: z.literal("addToList"), listId: uuid }),
  z.strictObject({ type: z.literal("removeFromList"), listId: uuid }),
  z.strictObject({ type: z.literal("notifyWatchers"), message: z.string().max(2000).optional() }),
  /** The contact (a deal's: its contact) joins the sequence; one already in it, without an address or suppressed is skipped. */
  z.strictObject({ type: z.literal("enrollInSequence"), sequenceId: uuid }),
]);
export type WorkflowStep = z.infer<typeof workflowStepSchema>;

export const workflowConfigSchema = z.strictObject({ steps: z.array(workflowStepSchema).min(1).max(20) });
export type WorkflowConfig = z.infer<typeof workflowConfigSchema>;

export const eventConfigSchema = z.strictObject({ name: z.string().trim().min(1).max(200).optional() });
export type EventConfig = z.infer<typeof eventConfigSchema>;

export const aiWorkerConfigSchema = z.strictObject({
  prompt: z.string().trim().min(1).max(20_000),
  output: z.discriminatedUnion("type", [z.strictObject({ type: z.literal("note") }), z.strictObject({ type: z.literal("field"), field: z.string().min(1).max(200) })]),
});
export type AiWorkerConfig = z.infer<typeof aiWorkerConfigSchema>;

export const CONFIG_SCHEMAS = {
  WEBHOOK: webhookConfigSchema,
  WORKFLOW: workflowConfigSchema,
  EVENT: eventConfigSchema,
  AIWORKER: aiWorkerConfigSchema,
} as const satisfies Record<ActionType, z.ZodType>;

/** The one target each scope needs (API.md): the others must be absent. */
export const SCOPE_TARGETS: Record<ScopeType, readonly ("pipelineId" | "stageId" | "listId" | "recordType" | "recordId")[]> = {
  ENTITY: [],
  PIPELINE: ["pipelineId"],
  PIPELINE_STAGE: ["stageId"],
  LIST: ["listId"],
  RECORD: ["recordType", "recordId"],
};
const TARGET_KEYS = ["pipelineId", "stageId", "listId", "recordType", "recordId"] as const;

const fields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  entityType: z.enum(AUTOMATION_ENTITY_TYPES),
  scopeType: z.enum(AUTOMATION_SCOPE_TYPES),
  pipelineId: uuid.nullish(),
  stageId: uuid.nullish(),
  listId: uuid.nullish(),
  recordType: z.enum(AUTOMATION_ENTITY_TYPES).nullish(),
  recordId: uuid.nullish(),
  /** Stage events only: the stage the record came from / went to. */
  fromStageId: uuid.nullish(),
  toStageId: uuid.nullish(),
  triggerEvent: z.enum(TRIGGER_EVENTS),
  /** Filter JSON, tested against the record after the change (validated in the service). */
  condition: z.unknown().optional(),
  actionType: z.enum(AUTOMATION_ACTION_TYPES),
  config: z.record(z.string(), z.unknown()),
  priority: z.number().int().min(0).max(1_000_000),
  enabled: z.boolean(),
  inheritPipelineActions: z.boolean(),
};

export interface RuleShape {
  entityType: AutomationEntityType;
  scopeType: ScopeType;
  pipelineId?: string | null;
  stageId?: string | null;
  listId?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  fromStageId?: string | null;
  toStageId?: string | null;
  triggerEvent: TriggerEvent;
  actionType: ActionType;
  config: Record<string, unknown>;
}

/** The rules that span fields (scope ↔ target, trigger ↔ scope and entity, config ↔ action type), as zod issues with paths. */
export function checkRuleShape(v: RuleShape, issue: (path: (string | number)[], message: string) => void): void {
  const needed = SCOPE_TARGETS[v.scopeType];
  for (const key of TARGET_KEYS) {
    const set = v[key] !== undefined && v[key] !== null;
    if (needed.includes(key) && !set) issue([key], `is required for scope ${v.scopeType}`);
    if (!needed.includes(key) && set) issue([key], `must not be set for scope ${v.scopeType}`);
  }
  if (v.scopeType === "RECORD" && v.recordType && v.recordType !== v.entityType) issue(["recordType"], `must be the entity type ${v.entityType}`);
  if (!TRIGGERS_BY_SCOPE[v.scopeType].includes(v.triggerEvent)) {
    issue(["triggerEvent"], `${v.triggerEvent} does not apply to scope ${v.scopeType}; expected one of ${TRIGGERS_BY_SCOPE[v.scopeType].join(", ")}`);
  }
  const pipelineScoped = v.scopeType === "PIPELINE" || v.scopeType === "PIPELINE_STAGE" || STAGE_EVENTS.includes(v.triggerEvent);
  if (pipelineScoped && !PIPELINE_ENTITY_TYPES.includes(v.entityType)) issue(["entityType"], `${v.entityType} records are not in pipelines`);
  if (v.triggerEvent === "lead.converted" && v.entityType !== "LEAD") issue(["triggerEvent"], "lead.converted applies to leads only");
  for (const key of ["fromStageId", "toStageId"] as const) {
    if (v[key] && !STAGE_EVENTS.includes(v.triggerEvent)) issue([key], "applies to stage.entered and stage.exited only");
  }
  const parsed = CONFIG_SCHEMAS[v.actionType].safeParse(v.config);
  if (!parsed.success) for (const i of parsed.error.issues) issue(["config", ...(i.path as (string | number)[])], i.message);
}

export const automationCreateSchema = z
  .strictObject({
    ...fields,
    priority: fields.priority.default(100),
    enabled: fields.enabled.default(true),
    inheritPipelineActions: fields.inheritPipelineActions.default(true),
  })
  .superRefine((v, ctx) => checkRuleShape(v, (path, message) => ctx.addIssue({ code: "custom", path, message })));
export type AutomationCreateInput = z.input<typeof automationCreateSchema>;

/** PATCH: any subset; the merged automation is checked again with checkRuleShape in the service. */
export const automationUpdateSchema = z.strictObject({
  name: fields.name.optional(),
  description: fields.description,
  entityType: fields.entityType.optional(),
  scopeType: fields.scopeType.optional(),
  pipelineId: fields.pipelineId,
  stageId: fields.stageId,
  listId: fields.listId,
  recordType: fields.recordType,
  recordId: fields.recordId,
  fromStageId: fields.fromStageId,
  toStageId: fields.toStageId,
  triggerEvent: fields.triggerEvent.optional(),
  condition: z.unknown().optional(),
  actionType: fields.actionType.optional(),
  config: fields.config.optional(),
  priority: fields.priority.optional(),
  enabled: fields.enabled.optional(),
  inheritPipelineActions: fields.inheritPipelineActions.optional(),
});
export type AutomationUpdateInput = z.input<typeof automationUpdateSchema>;

export interface AutomationDto {
  id: string;
  name: string;
  description: string | null;
  entityType: AutomationEntityType;
  scopeType: ScopeType;
  pipelineId: string | null;
  stageId: string | null;
  listId: string | null;
  recordType: AutomationEntityType | null;
  recordId: string | null;
  fromStageId: string | null;
  toStageId: string | null;
  triggerEvent: TriggerEvent;
  condition: unknown;
  actionType: ActionType;
  /** WEBHOOK: without the secret (hasSecret says one is set); custom header values masked for all but admins. */
  config: Record<string, unknown>;
  priority: number;
  enabled: boolean;
  inheritPipelineActions: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ExecutionDto {
  id: string;
  automationId: string;
  executionKey: string;
  status: ExecutionStatus;
  attempts: number;
  responseCode: number | null;
  errorMessage: string | null;
  triggerEvent: string;
  entityType: string;
  entityId: string;
  triggeredAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

export const executionsQuerySchema = z.object({
  automationId: uuid.optional(),
  status: z.enum(ACTION_EXECUTION_STATUSES).optional(),
  entityType: z.enum(AUTOMATION_ENTITY_TYPES).optional(),
  entityId: uuid.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});
export type ExecutionsQuery = z.input<typeof executionsQuerySchema>;

export const redeliverSchema = z.strictObject({ ids: z.array(uuid).min(1).max(500) });

export const dryRunSchema = z.strictObject({
  entityType: z.enum(AUTOMATION_ENTITY_TYPES),
  entityId: uuid,
  triggerEvent: z.enum(TRIGGER_EVENTS),
  fromStageId: uuid.optional(),
  toStageId: uuid.optional(),
  listId: uuid.optional(),
});
export type DryRunInput = z.input<typeof dryRunSchema>;

export const eventsQuerySchema = z.object({
  after: z.string().regex(/^\d{1,18}$/, "must be a cursor from nextCursor").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
