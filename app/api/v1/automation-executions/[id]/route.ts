import { apiRoute } from "@/lib/api/handler";
import { getExecutionDetail } from "@/lib/automations/executions";

export const dynamic = "force-dynamic";

/** GET /api/v1/automation-executions/{id} — with the event, the request sent, the response excerpt and every attempt. */
export const GET = apiRoute<{ id: string }>("automations.read", async ({ ctx, params }) => getExecutionDetail(ctx, params.id));
