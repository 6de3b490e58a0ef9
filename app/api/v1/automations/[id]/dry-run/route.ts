import { apiRoute } from "@/lib/api/handler";
import { dryRun } from "@/lib/automations/dry-run";
import { dryRunSchema } from "@/lib/automations/schemas";
import { getAutomation } from "@/lib/automations/service";

export const dynamic = "force-dynamic";

const bodySchema = dryRunSchema.pick({ entityId: true, fromStageId: true, toStageId: true, listId: true });

/**
 * POST /api/v1/automations/{id}/dry-run { entityId, fromStageId?, toStageId?, listId? } —
 * what this automation would do for that record on its trigger (and its place among the
 * others that would fire); nothing is written, queued or sent.
 */
export const POST = apiRoute<{ id: string }>("automations.read", async ({ ctx, params, body }) => {
  const input = await body(bodySchema);
  const automation = await getAutomation(ctx, params.id);
  const results = await dryRun(ctx, { ...input, entityType: automation.entityType, triggerEvent: automation.triggerEvent });
  return { data: results.filter((r) => r.automationId === automation.id) };
});
