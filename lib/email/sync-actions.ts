"use server";
// Server actions of the IMAP sync: Settings → Email's ledger buttons and sync settings, and
// opening a synced email on a record's timeline.
import "server-only";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { emailSyncSettingsSchema, getSyncedEmail, requestMailboxSync, resumeMailboxSync, resyncMailboxFrom, updateEmailSyncSettings } from "./sync-service";

export const syncNowAction = tenantAction
  .metadata({ permission: "email.send" })
  .inputSchema(z.object({ id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await requestMailboxSync(ctx.tenant, parsedInput.id);
  });

export const resumeSyncAction = tenantAction
  .metadata({ permission: "email.send" })
  .inputSchema(z.object({ id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await resumeMailboxSync(ctx.tenant, parsedInput.id);
  });

export const resyncFromAction = tenantAction
  .metadata({ permission: "email.send" })
  .inputSchema(z.object({ id: z.uuid(), from: z.iso.date() }))
  .action(async ({ parsedInput, ctx }) => {
    await resyncMailboxFrom(ctx.tenant, parsedInput.id, `${parsedInput.from}T00:00:00Z`);
  });

export const updateEmailSyncSettingsAction = tenantAction
  .metadata({ permission: "settings.manage" })
  .inputSchema(emailSyncSettingsSchema)
  .action(async ({ parsedInput, ctx }) => updateEmailSyncSettings(ctx.tenant, parsedInput));

export const syncedEmailAction = tenantAction
  .metadata({ permission: "records.read" })
  .inputSchema(z.object({ id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => getSyncedEmail(ctx.tenant, parsedInput.id));
