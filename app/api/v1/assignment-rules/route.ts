import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { ASSIGNABLE_TYPES, assignmentRuleCreateSchema, type AssignableType } from "@/lib/assignment/schemas";
import { createAssignmentRule, listAssignmentRules, ruleJson } from "@/lib/assignment/service";
import { validationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** GET /api/v1/assignment-rules[?objectType=] → { data } in the order they are tried, per type. */
export const GET = apiRoute("records.read", async ({ ctx, query }) => {
  const type = query.get("objectType");
  if (type !== null && !(ASSIGNABLE_TYPES as readonly string[]).includes(type)) throw validationError([{ path: "objectType", message: "must be LEAD, CONTACT, DEAL or TICKET" }]);
  return { data: (await listAssignmentRules(ctx, (type as AssignableType | null) ?? undefined)).map(ruleJson), nextCursor: null };
});

export const POST = apiRoute("settings.manage", async ({ ctx, body }) => NextResponse.json(ruleJson(await createAssignmentRule(ctx, await body(assignmentRuleCreateSchema))), { status: 201 }));
