import { apiRoute } from "@/lib/api/handler";
import { reorderPipelines } from "@/lib/pipelines/pipeline-service";
import { pipelineOrderSchema } from "@/lib/pipelines/schemas";

export const dynamic = "force-dynamic";

/** Extension: the order of the pipelines of one object type. */
export const PUT = apiRoute("pipelines.manage", async ({ ctx, body }) => ({ data: await reorderPipelines(ctx, await body(pipelineOrderSchema)) }));
