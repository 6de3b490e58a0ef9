import { apiRoute } from "@/lib/api/handler";
import { listExecutions } from "@/lib/automations/executions";
import { executionsQuerySchema } from "@/lib/automations/schemas";
import { parseQuery } from "@/lib/api/query";

export const dynamic = "force-dynamic";

/** GET /api/v1/automation-executions?automationId=&status=&entityType=&entityId=&since=&until=&limit=&cursor= */
export const GET = apiRoute("automations.read", async ({ ctx, query }) => listExecutions(ctx, parseQuery(executionsQuerySchema, query)));
