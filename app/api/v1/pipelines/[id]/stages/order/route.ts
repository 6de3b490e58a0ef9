import { apiRoute } from "@/lib/api/handler";
import { idParam } from "@/lib/pipelines/api";
import { stageOrderSchema } from "@/lib/pipelines/schemas";
import { reorderStages } from "@/lib/pipelines/stage-service";

export const dynamic = "force-dynamic";

/** All the pipeline's stage ids, each exactly once, in the new order; answers the pipeline. */
export const PUT = apiRoute<{ id: string }>("pipelines.manage", async ({ ctx, params, body }) => reorderStages(ctx, idParam(params.id, "Pipeline"), await body(stageOrderSchema)));
