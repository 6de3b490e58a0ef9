import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { ACTION_EXECUTION_STATUSES, AUTOMATION_ACTION_TYPES, AUTOMATION_SCOPE_TYPES } from "@/db/schema/enums";
import { json, op, pageOf } from "@/lib/api/openapi-common";
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

const TAG = "automations";
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
const automationIn = z.object(automationFields).meta({ id: "AutomationInput" });
const automationPatch = z.object(automationFields).partial().meta({ id: "AutomationPatch" });
const automationOut = z
  .object({ ...automationFields, id: z.uuid(), config: z.record(z.string(), z.unknown()).meta({ description: "WEBHOOK: without the secret, with hasSecret; custom header values are \"••••••\" for all but admins (sent back in a PATCH, \"••••••\" keeps the stored value)" }), createdAt: ts, updatedAt: ts })
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
const executionListItem = executionOut.extend({ automationName: z.string() });
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
    "/automations": {
      get: op("Automations by priority, with target, last run and 7-day success rate", TAG, { responses: { "200": json(pageOf(summaryOut)) } }),
      post: op("Create an automation; a WEBHOOK's secret (generated when absent) is returned once as webhookSecret", TAG, {
        requestBody: { content: { "application/json": { schema: automationIn } } },
        responses: { "201": json(automationOut.extend({ webhookSecret: z.string().optional() }), "Created") },
      }),
    },
    "/automations/{id}": {
      get: op("Get an automation", TAG, { requestParams: { path: id }, responses: { "200": json(automationOut) } }),
      patch: op("Change an automation (the merged rule is validated again)", TAG, { requestParams: { path: id }, requestBody: { content: { "application/json": { schema: automationPatch } } }, responses: { "200": json(automationOut) } }),
      delete: op("Delete an automation and its execution log", TAG, { requestParams: { path: id }, responses: { "204": { description: "Deleted" } } }),
    },
    "/automations/{id}/executions": {
      get: op("An automation's executions, newest first", TAG, { requestParams: { path: id, query: executionsQuerySchema.omit({ automationId: true }) }, responses: { "200": json(pageOf(executionListItem)) } }),
    },
    "/automations/{id}/dry-run": {
      post: op("What this automation would do for a record (nothing is written, queued or sent)", TAG, {
        requestParams: { path: id },
        requestBody: { content: { "application/json": { schema: dryRunSchema.pick({ entityId: true, fromStageId: true, toStageId: true, listId: true }) } } },
        responses: { "200": json(z.object({ data: z.array(dryRunOut) })) },
      }),
    },
    "/automations/{id}/rotate-secret": {
      post: op("A new webhook signing secret, returned once", TAG, { requestParams: { path: id }, responses: { "200": json(z.object({ webhookSecret: z.string() })) } }),
    },
    "/automation-executions": {
      get: op("Executions of all automations, newest first, filtered", TAG, { requestParams: { query: executionsQuerySchema }, responses: { "200": json(pageOf(executionListItem)) } }),
    },
    "/automation-executions/{id}": {
      get: op("An execution with its event, request, response excerpt and attempts", TAG, { requestParams: { path: id }, responses: { "200": json(executionDetail) } }),
    },
    "/automation-executions/{id}/retry": {
      post: op("Requeue a FAILED execution (409 otherwise)", TAG, { requestParams: { path: id }, responses: { "200": json(executionOut) } }),
    },
    "/automation-executions/redeliver": {
      post: op("Run finished executions again under the same execution key (webhook-id)", TAG, { requestBody: { content: { "application/json": { schema: redeliverSchema } } }, responses: { "200": json(z.object({ requeued: z.number().int() })) } }),
    },
    "/events": {
      get: op("Events published by EVENT automations, oldest first after the cursor; poll again with after=nextCursor", TAG, { requestParams: { query: eventsQuerySchema }, responses: { "200": json(pageOf(publishedOut)) } }),
    },
    "/events/stream": {
      get: op("The same events as server-sent events (id: cursor; resumes from Last-Event-ID)", TAG, {
        requestParams: { query: eventsQuerySchema.pick({ after: true }) },
        responses: { "200": { description: "text/event-stream", content: { "text/event-stream": { schema: z.string() } } } },
      }),
    },
  };
}
