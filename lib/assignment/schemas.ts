// Zod input schemas of assignment rules, shared by the server actions, the REST routes
// and the settings form (no server imports here). Conditions are checked against the
// object type's fields by the service.
import { z } from "zod";
import { ASSIGNMENT_STRATEGIES } from "@/db/schema/lead-routing";
import { PRIORITIES } from "@/db/schema/enums";
import { filterSchema } from "@/lib/filters/schema";

export const ASSIGNABLE_TYPES = ["LEAD", "CONTACT", "DEAL", "TICKET"] as const;
export type AssignableType = (typeof ASSIGNABLE_TYPES)[number];

export const assignmentActionsSchema = z
  .object({
    priority: z.enum(PRIORITIES).optional().meta({ description: "Set on the new record when it has a priority (leads, tickets) and the create named none" }),
    tags: z.array(z.string().trim().min(1).max(60)).max(20).optional().meta({ description: "Added to the new record's tags" }),
    followUpHours: z.number().int().min(1).max(24 * 90).optional().meta({ description: "Create a follow-up task for the new owner, due in this many hours" }),
  })
  .strict()
  .meta({ id: "AssignmentActions", description: "Seed 002's optional actions of a routing rule" });

const fields = {
  name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  objectType: z.enum(ASSIGNABLE_TYPES, { error: "must be LEAD, CONTACT, DEAL or TICKET" }),
  condition: filterSchema.nullish(),
  strategy: z.enum(ASSIGNMENT_STRATEGIES, { error: "must be USER, ROUND_ROBIN or LEAST_OPEN" }),
  userId: z.uuid("must be a user id").nullish(),
  groupId: z.uuid("must be a group id").nullish(),
  priority: z.number().int().min(0).max(100_000).optional().meta({ description: "Lower runs first (default: after the last rule)" }),
  enabled: z.boolean().optional(),
  actions: assignmentActionsSchema.optional(),
};

type Target = { strategy?: string; userId?: string | null; groupId?: string | null };
const targetIssue = (v: Target, ctx: z.RefinementCtx) => {
  if (!v.strategy) return;
  if (v.strategy === "USER" && !v.userId) ctx.addIssue({ code: "custom", path: ["userId"], message: "is required for the USER strategy" });
  if (v.strategy !== "USER" && !v.groupId) ctx.addIssue({ code: "custom", path: ["groupId"], message: `is required for the ${v.strategy} strategy` });
};

export const assignmentRuleCreateSchema = z.object(fields).strict().superRefine(targetIssue).meta({ id: "AssignmentRuleInput" });
export type AssignmentRuleCreateInput = z.input<typeof assignmentRuleCreateSchema>;

export const assignmentRuleUpdateSchema = z.object(fields).partial().strict().meta({ id: "AssignmentRulePatch" });
export type AssignmentRuleUpdateInput = z.input<typeof assignmentRuleUpdateSchema>;
