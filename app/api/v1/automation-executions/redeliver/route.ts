import { apiRoute } from "@/lib/api/handler";
import { redeliverExecutions } from "@/lib/automations/executions";
import { redeliverSchema } from "@/lib/automations/schemas";

export const dynamic = "force-dynamic";

/** POST /api/v1/automation-executions/redeliver { ids } — finished executions run again under the same key. */
export const POST = apiRoute("automations.manage", async ({ ctx, body }) => redeliverExecutions(ctx, (await body(redeliverSchema)).ids));
