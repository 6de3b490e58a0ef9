"use server";

import { revalidatePath } from "next/cache";
import { z, ZodError } from "zod";
import { zodIssues } from "@/lib/api/problem";
import { dryRun } from "@/lib/automations/dry-run";
import { redeliverExecutions, retryExecution } from "@/lib/automations/executions";
import { dryRunSchema, redeliverSchema } from "@/lib/automations/schemas";
import { createAutomation, deleteAutomation, rotateWebhookSecret, updateAutomation } from "@/lib/automations/service";
import { AppError, type ValidationIssue } from "@/lib/errors";
import { tenantAction } from "@/lib/safe-action";

const PATH = "/settings/automations";

/** Validation and conflicts come back as data, so the form can put each message on its field (422 paths). */
export type Result<T> = { ok: true; data: T } | { ok: false; message: string; errors: ValidationIssue[] };

async function attempt<T>(fn: () => Promise<T>, ...paths: string[]): Promise<Result<T>> {
  try {
    const data = await fn();
    revalidatePath(PATH, "layout");
    for (const p of paths) revalidatePath(p);
    return { ok: true, data };
  } catch (err) {
    if (err instanceof ZodError) return { ok: false, message: "The input was not accepted", errors: zodIssues(err) };
    if (err instanceof AppError && err.code !== "internal") return { ok: false, message: err.message, errors: (err.extensions.errors as ValidationIssue[] | undefined) ?? [] };
    throw err;
  }
}

const id = z.uuid();

/** The WEBHOOK secret is in the answer this once; only the edit page's "rotate" shows a new one. */
export const createAutomationAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(z.object({ input: z.unknown() }))
  .action(async ({ parsedInput, ctx }) =>
    attempt(async () => {
      const { automation, webhookSecret } = await createAutomation(ctx.tenant, parsedInput.input);
      return { id: automation.id, webhookSecret };
    }),
  );

export const updateAutomationAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(z.object({ automationId: id, patch: z.unknown() }))
  .action(async ({ parsedInput, ctx }) =>
    attempt(async () => {
      await updateAutomation(ctx.tenant, parsedInput.automationId, parsedInput.patch);
      return null;
    }, `${PATH}/${parsedInput.automationId}`),
  );

export const setAutomationEnabledAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(z.object({ automationId: id, enabled: z.boolean() }))
  .action(async ({ parsedInput, ctx }) =>
    attempt(async () => {
      await updateAutomation(ctx.tenant, parsedInput.automationId, { enabled: parsedInput.enabled });
      return null;
    }),
  );

export const rotateSecretAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(z.object({ automationId: id }))
  .action(async ({ parsedInput, ctx }) => attempt(() => rotateWebhookSecret(ctx.tenant, parsedInput.automationId)));

export const deleteAutomationAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(z.object({ automationId: id }))
  .action(async ({ parsedInput, ctx }) => attempt(() => deleteAutomation(ctx.tenant, parsedInput.automationId).then(() => null)));

/** Reads only: what would fire for this record and event, and what each would send. */
export const dryRunAction = tenantAction
  .metadata({ permission: "automations.read" })
  .inputSchema(dryRunSchema)
  .action(async ({ parsedInput, ctx }) => {
    try {
      return { ok: true as const, data: await dryRun(ctx.tenant, parsedInput) };
    } catch (err) {
      if (err instanceof AppError && err.code !== "internal") return { ok: false as const, message: err.message, errors: [] };
      throw err;
    }
  });

export const retryExecutionAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(z.object({ executionId: id }))
  .action(async ({ parsedInput, ctx }) => attempt(() => retryExecution(ctx.tenant, parsedInput.executionId).then(() => null), `${PATH}/executions/${parsedInput.executionId}`));

export const redeliverExecutionsAction = tenantAction
  .metadata({ permission: "automations.manage" })
  .inputSchema(redeliverSchema)
  .action(async ({ parsedInput, ctx }) => attempt(() => redeliverExecutions(ctx.tenant, parsedInput.ids)));
