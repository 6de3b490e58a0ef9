"use server";
// Server actions of Settings → Email, Settings → Email templates and the compose dialog.
import "server-only";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { checkMailbox, createMailbox, deleteMailbox, updateMailbox } from "./mailboxes";
import { publicOrigin } from "@/lib/public-origin";
import { emailPreferencesSchema, setEmailPreferences } from "./preferences";
import { mailboxCreateSchema, mailboxUpdateSchema, sendEmailSchema, sendSettingsSchema, templateInputSchema } from "./schemas";
import { updateSendSettings } from "./send-settings";
import { queueEmail } from "./send";
import { createTemplate, deleteTemplate, updateTemplate } from "./templates";
import { removeSuppression, suppressByHand } from "./suppression";
import { suppressInputSchema } from "./suppression-schemas";
import { revalidatePath } from "next/cache";

const SUPPRESSION_PATH = "/settings/email/suppression";

export const createMailboxAction = tenantAction
  .metadata({ permission: "email.send" })
  .inputSchema(mailboxCreateSchema)
  .action(async ({ parsedInput, ctx }) => createMailbox(ctx.tenant, parsedInput));

export const updateMailboxAction = tenantAction
  .metadata({ permission: "email.send" })
  .inputSchema(z.object({ id: z.uuid(), patch: mailboxUpdateSchema }))
  .action(async ({ parsedInput, ctx }) => updateMailbox(ctx.tenant, parsedInput.id, parsedInput.patch));

export const deleteMailboxAction = tenantAction
  .metadata({ permission: "email.send" })
  .inputSchema(z.object({ id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteMailbox(ctx.tenant, parsedInput.id);
  });

export const checkMailboxAction = tenantAction
  .metadata({ permission: "email.send" })
  .inputSchema(z.object({ id: z.uuid(), sendTest: z.boolean().default(false) }))
  .action(async ({ parsedInput, ctx }) => checkMailbox(ctx.tenant, parsedInput.id, { sendTest: parsedInput.sendTest }));

export const createTemplateAction = tenantAction
  .metadata({ permission: "emailTemplates.manage" })
  .inputSchema(templateInputSchema)
  .action(async ({ parsedInput, ctx }) => createTemplate(ctx.tenant, parsedInput));

export const updateTemplateAction = tenantAction
  .metadata({ permission: "emailTemplates.manage" })
  .inputSchema(templateInputSchema.extend({ id: z.uuid() }))
  .action(async ({ parsedInput: { id, ...input }, ctx }) => updateTemplate(ctx.tenant, id, input));

export const deleteTemplateAction = tenantAction
  .metadata({ permission: "emailTemplates.manage" })
  .inputSchema(z.object({ id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteTemplate(ctx.tenant, parsedInput.id);
  });

export const sendEmailAction = tenantAction
  .metadata({ permission: "email.send" })
  .inputSchema(sendEmailSchema)
  .action(async ({ parsedInput, ctx }) => {
    const email = await queueEmail(ctx.tenant, parsedInput, { publicOrigin: await publicOrigin() });
    return { id: email.id, status: email.status, tracked: email.tracked, scheduledAt: email.scheduledAt?.toISOString() ?? null };
  });

export const updateSendSettingsAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(sendSettingsSchema)
  .action(async ({ parsedInput, ctx }) => updateSendSettings(ctx.tenant, parsedInput));

export const setEmailPreferencesAction = tenantAction
  .metadata({ permission: "records.write" })
  .inputSchema(z.object({ contactId: z.uuid(), preferences: emailPreferencesSchema }))
  .action(async ({ parsedInput, ctx }) => setEmailPreferences(ctx.tenant, parsedInput.contactId, parsedInput.preferences));

export const suppressAddressAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(suppressInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    const r = await suppressByHand(ctx.tenant, parsedInput);
    revalidatePath(SUPPRESSION_PATH);
    return r;
  });

export const removeSuppressionAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(z.object({ id: z.string().min(1).max(200) }))
  .action(async ({ parsedInput, ctx }) => {
    await removeSuppression(ctx.tenant, parsedInput.id);
    revalidatePath(SUPPRESSION_PATH);
  });
