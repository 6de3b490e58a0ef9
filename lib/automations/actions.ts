"use server";
// Server actions of Settings → Automations (rules, the dry run, the execution log) and
// Settings → AI (the AI workers' endpoint).
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { aiSettingsSchema, saveAiSettings } from "./ai-settings";
import { dryRun } from "./dry-run";
import { redeliverExecutions, retryExecution } from "./executions";
import { automationCreateSchema, automationUpdateSchema, dryRunSchema, redeliverSchema } from "./schemas";
import { createAutomation, deleteAutomation, rotateWebhookSecret, updateAutomation } from "./service";

const PATH = "/settings/automations";
const id = z.uuid();

function refresh(...paths: string[]) {
  revalidatePath(PATH, "layout");
  for (const p of paths) revalidatePath(p);
}

/** The WEBHOOK secret is in the answer this once; only the edit page's "rotate" shows a new one. */
export const createAutomationAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(automationCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { automation, webhookSecret } = await createAutomation(ctx.tenant, parsedInput);
    refresh();
    return { id: automation.id, webhookSecret };
  });

/** A PATCH of the rule (any subset of its fields); the merged rule is checked again by the service. */
export const updateAutomationAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(automationUpdateSchema.extend({ automationId: id }))
  .action(async ({ parsedInput: { automationId, ...patch }, ctx }) => {
    await updateAutomation(ctx.tenant, automationId, patch);
    refresh(`${PATH}/${automationId}`);
  });

export const setAutomationEnabledAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(z.object({ automationId: id, enabled: z.boolean() }))
  .action(async ({ parsedInput, ctx }) => {
    await updateAutomation(ctx.tenant, parsedInput.automationId, { enabled: parsedInput.enabled });
    refresh();
  });

export const rotateSecretAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(z.object({ automationId: id }))
  .action(async ({ parsedInput, ctx }) => {
    const rotated = await rotateWebhookSecret(ctx.tenant, parsedInput.automationId);
    refresh();
    return rotated;
  });

export const deleteAutomationAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(z.object({ automationId: id }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteAutomation(ctx.tenant, parsedInput.automationId);
    refresh();
  });

/** Reads only: what would fire for this record and event, and what each would send. */
export const dryRunAction = tenantAction
  .metadata({ permission: "automations.read" })
  .inputSchema(dryRunSchema)
  .action(async ({ parsedInput, ctx }) => dryRun(ctx.tenant, parsedInput));

export const retryExecutionAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(z.object({ executionId: id }))
  .action(async ({ parsedInput, ctx }) => {
    await retryExecution(ctx.tenant, parsedInput.executionId);
    refresh(`${PATH}/executions/${parsedInput.executionId}`);
  });

export const redeliverExecutionsAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(redeliverSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await redeliverExecutions(ctx.tenant, parsedInput.ids);
    refresh();
    return result;
  });

/** The key is write-only: undefined keeps the stored one ("" clears it; so does another origin). Answers what is now stored. */
export const saveAiSettingsAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(aiSettingsSchema)
  .action(async ({ parsedInput, ctx }) => {
    const saved = await saveAiSettings(ctx.tenant, parsedInput);
    revalidatePath("/settings/ai");
    return saved;
  });
