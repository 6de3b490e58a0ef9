import { apiRoute } from "@/lib/api/handler";
import { retryExecution } from "@/lib/automations/executions";

export const dynamic = "force-dynamic";

/** POST /api/v1/automation-executions/{id}/retry — requeues a FAILED execution (409 otherwise). */
export const POST = apiRoute<{ id: string }>("automations.manage", async ({ ctx, params }) => retryExecution(ctx, params.id));
