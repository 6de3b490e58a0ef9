import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { idParam } from "@/lib/pipelines/api";
import { pipelineDwellSummary } from "@/lib/pipelines/queries";
import { summaryQuerySchema } from "@/lib/pipelines/schemas";

export const dynamic = "force-dynamic";

/** Extension: entries and dwell times per stage for stage changes in [from, to). */
export const GET = apiRoute<{ id: string }>("pipelines.read", async ({ ctx, params, query }) => {
  const { from, to } = parseQuery(summaryQuerySchema, query);
  return pipelineDwellSummary(ctx, idParam(params.id, "Pipeline"), { from, to });
});
