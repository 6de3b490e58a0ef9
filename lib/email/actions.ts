"use server";
// Server actions of Settings → Email, Settings → Email templates and the compose dialog.
import "server-only";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { checkMailbox, createMailbox, deleteMailbox, updateMailbox } from "./mailboxes";
import { mailboxCreateSchema, mailboxUpdateSchema } from "./schemas";

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
