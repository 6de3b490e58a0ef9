import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { allOf, empty, idPath, json, pathItem } from "@/lib/api/openapi-common";
import { ASSIGNMENT_STRATEGIES } from "@/db/schema/lead-routing";
import { ASSIGNABLE_TYPES, assignmentActionsSchema, assignmentRuleCreateSchema, assignmentRuleUpdateSchema } from "./schemas";

const ruleOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    objectType: z.enum(ASSIGNABLE_TYPES),
    condition: z.unknown().meta({ description: "Filter JSON on the object type, or null (every record)" }),
    strategy: z.enum(ASSIGNMENT_STRATEGIES),
    userId: z.uuid().nullable(),
    groupId: z.uuid().nullable(),
    priority: z.number().int(),
    enabled: z.boolean(),
    actions: assignmentActionsSchema,
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .meta({ id: "AssignmentRule" });

const assignment = z
  .object({ userId: z.uuid(), ruleId: z.uuid().nullable(), assignedAt: z.string().datetime(), assignedBy: z.uuid().nullable().meta({ description: "Who created the record (null: an API key or the system)" }) })
  .meta({ id: "Assignment" });

export function assignmentPaths(): ZodOpenApiPathsObject {
  const tag = "assignment-rules";
  return {
    "/assignment-rules": pathItem({
      get: {
        id: "listAssignmentRules",
        tag,
        permission: "records.read",
        summary: "List assignment rules",
        description: "Per object type, in the order they are tried (lowest `priority` first).",
        query: z.object({ objectType: z.enum(ASSIGNABLE_TYPES).optional() }),
        responses: { "200": json(allOf(ruleOut)) },
      },
      post: {
        id: "createAssignmentRule",
        tag,
        permission: "settings.manage",
        summary: "Create an assignment rule",
        description:
          "When a record of the type is created without an owner (UI, API, import, web form), the first enabled rule whose condition matches sets `ownedByUserId`: USER its `userId`; ROUND_ROBIN the next active member of `groupId` in turn (fair under concurrency); LEAST_OPEN the active member with the fewest open records of the type. Its `actions` then apply.",
        body: assignmentRuleCreateSchema,
        responses: { "201": json(ruleOut, "Created") },
      },
    }),
    "/assignment-rules/{id}": pathItem({
      get: { id: "getAssignmentRule", tag, permission: "records.read", summary: "Get an assignment rule", description: "One rule of the workspace.", path: idPath, responses: { "200": json(ruleOut) } },
      patch: {
        id: "updateAssignmentRule",
        tag,
        permission: "settings.manage",
        summary: "Change an assignment rule",
        description: "Only the fields sent change; the result must still name its strategy's user or group.",
        path: idPath,
        body: assignmentRuleUpdateSchema,
        responses: { "200": json(ruleOut) },
      },
      delete: { id: "deleteAssignmentRule", tag, permission: "settings.manage", summary: "Delete an assignment rule", description: "Records it assigned keep their history, without the rule.", path: idPath, responses: { "204": empty("Deleted") } },
    }),
    "/leads/{id}/assignments": pathItem({
      get: {
        id: "listLeadAssignments",
        tag: "leads",
        permission: "records.read",
        summary: "A lead's assignment history",
        description: "Who was given the lead, by which rule, when, oldest first.",
        path: idPath,
        responses: { "200": json(z.object({ data: z.array(assignment) })) },
      },
    }),
  };
}
