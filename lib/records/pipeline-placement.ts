import { and, asc, eq } from "drizzle-orm";
import { pipelines, pipelineStages } from "@/db/schema";
import type { PIPELINE_OBJECT_TYPES } from "@/db/schema/enums";
import { AppError, validationError } from "@/lib/errors";
import type { StageState } from "@/lib/pipelines/rules";
import type { Tx } from "@/lib/tenancy/with-tenant";

export interface Placement {
  pipelineId: string;
  stageId: string;
  probability: string;
  stageState: StageState;
}

/**
 * Where a new pipeline record starts: the named pipeline (or the default of its object
 * type) and the named stage (or the first). An ENFORCED pipeline only admits its first stage.
 */
export async function resolvePlacement(
  tx: Tx,
  tenantId: string,
  objectType: (typeof PIPELINE_OBJECT_TYPES)[number],
  requested: { pipelineId?: string; stageId?: string },
): Promise<Placement> {
  const [pipeline] = await tx
    .select()
    .from(pipelines)
    .where(
      requested.pipelineId
        ? and(eq(pipelines.tenantId, tenantId), eq(pipelines.id, requested.pipelineId), eq(pipelines.objectType, objectType))
        : and(eq(pipelines.tenantId, tenantId), eq(pipelines.objectType, objectType), eq(pipelines.isDefault, true)),
    );
  if (!pipeline) {
    if (requested.pipelineId) throw validationError([{ path: "pipelineId", message: `is not a ${objectType.toLowerCase()} pipeline of this workspace` }]);
    throw new AppError("conflict", `There is no default ${objectType.toLowerCase()} pipeline: create one in Settings → Pipelines`);
  }
  const stages = await tx
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.pipelineId, pipeline.id)))
    .orderBy(asc(pipelineStages.displayOrder));
  const first = stages[0];
  if (!first) throw new AppError("conflict", `Pipeline ${pipeline.name} has no stages`);
  let stage = first;
  if (requested.stageId) {
    const named = stages.find((s) => s.id === requested.stageId);
    if (!named) throw validationError([{ path: "stageId", message: `is not a stage of pipeline ${pipeline.name}` }]);
    if (pipeline.movementMode === "ENFORCED" && named.id !== first.id) {
      throw new AppError("movement-not-allowed", `Pipeline ${pipeline.name} is Enforced: new records start in its first stage, ${first.name}`, {
        allowedStageIds: [first.id],
      });
    }
    stage = named;
  }
  return { pipelineId: pipeline.id, stageId: stage.id, probability: stage.probability, stageState: stage.stageState };
}
