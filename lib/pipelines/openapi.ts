import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { allOf, empty, json, pathItem } from "@/lib/api/openapi-common";
import { recordSchemaOf } from "@/lib/records/openapi";
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
  summaryQuerySchema,
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
const tag = "pipelines";

export function pipelinePaths(): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {
    "/pipelines": pathItem({
      get: {
        id: "listPipelines",
        tag,
        permission: "pipelines.read",
        summary: "List pipelines with their stages",
        description: "Every pipeline (of one object type with `objectType`), in display order, each with its stages in order.",
        query: z.object({ objectType: objectTypeSchema.optional() }),
        responses: { "200": json(allOf(pipelineOut)) },
      },
      post: {
        id: "createPipeline",
        tag,
        permission: "pipelines.manage",
        summary: "Create a pipeline, optionally with its stages",
        description:
          "The key is derived from the name when absent; an explicit key already used by a pipeline of the object type is a 409. The first pipeline of an object type becomes its default; `isDefault: true` takes the default over. `stages`, in order, are created at once.",
        body: pipelineCreateSchema,
        responses: { "201": json(pipelineOut, "Created") },
      },
    }),
    "/pipelines/order": pathItem({
      put: {
        id: "reorderPipelines",
        tag,
        permission: "pipelines.manage",
        summary: "Reorder the pipelines of one object type",
        description: "`pipelineIds` must list every pipeline of the object type exactly once (422 otherwise). Answers them in the new order.",
        body: pipelineOrderSchema,
        responses: { "200": json(z.object({ data: z.array(pipelineOut) })) },
      },
    }),
    "/pipelines/{id}": pathItem({
      get: { id: "getPipeline", tag, permission: "pipelines.read", summary: "Get a pipeline", description: "The pipeline with its stages in order.", path: pipelineId, responses: { "200": json(pipelineOut) } },
      patch: {
        id: "updatePipeline",
        tag,
        permission: "pipelines.manage",
        summary: "Update a pipeline (partial)",
        description: "Setting `isDefault` unsets the previous default. The default cannot be unset (make another the default) or deactivated: 409.",
        path: pipelineId,
        body: pipelineUpdateSchema,
        responses: { "200": json(pipelineOut) },
      },
      delete: {
        id: "deletePipeline",
        tag,
        permission: "pipelines.manage",
        summary: "Delete a pipeline",
        description: "Refused with 409 (extension `recordCount`) while records use it, and for the default pipeline.",
        path: pipelineId,
        responses: { "204": empty("Deleted") },
      },
    }),
    "/pipelines/{id}/stages": pathItem({
      post: {
        id: "createStage",
        tag,
        permission: "pipelines.manage",
        summary: "Append a stage",
        description: "The new stage goes last; an unknown required field is a 422 naming it.",
        path: pipelineId,
        body: stageCreateSchema,
        responses: { "201": json(stageOut, "Created") },
      },
    }),
    "/pipelines/{id}/stages/order": pathItem({
      put: {
        id: "reorderStages",
        tag,
        permission: "pipelines.manage",
        summary: "Reorder the stages",
        description: "`stageIds` must list every stage of the pipeline exactly once (422 otherwise). Answers the pipeline.",
        path: pipelineId,
        body: stageOrderSchema,
        responses: { "200": json(pipelineOut) },
      },
    }),
    "/pipelines/{id}/stages/{stageId}": pathItem({
      patch: {
        id: "updateStage",
        tag,
        permission: "pipelines.manage",
        summary: "Update a stage (partial)",
        description: "An unknown required field is a 422 naming it. The state of a stage that holds records cannot change (409 with `recordCount`).",
        path: stagePath,
        body: stagePatchSchema,
        responses: { "200": json(stageOut) },
      },
      delete: {
        id: "deleteStage",
        tag,
        permission: "pipelines.manage",
        summary: "Delete a stage",
        description: "409 `conflict` with extension `recordCount` while records are in the stage; the last stage cannot be deleted.",
        path: stagePath,
        responses: { "204": empty("Deleted") },
      },
    }),
    "/pipelines/{id}/summary": pathItem({
      get: {
        id: "getPipelineDwellSummary",
        tag,
        permission: "pipelines.read",
        summary: "Dwell times per stage",
        description:
          "For stage entries in [from, to): how many, how many are still open, and the average and median days spent in the stage (an open stay counts up to now). `from`/`to` are ISO dates or date-times; a date-only `to` includes that day.",
        path: pipelineId,
        query: summaryQuerySchema,
        responses: { "200": json(summaryOut) },
      },
    }),
  };
  for (const def of Object.values(RECORD_KINDS).filter((d) => d.pipelineObjectType)) {
    const Name = def.singular[0]!.toUpperCase() + def.singular.slice(1);
    paths[`/${def.collection}/{id}/move`] = pathItem({
      post: {
        id: `move${Name}`,
        tag: def.collection,
        permission: "records.move",
        summary: `Move a ${def.singular} to another stage`,
        description:
          "A move is to a stage of the record's own pipeline, by the pipeline's movement mode. Refused: 409 `movement-not-allowed` (extension `allowedStageIds`), or 422 `required-fields-missing` (extension `missingFields`: the field paths; the detail names them by label); a refused move changes nothing. `fields` carries values for the fields the target stage requires (as a PATCH of the record takes them), written with the move in one transaction; an invalid value is a 422 `validation` with `errors` under `fields.` and nothing is written. An admin may force a refused move with `override: true` and a `reason` (the history row records both); anyone else asking for an override gets a 403. Answers the moved record.",
        path: pipelineId,
        body: moveSchema,
        responses: { "200": json(recordSchemaOf(def), "The moved record") },
      },
    });
    paths[`/${def.collection}/{id}/stage-history`] = pathItem({
      get: {
        id: `list${Name}StageHistory`,
        tag: def.collection,
        permission: "records.read",
        summary: `Stage history of a ${def.singular}`,
        description: "Newest first. The oldest row may be the entry into the first stage at creation (`fromStageId: null`); every later row is one move.",
        path: pipelineId,
        responses: { "200": json(z.object({ data: z.array(historyOut) })) },
      },
    });
  }
  return paths;
}
