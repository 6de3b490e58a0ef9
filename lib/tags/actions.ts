"use server";

import { revalidatePath } from "next/cache";
import { tagCreateSchema, tagEditSchema, tagIdSchema } from "@/lib/tags/schemas";
import { createTag, deleteTag, updateTag } from "@/lib/tags/service";
import { tenantAction } from "@/lib/safe-action";
import { rethrowAsFieldErrors } from "@/app/(crm)/settings/action-errors";

const PATH = "/settings/tags";

export const createTagAction = tenantAction
  .metadata({ permission: "fields.manage" })
  .inputSchema(tagCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    try {
      const tag = await createTag(ctx.tenant, parsedInput);
      revalidatePath(PATH);
      return { id: tag.id, name: tag.name };
    } catch (err) {
      rethrowAsFieldErrors(tagCreateSchema, err);
    }
  });

/** Renaming rewrites the name inside every record's tags, in the service's transaction. */
export const updateTagAction = tenantAction
  .metadata({ permission: "fields.manage" })
  .inputSchema(tagEditSchema)
  .action(async ({ parsedInput: { tagId, ...patch }, ctx }) => {
    try {
      const tag = await updateTag(ctx.tenant, tagId, patch);
      revalidatePath(PATH);
      return { name: tag.name };
    } catch (err) {
      rethrowAsFieldErrors(tagEditSchema, err);
    }
  });

export const deleteTagAction = tenantAction
  .metadata({ permission: "fields.manage" })
  .inputSchema(tagIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    await deleteTag(ctx.tenant, parsedInput.tagId);
    revalidatePath(PATH);
  });
