"use server";
// Server actions of /sequences and the contact page's "Enroll in sequence".
import "server-only";
import { z } from "zod";
import { publicOrigin } from "@/lib/public-origin";
import { tenantAction } from "@/lib/safe-action";
import { enrollSchema, sequenceInputSchema } from "./schemas";
import { createSequence, deleteSequence, enroll, stopEnrollment, updateSequence } from "./service";

export const createSequenceAction = tenantAction
  .metadata({ permission: "sequences.manage" })
  .inputSchema(sequenceInputSchema)
  .action(async ({ parsedInput, ctx }) => ({ id: (await createSequence(ctx.tenant, parsedInput)).id }));

export const updateSequenceAction = tenantAction
  .metadata({ permission: "sequences.manage" })
  .inputSchema(z.object({ id: z.uuid(), input: sequenceInputSchema }))
  .action(async ({ parsedInput, ctx }) => ({ id: (await updateSequence(ctx.tenant, parsedInput.id, parsedInput.input)).id }));

export const deleteSequenceAction = tenantAction
  .metadata({ permission: "sequences.manage" })
  .inputSchema(z.object({ id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteSequence(ctx.tenant, parsedInput.id);
  });

export const enrollAction = tenantAction
  .metadata({ permission: "sequences.enroll" })
  .inputSchema(z.object({ sequenceId: z.uuid(), contactId: z.uuid().optional(), listId: z.uuid().optional() }))
  .action(async ({ parsedInput: { sequenceId, ...input }, ctx }) => {
    enrollSchema.parse(input);
    const r = await enroll(ctx.tenant, sequenceId, input, { publicOrigin: await publicOrigin() });
    return { enrolled: r.enrolled, skipped: r.skipped };
  });

export const stopEnrollmentAction = tenantAction
  .metadata({ permission: "sequences.enroll" })
  .inputSchema(z.object({ id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await stopEnrollment(ctx.tenant, parsedInput.id);
  });
