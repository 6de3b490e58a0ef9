import { apiRoute } from "@/lib/api/handler";
import { assignmentRuleUpdateSchema } from "@/lib/assignment/schemas";
import { deleteAssignmentRule, getAssignmentRule, ruleJson, updateAssignmentRule } from "@/lib/assignment/service";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>("records.read", async ({ ctx, params }) => ruleJson(await getAssignmentRule(ctx, params.id)));

export const PATCH = apiRoute<Params>("settings.manage", async ({ ctx, params, body }) => ruleJson(await updateAssignmentRule(ctx, params.id, await body(assignmentRuleUpdateSchema))));

/** The rule's past assignments stay in the records' history, without the rule. */
export const DELETE = apiRoute<Params>("settings.manage", async ({ ctx, params }) => {
  await deleteAssignmentRule(ctx, params.id);
  return new Response(null, { status: 204 });
});
