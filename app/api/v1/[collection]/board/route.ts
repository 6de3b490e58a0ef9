import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { boardAsOf, boardAsOfQuerySchema } from "@/lib/analytics/board-as-of";
import { pipelineKindOf } from "@/lib/pipelines/api";

export const dynamic = "force-dynamic";

/** GET /api/v1/{deals|leads|tickets}/board?pipelineId=&asOf= — the board as of an instant (API.md "Analytics"). */
export const GET = apiRoute<{ collection: string }>("records.read", async ({ ctx, params, query }) => boardAsOf(ctx, pipelineKindOf(params.collection).kind, parseQuery(boardAsOfQuerySchema, query)));
