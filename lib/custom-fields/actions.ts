"use server";

import { revalidatePath } from "next/cache";
import { customFieldCreateSchema, customFieldEditSchema, customFieldIdSchema, customFieldMoveSchema } from "@/lib/custom-fields/schemas";
import { createCustomField, deleteCustomField, moveCustomField, updateCustomField } from "@/lib/custom-fields/service";
import { tenantAction } from "@/lib/safe-action";
import { rethrowAsFieldErrors } from "@/app/(crm)/settings/action-errors";

const PATH = "/settings/fields";

export const createFieldAction = tenantAction
  .metadata({ permission: "fields.manage" })
  .inputSchema(customFieldCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    try {
      const f = await createCustomField(ctx.tenant, parsedInput);
      revalidatePath(PATH);
      return { id: f.id, key: f.key };
    } catch (err) {
      rethrowAsFieldErrors(customFieldCreateSchema, err);
    }
  });

export const updateFieldAction = tenantAction
  .metadata({ permission: "fields.manage" })
  .inputSchema(customFieldEditSchema)
  .action(async ({ parsedInput: { fieldId, ...patch }, ctx }) => {
    try {
      await updateCustomField(ctx.tenant, fieldId, patch);
      revalidatePath(PATH);
    } catch (err) {
      rethrowAsFieldErrors(customFieldEditSchema, err);
    }
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
