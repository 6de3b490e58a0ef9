import { apiRoute } from "@/lib/api/handler";
import { rotateWebhookSecret } from "@/lib/automations/service";

export const dynamic = "force-dynamic";

/** POST /api/v1/automations/{id}/rotate-secret — a new signing secret, shown this once. */
export const POST = apiRoute<{ id: string }>("automations.manage", async ({ ctx, params }) => rotateWebhookSecret(ctx, params.id));
