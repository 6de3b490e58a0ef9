import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { json, op } from "@/lib/api/openapi-common";
import { RECORD_KINDS } from "@/lib/records/registry";
import {
  moveSchema,
  movementModeSchema,
  objectTypeSchema,
  pipelineCreateSchema,
  pipelineOrderSchema,
  pipelineUpdateSchema,
  stageCreateSchema,
  stageOrderSchema,
  stagePatchSchema,
  stageStateSchema,
} from "./schemas";

const uuid = z.string().uuid();

const stageOut = z
  .object({
    id: uuid,
    name: z.string(),
    displayOrder: z.number().int(),
    stageState: stageStateSchema,
    probability: z.number().min(0).max(1),
    color: z.string().meta({ example: "#3B82F6" }),
    requiredFields: z.array(z.string()).meta({ description: "Record fields (`amount`) or `customFields.<key>` a record needs to enter the stage" }),
    expectedDays: z.number().int().nullable(),
    inheritPipelineActions: z.boolean(),
  })
  .meta({ id: "Stage" });

const pipelineOut = z
  .object({
    id: uuid,
    name: z.string(),
    description: z.string().nullable(),
    objectType: objectTypeSchema,
    pipelineKey: z.string(),
    displayOrder: z.number().int(),
    isActive: z.boolean(),
    isDefault: z.boolean(),
    movementMode: movementModeSchema,
    stages: z.array(stageOut),
  })
  .meta({ id: "Pipeline" });

const historyOut = z
  .object({
    id: uuid,
    pipelineId: uuid.nullable(),
    fromStageId: uuid.nullable(),
    toStageId: uuid.nullable(),
    changedAt: z.string().datetime(),
    changedByUserId: uuid.nullable(),
    source: z.enum(["USER", "API", "AUTOMATION", "IMPORT", "SYSTEM"]),
    isOverride: z.boolean(),
    overrideReason: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: "StageHistoryEntry" });

const summaryOut = z
  .object({
    pipelineId: uuid,
    from: z.string().datetime().nullable(),
    to: z.string().datetime().nullable(),
    stages: z.array(
      z.object({
        stageId: uuid,
        name: z.string(),
        displayOrder: z.number().int(),
        stageState: stageStateSchema,
        entries: z.number().int().meta({ description: "Entries into the stage in [from, to)" }),
        openEntries: z.number().int().meta({ description: "Of those, records still in the stage" }),
        averageDays: z.number().nullable(),
        medianDays: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: "PipelineDwellSummary" });

const pipelineId = z.object({ id: uuid });
const stagePath = z.object({ id: uuid, stageId: uuid });
const body = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const TAG = "pipelines";

export function pipelinePaths(): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {
    "/pipelines": {
      get: op("List pipelines with their stages, in display order", TAG, {
        requestParams: { query: z.object({ objectType: objectTypeSchema.optional() }) },
        responses: { "200": json(z.object({ data: z.array(pipelineOut), nextCursor: z.null() })) },
      }),
      post: op("Create a pipeline, optionally with its stages in order (admin)", TAG, {
        description: "The key is derived from the name when absent; an explicit key already used by a pipeline of the object type is a 409. The first pipeline of an object type becomes its default; `isDefault: true` takes the default over.",
        requestBody: body(pipelineCreateSchema),
        responses: { "201": json(pipelineOut, "Created") },
      }),
    },
    "/pipelines/order": {
      put: op("Reorder the pipelines of one object type (extension, admin)", TAG, {
        description: "`pipelineIds` must list every pipeline of the object type exactly once (422 otherwise).",
        requestBody: body(pipelineOrderSchema),
        responses: { "200": json(z.object({ data: z.array(pipelineOut) })) },
      }),
    },
    "/pipelines/{id}": {
      get: op("Get a pipeline", TAG, { requestParams: { path: pipelineId }, responses: { "200": json(pipelineOut) } }),
      patch: op("Update a pipeline (partial, admin)", TAG, {
        description: "Setting `isDefault` unsets the previous default. The default cannot be unset (make another the default) or deactivated: 409.",
        requestParams: { path: pipelineId },
        requestBody: body(pipelineUpdateSchema),
        responses: { "200": json(pipelineOut) },
      }),
      delete: op("Delete a pipeline (admin)", TAG, {
        description: "Refused with 409 (extension `recordCount`) while records use it, and for the default pipeline.",
        requestParams: { path: pipelineId },
        responses: { "204": { description: "Deleted" } },
      }),
    },
    "/pipelines/{id}/stages": {
      post: op("Append a stage (admin)", TAG, { requestParams: { path: pipelineId }, requestBody: body(stageCreateSchema), responses: { "201": json(stageOut, "Created") } }),
    },
    "/pipelines/{id}/stages/order": {
      put: op("Reorder the stages (admin)", TAG, {
        description: "`stageIds` must list every stage of the pipeline exactly once (422 otherwise).",
        requestParams: { path: pipelineId },
        requestBody: body(stageOrderSchema),
        responses: { "200": json(pipelineOut) },
      }),
    },
    "/pipelines/{id}/stages/{stageId}": {
      patch: op("Update a stage (partial, admin)", TAG, {
        description: "An unknown required field is a 422 naming it. The state of a stage that holds records cannot change (409 with `recordCount`).",
        requestParams: { path: stagePath },
        requestBody: body(stagePatchSchema),
        responses: { "200": json(stageOut) },
      }),
      delete: op("Delete a stage (admin)", TAG, {
        description: "409 `conflict` with extension `recordCount` while records are in the stage; the last stage cannot be deleted.",
        requestParams: { path: stagePath },
        responses: { "204": { description: "Deleted" } },
      }),
    },
    "/pipelines/{id}/summary": {
      get: op("Dwell times per stage (extension)", TAG, {
        description:
          "For stage entries in [from, to): how many, how many are still open, and the average and median days spent in the stage (an open stay counts up to now). `from`/`to` are ISO dates or date-times; a date-only `to` includes that day.",
        requestParams: { path: pipelineId, query: z.object({ from: z.string().optional(), to: z.string().optional() }) },
        responses: { "200": json(summaryOut) },
      }),
    },
  };
  for (const def of Object.values(RECORD_KINDS).filter((d) => d.pipelineObjectType)) {
    const id = z.object({ id: uuid });
    paths[`/${def.collection}/{id}/move`] = {
      post: op(`Move a ${def.singular} to another stage`, def.collection, {
        description:
          "409 `movement-not-allowed` (extension `allowedStageIds`) when the pipeline's rules refuse; 422 `required-fields-missing` (extension `missingFields`). Admins may force a refused move with `override: true` and a `reason`; others get 403.",
        requestParams: { path: id },
        requestBody: body(moveSchema),
        responses: { "200": json(z.looseObject({ id: uuid, stageId: uuid, stageEnteredAt: z.string().datetime() }), "The updated record") },
      }),
    };
    paths[`/${def.collection}/{id}/stage-history`] = {
      get: op(`Stage history of a ${def.singular}, newest first`, def.collection, {
        requestParams: { path: id },
        responses: { "200": json(z.object({ data: z.array(historyOut) })) },
      }),
    };
  }
  return paths;
}
