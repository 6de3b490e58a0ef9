"use server";
// Server actions of Settings → Assignment and the record page's history: the permission
// from the map, the input through the domain's schema, one service call.
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { ASSIGNABLE_TYPES, assignmentRuleCreateSchema, assignmentRuleUpdateSchema } from "./schemas";
import { createAssignmentRule, deleteAssignmentRule, listAssignments, moveAssignmentRule, previewAssignment, ruleJson, updateAssignmentRule } from "./service";

const PATH = "/settings/assignment";
const ruleId = z.uuid();

export const createAssignmentRuleAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(assignmentRuleCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const rule = await createAssignmentRule(ctx.tenant, parsedInput);
    revalidatePath(PATH);
    return ruleJson(rule);
  });

export const updateAssignmentRuleAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(z.object({ ruleId, patch: assignmentRuleUpdateSchema }))
  .action(async ({ parsedInput, ctx }) => {
    const rule = await updateAssignmentRule(ctx.tenant, parsedInput.ruleId, parsedInput.patch);
    revalidatePath(PATH);
    return ruleJson(rule);
  });

export const deleteAssignmentRuleAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(z.object({ ruleId }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteAssignmentRule(ctx.tenant, parsedInput.ruleId);
    revalidatePath(PATH);
  });

export const moveAssignmentRuleAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(z.object({ ruleId, direction: z.enum(["up", "down"]) }))
  .action(async ({ parsedInput, ctx }) => {
    await moveAssignmentRule(ctx.tenant, parsedInput.ruleId, parsedInput.direction);
    revalidatePath(PATH);
  });

/** "Who would get this?" for an existing record; changes nothing. */
export const previewAssignmentAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(z.object({ objectType: z.enum(ASSIGNABLE_TYPES), recordId: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => ({ result: await previewAssignment(ctx.tenant, parsedInput.objectType, parsedInput.recordId) }));

export const recordAssignmentsAction = tenantAction
  .metadata({ permission: "records.read" })
  .inputSchema(z.object({ objectType: z.enum(ASSIGNABLE_TYPES), recordId: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => listAssignments(ctx.tenant, parsedInput.objectType, parsedInput.recordId));
