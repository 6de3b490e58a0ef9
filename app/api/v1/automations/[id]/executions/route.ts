import { apiRoute } from "@/lib/api/handler";
import { listExecutions } from "@/lib/automations/executions";
import { executionsQuerySchema } from "@/lib/automations/schemas";
import { getAutomation } from "@/lib/automations/service";
import { parseQuery } from "@/lib/api/query";

export const dynamic = "force-dynamic";

/** GET /api/v1/automations/{id}/executions?status=&since=&until=&entityId=&limit=&cursor= — newest first. */
export const GET = apiRoute<{ id: string }>("automations.read", async ({ ctx, params, query }) => {
  const q = parseQuery(executionsQuerySchema.omit({ automationId: true }), query);
  await getAutomation(ctx, params.id); // 404 for an unknown (or another tenant's) automation
  return listExecutions(ctx, { ...q, automationId: params.id });
});
