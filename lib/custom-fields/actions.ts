"use server";
// Server actions of Settings → Fields (custom field definitions).
import "server-only";
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/safe-action";
import { customFieldCreateSchema, customFieldEditSchema, customFieldIdSchema, customFieldMoveSchema } from "./schemas";
import { createCustomField, deleteCustomField, moveCustomField, updateCustomField } from "./service";

const PATH = "/settings/fields";

export const createFieldAction = tenantAction
  .metadata({ permission: "fields.manage" })
  .inputSchema(customFieldCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const f = await createCustomField(ctx.tenant, parsedInput);
    revalidatePath(PATH);
    return { id: f.id, key: f.key };
  });

export const updateFieldAction = tenantAction
  .metadata({ permission: "fields.manage" })
  .inputSchema(customFieldEditSchema)
  .action(async ({ parsedInput: { fieldId, ...patch }, ctx }) => {
    await updateCustomField(ctx.tenant, fieldId, patch);
    revalidatePath(PATH);
  });

export const moveFieldAction = tenantAction
  .metadata({ permission: "fields.manage" })
  .inputSchema(customFieldMoveSchema)
  .action(async ({ parsedInput, ctx }) => {
    await moveCustomField(ctx.tenant, parsedInput.fieldId, parsedInput.direction);
    revalidatePath(PATH);
  });

/** The definition goes; values already stored in records stay in their jsonb, ignored. */
export const deleteFieldAction = tenantAction
  .metadata({ permission: "fields.manage" })
  .inputSchema(customFieldIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    await deleteCustomField(ctx.tenant, parsedInput.fieldId);
    revalidatePath(PATH);
  });
