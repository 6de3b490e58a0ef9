import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { ACTION_EXECUTION_STATUSES, AUTOMATION_ACTION_TYPES, AUTOMATION_SCOPE_TYPES } from "@/db/schema/enums";
import { allOf, empty, eventStream, json, pageOf, pathItem } from "@/lib/api/openapi-common";
import { filterSchema } from "@/lib/filters/schema";
import {
  aiWorkerConfigSchema,
  AUTOMATION_ENTITY_TYPES,
  dryRunSchema,
  eventConfigSchema,
  eventsQuerySchema,
  executionsQuerySchema,
  redeliverSchema,
  TRIGGER_EVENTS,
  webhookConfigSchema,
  workflowConfigSchema,
} from "./schemas";

const tag = "automations";
const id = z.object({ id: z.uuid() });
const ts = z.string().datetime();

const config = z
  .union([webhookConfigSchema, workflowConfigSchema, eventConfigSchema, aiWorkerConfigSchema])
  .meta({ description: "By actionType: WEBHOOK { url, secret?, headers?, timeoutMs? }, WORKFLOW { steps }, EVENT { name? }, AIWORKER { prompt, output }" });

const automationFields = {
  name: z.string(),
  description: z.string().nullable().optional(),
  entityType: z.enum(AUTOMATION_ENTITY_TYPES),
  scopeType: z.enum(AUTOMATION_SCOPE_TYPES).meta({ description: "ENTITY: no target; PIPELINE: pipelineId; PIPELINE_STAGE: stageId; LIST: listId; RECORD: recordType + recordId" }),
  pipelineId: z.uuid().nullable().optional(),
  stageId: z.uuid().nullable().optional(),
  listId: z.uuid().nullable().optional(),
  recordType: z.enum(AUTOMATION_ENTITY_TYPES).nullable().optional(),
  recordId: z.uuid().nullable().optional(),
  fromStageId: z.uuid().nullable().optional().meta({ description: "Stage events: only moves from this stage" }),
  toStageId: z.uuid().nullable().optional().meta({ description: "Stage events: only moves to this stage" }),
  triggerEvent: z.enum(TRIGGER_EVENTS),
  condition: filterSchema.nullable().optional().meta({ description: "Filter JSON tested against the record after the change" }),
  actionType: z.enum(AUTOMATION_ACTION_TYPES),
  config,
  priority: z.number().int().optional().meta({ description: "Lower runs first (default 100)" }),
  enabled: z.boolean().optional(),
  inheritPipelineActions: z.boolean().optional(),
};
const automationIn = z.strictObject(automationFields).meta({ id: "AutomationInput" });
const automationPatch = z.strictObject(automationFields).partial().meta({ id: "AutomationPatch" });
const automationOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    entityType: z.enum(AUTOMATION_ENTITY_TYPES),
    scopeType: z.enum(AUTOMATION_SCOPE_TYPES),
    pipelineId: z.uuid().nullable(),
    stageId: z.uuid().nullable(),
    listId: z.uuid().nullable(),
    recordType: z.enum(AUTOMATION_ENTITY_TYPES).nullable(),
    recordId: z.uuid().nullable(),
    fromStageId: z.uuid().nullable(),
    toStageId: z.uuid().nullable(),
    triggerEvent: z.enum(TRIGGER_EVENTS),
    condition: filterSchema.nullable(),
    actionType: z.enum(AUTOMATION_ACTION_TYPES),
    config: z.record(z.string(), z.unknown()).meta({
      description: 'As sent, except a WEBHOOK\'s: no `secret` (`hasSecret` says whether one is set), and custom header values are "••••••" for all but admins (sent back in a PATCH, "••••••" keeps the stored value)',
    }),
    priority: z.number().int(),
    enabled: z.boolean(),
    inheritPipelineActions: z.boolean(),
    createdAt: ts,
    updatedAt: ts,
  })
  .meta({ id: "Automation" });
const summaryOut = automationOut
  .extend({
    targetLabel: z.string(),
    lastRun: z.object({ status: z.enum(ACTION_EXECUTION_STATUSES), at: ts }).nullable(),
    runs7d: z.number().int(),
    succeeded7d: z.number().int(),
    successRate7d: z.number().nullable(),
  })
  .meta({ id: "AutomationSummary" });

const executionOut = z
  .object({
    id: z.uuid(),
    automationId: z.uuid(),
    executionKey: z.string(),
    status: z.enum(ACTION_EXECUTION_STATUSES),
    attempts: z.number().int(),
    responseCode: z.number().int().nullable(),
    errorMessage: z.string().nullable(),
    triggerEvent: z.string(),
    entityType: z.string(),
    entityId: z.uuid(),
    triggeredAt: ts,
    startedAt: ts.nullable(),
    completedAt: ts.nullable(),
  })
  .meta({ id: "AutomationExecution" });
const executionListItem = executionOut
  .extend({ automationName: z.string(), entityTitle: z.string().nullable().meta({ description: "The record's title now; null once it is deleted" }) })
  .meta({ id: "AutomationExecutionListItem" });
const executionDetail = executionListItem
  .extend({
    actionType: z.enum(AUTOMATION_ACTION_TYPES),
    request: z.unknown().meta({ description: "What was sent (WEBHOOK: method, url, headers with the signature and custom header values as \"••••••\", body)" }),
    responseBody: z.string().nullable().meta({ description: "At most 2 KB of the answer" }),
    event: z.object({ id: z.uuid(), type: z.string(), occurredAt: ts, payload: z.unknown() }).nullable(),
    attemptLog: z.array(z.object({ attemptNo: z.number().int(), startedAt: ts, completedAt: ts.nullable(), responseCode: z.number().int().nullable(), errorMessage: z.string().nullable(), durationMs: z.number().nullable() })),
  })
  .meta({ id: "AutomationExecutionDetail" });
const dryRunOut = z
  .object({
    automationId: z.uuid(),
    name: z.string(),
    priority: z.number().int(),
    actionType: z.enum(AUTOMATION_ACTION_TYPES),
    scopeType: z.enum(AUTOMATION_SCOPE_TYPES),
    wouldFire: z.boolean(),
    reason: z.string(),
    order: z.number().int().nullable(),
    request: z
      .object({ method: z.literal("POST"), url: z.string(), headers: z.record(z.string(), z.string()), body: z.string() })
      .nullable()
      .meta({ description: "WEBHOOK: the request as a delivery would send it, signed with dryRunSecret (not the automation's secret); custom header values are \"••••••\" for all but admins" }),
    dryRunSecret: z.string().optional().meta({ description: "A throwaway whsec_ secret made for this dry run: the signature verifies with it and with nothing a receiver holds" }),
    steps: z.array(z.unknown()).optional(),
    prompt: z.string().optional(),
    event: z.object({ type: z.string(), payload: z.unknown() }).optional(),
  })
  .meta({ id: "AutomationDryRun" });
const publishedOut = z
  .object({ id: z.uuid(), type: z.string(), occurredAt: ts, entityType: z.string().nullable(), entityId: z.uuid().nullable(), payload: z.record(z.string(), z.unknown()) })
  .meta({ id: "PublishedEvent" });

export function automationPaths(): ZodOpenApiPathsObject {
  return {
    "/automations": pathItem({
      get: {
        id: "listAutomations",
        tag,
        permission: "automations.read",
        summary: "List automations",
        description: "Every automation by priority (lower runs first), with a label for its target, its last run and its success rate over 7 days.",
        responses: { "200": json(allOf(summaryOut)) },
      },
      post: {
        id: "createAutomation",
        tag,
        permission: "automations.manage",
        summary: "Create an automation",
        description:
          "The scope decides the one target that must be set (ENTITY none, PIPELINE `pipelineId`, PIPELINE_STAGE `stageId`, LIST `listId`, RECORD `recordType` + `recordId`); anything else is a 422, as is a config that does not fit the action type. A WEBHOOK's signing secret (generated when absent) is answered this once, as `webhookSecret`.",
        body: automationIn,
        responses: { "201": json(automationOut.extend({ webhookSecret: z.string().optional().meta({ description: "WEBHOOK: the signing secret (whsec_…), shown this once" }) }).meta({ id: "AutomationCreated" }), "Created") },
      },
    }),
    "/automations/{id}": pathItem({
      get: { id: "getAutomation", tag, permission: "automations.read", summary: "Get an automation", description: "Without a WEBHOOK's secret; custom header values masked for all but admins.", path: id, responses: { "200": json(automationOut) } },
      patch: {
        id: "updateAutomation",
        tag,
        permission: "automations.manage",
        summary: "Update an automation (partial)",
        description: "The merged automation is validated again, as on create.",
        path: id,
        body: automationPatch,
        responses: { "200": json(automationOut) },
      },
      delete: { id: "deleteAutomation", tag, permission: "automations.manage", summary: "Delete an automation", description: "Its execution log goes with it.", path: id, responses: { "204": empty("Deleted") } },
    }),
    "/automations/{id}/executions": pathItem({
      get: {
        id: "listAutomationExecutionsOf",
        tag,
        permission: "automations.read",
        summary: "An automation's executions",
        description: "Newest first, by keyset pages, filtered by status, record and time.",
        path: id,
        query: executionsQuerySchema.omit({ automationId: true }),
        responses: { "200": json(pageOf(executionListItem)) },
      },
    }),
    "/automations/{id}/dry-run": pathItem({
      post: {
        id: "dryRunAutomation",
        tag,
        permission: "automations.read",
        summary: "What an automation would do for a record",
        description:
          "Evaluates the automation on its trigger for the record (and its place among the others that would fire); nothing is written, queued or sent. A WEBHOOK's request comes signed with `dryRunSecret`, a throwaway secret, never the automation's.",
        path: id,
        body: dryRunSchema.pick({ entityId: true, fromStageId: true, toStageId: true, listId: true }).meta({ id: "DryRunInput" }),
        responses: { "200": json(z.object({ data: z.array(dryRunOut) })) },
      },
    }),
    "/automations/{id}/rotate-secret": pathItem({
      post: {
        id: "rotateAutomationSecret",
        tag,
        permission: "automations.manage",
        summary: "Rotate a webhook's signing secret",
        description: "A new secret, answered this once; the old one stops signing at once. Not a WEBHOOK: 409.",
        path: id,
        noInput: true,
        responses: { "200": json(z.object({ webhookSecret: z.string() })) },
      },
    }),
    "/automation-executions": pathItem({
      get: {
        id: "listAutomationExecutions",
        tag,
        permission: "automations.read",
        summary: "Executions of all automations",
        description: "Newest first, by keyset pages, filtered by automation, status, record and time.",
        query: executionsQuerySchema,
        responses: { "200": json(pageOf(executionListItem)) },
      },
    }),
    "/automation-executions/{id}": pathItem({
      get: {
        id: "getAutomationExecution",
        tag,
        permission: "automations.read",
        summary: "Get an execution",
        description: "With its event, the request sent (signature, never the secret; custom header values \"••••••\"), at most 2 KB of the response, and every attempt.",
        path: id,
        responses: { "200": json(executionDetail) },
      },
    }),
    "/automation-executions/{id}/retry": pathItem({
      post: {
        id: "retryAutomationExecution",
        tag,
        permission: "automations.manage",
        summary: "Retry a FAILED execution",
        description: "Requeues it with a fresh round of attempts under the same execution key (the webhook-id); any other status is a 409.",
        path: id,
        noInput: true,
        responses: { "200": json(executionOut) },
      },
    }),
    "/automation-executions/redeliver": pathItem({
      post: {
        id: "redeliverAutomationExecutions",
        tag,
        permission: "automations.manage",
        summary: "Run finished executions again",
        description: "Each finished execution named runs again under the same execution key (webhook-id); others are ignored. Answers how many were requeued.",
        body: redeliverSchema,
        responses: { "200": json(z.object({ requeued: z.number().int() })) },
      },
    }),
    "/events": pathItem({
      get: {
        id: "listPublishedEvents",
        tag,
        permission: "automations.read",
        summary: "Events published by EVENT automations",
        description: "Oldest first after the cursor; poll again with `after=nextCursor` (which stays put when there is nothing new).",
        query: eventsQuerySchema,
        responses: { "200": json(z.object({ data: z.array(publishedOut), nextCursor: z.string().nullable() })) },
      },
    }),
    "/events/stream": pathItem({
      get: {
        id: "streamPublishedEvents",
        tag,
        permission: "automations.read",
        summary: "Published events as server-sent events",
        description:
          "Each event as `id: <cursor>`, `event: <type>`, `data: { id, type, occurredAt, entityType, entityId, payload }`; a reconnecting client resumes from its Last-Event-ID. At most 10 streams per key or user are open at once: a 429 beyond.",
        query: eventsQuerySchema.pick({ after: true }),
        stream: true,
        responses: { "200": eventStream("text/event-stream, open until the client leaves") },
      },
    }),
  };
}
