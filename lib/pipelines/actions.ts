"use server";
// Server actions of pipelines: Settings → Pipelines (pipelines and their stages), and a
// record page's stage picker (moveRecord, the one way a stage changes).
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { moveRecord } from "./move-record";
import { createPipeline, deletePipeline, reorderPipelines, updatePipeline } from "./pipeline-service";
import {
  addStageActionSchema,
  pipelineCreateSchema,
  pipelineIdSchema,
  pipelineOrderSchema,
  reorderStagesActionSchema,
  stageIdSchema,
  updatePipelineActionSchema,
  moveSchema,
  PIPELINE_KINDS,
  updateStageActionSchema,
  updateStagesActionSchema,
} from "./schemas";
import { addStage, deleteStage, reorderStages, updateStage, updateStages } from "./stage-service";

const LIST = "/settings/pipelines";
const refresh = (pipelineId?: string) => {
  revalidatePath(LIST);
  if (pipelineId) revalidatePath(`${LIST}/${pipelineId}`);
};

export const createPipelineAction = tenantAction
  .metadata({ permission: "pipelines.manage" })
  .inputSchema(pipelineCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const p = await createPipeline(ctx.tenant, parsedInput);
    refresh();
    return { id: p.id };
  });

export const updatePipelineAction = tenantAction
  .metadata({ permission: "pipelines.manage" })
  .inputSchema(updatePipelineActionSchema)
  .action(async ({ parsedInput: { pipelineId, ...patch }, ctx }) => {
    await updatePipeline(ctx.tenant, pipelineId, patch);
    refresh(pipelineId);
  });

export const reorderPipelinesAction = tenantAction
  .metadata({ permission: "pipelines.manage" })
  .inputSchema(pipelineOrderSchema)
  .action(async ({ parsedInput, ctx }) => {
    await reorderPipelines(ctx.tenant, parsedInput);
    refresh();
  });

export const deletePipelineAction = tenantAction
  .metadata({ permission: "pipelines.manage" })
  .inputSchema(pipelineIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    await deletePipeline(ctx.tenant, parsedInput.pipelineId);
    refresh();
  });

export const addStageAction = tenantAction
  .metadata({ permission: "pipelines.manage" })
  .inputSchema(addStageActionSchema)
  .action(async ({ parsedInput: { pipelineId, ...stage }, ctx }) => {
    const s = await addStage(ctx.tenant, pipelineId, stage);
    refresh(pipelineId);
    return { id: s.id };
  });

export const updateStageAction = tenantAction
  .metadata({ permission: "pipelines.manage" })
  .inputSchema(updateStageActionSchema)
  .action(async ({ parsedInput: { pipelineId, stageId, ...patch }, ctx }) => {
    await updateStage(ctx.tenant, pipelineId, stageId, patch);
    refresh(pipelineId);
  });

/** The stage editor's one Save for every edited stage. */
export const updateStagesAction = tenantAction
  .metadata({ permission: "pipelines.manage" })
  .inputSchema(updateStagesActionSchema)
  .action(async ({ parsedInput: { pipelineId, stages }, ctx }) => {
    await updateStages(ctx.tenant, pipelineId, { stages });
    refresh(pipelineId);
  });

export const reorderStagesAction = tenantAction
  .metadata({ permission: "pipelines.manage" })
  .inputSchema(reorderStagesActionSchema)
  .action(async ({ parsedInput: { pipelineId, stageIds }, ctx }) => {
    await reorderStages(ctx.tenant, pipelineId, { stageIds });
    refresh(pipelineId);
  });

export const deleteStageAction = tenantAction
  .metadata({ permission: "pipelines.manage" })
  .inputSchema(stageIdSchema)
  .action(async ({ parsedInput: { pipelineId, stageId }, ctx }) => {
    await deleteStage(ctx.tenant, pipelineId, stageId);
    refresh(pipelineId);
  });

/** The record page's stage picker: a move to a stage (or, for admins, a forced one with a reason). */
export const moveStageAction = tenantAction
  .metadata({ permission: "records.move" })
  .inputSchema(z.object({ kind: z.enum(PIPELINE_KINDS), id: z.uuid(), move: moveSchema.omit({ afterId: true, beforeId: true }) }))
  .action(async ({ parsedInput, ctx }) => {
    const { record, historyId } = await moveRecord(ctx.tenant, parsedInput.kind, parsedInput.id, parsedInput.move);
    return { stageId: record.stageId as string, historyId };
  });
