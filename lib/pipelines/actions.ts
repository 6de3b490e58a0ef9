"use server";

import { revalidatePath } from "next/cache";
import { createPipeline, deletePipeline, reorderPipelines, updatePipeline } from "@/lib/pipelines/pipeline-service";
import {
  addStageActionSchema,
  pipelineCreateSchema,
  pipelineIdSchema,
  pipelineOrderSchema,
  reorderStagesActionSchema,
  stageIdSchema,
  updatePipelineActionSchema,
  updateStageActionSchema,
} from "@/lib/pipelines/schemas";
import { addStage, deleteStage, reorderStages, updateStage } from "@/lib/pipelines/stage-service";
import { tenantAction } from "@/lib/safe-action";
import { rethrowAsFieldErrors } from "@/app/(crm)/settings/action-errors";

const LIST = "/settings/pipelines";
const refresh = (pipelineId?: string) => {
  revalidatePath(LIST);
  if (pipelineId) revalidatePath(`${LIST}/${pipelineId}`);
};

export const createPipelineAction = tenantAction
  .metadata({ permission: "pipelines.manage" })
  .inputSchema(pipelineCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    try {
      const p = await createPipeline(ctx.tenant, parsedInput);
      refresh();
      return { id: p.id };
    } catch (err) {
      rethrowAsFieldErrors(pipelineCreateSchema, err);
    }
  });

export const updatePipelineAction = tenantAction
  .metadata({ permission: "pipelines.manage" })
  .inputSchema(updatePipelineActionSchema)
  .action(async ({ parsedInput: { pipelineId, ...patch }, ctx }) => {
    try {
      await updatePipeline(ctx.tenant, pipelineId, patch);
      refresh(pipelineId);
    } catch (err) {
      rethrowAsFieldErrors(updatePipelineActionSchema, err);
    }
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
