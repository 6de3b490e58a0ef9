import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { pipelineMetrics } from "@/lib/analytics/metrics";
import { metricsQuerySchema } from "@/lib/analytics/period";
import { idParam } from "@/lib/pipelines/api";

export const dynamic = "force-dynamic";

/** GET /api/v1/pipelines/{id}/metrics?from=&to= — API.md "Analytics". */
export const GET = apiRoute<{ id: string }>("pipelines.read", async ({ ctx, params, query }) => pipelineMetrics(ctx, idParam(params.id, "Pipeline"), parseQuery(metricsQuerySchema, query)));
