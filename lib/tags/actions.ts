"use server";
// Server actions of Settings → Tags. Like every action (README → Architecture): the
// permission from the map, the input through the domain's schema, one service call.
import "server-only";
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/safe-action";
import { tagCreateSchema, tagEditSchema, tagIdSchema } from "./schemas";
import { createTag, deleteTag, updateTag } from "./service";

const PATH = "/settings/tags";

export const createTagAction = tenantAction
  .metadata({ permission: "fields.manage" })
  .inputSchema(tagCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const tag = await createTag(ctx.tenant, parsedInput);
    revalidatePath(PATH);
    return { id: tag.id, name: tag.name };
  });

/** Renaming rewrites the name inside every record's tags, in the service's transaction. */
export const updateTagAction = tenantAction
  .metadata({ permission: "fields.manage" })
  .inputSchema(tagEditSchema)
  .action(async ({ parsedInput: { tagId, ...patch }, ctx }) => {
    const tag = await updateTag(ctx.tenant, tagId, patch);
    revalidatePath(PATH);
    return { name: tag.name };
  });

export const deleteTagAction = tenantAction
  .metadata({ permission: "fields.manage" })
  .inputSchema(tagIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    await deleteTag(ctx.tenant, parsedInput.tagId);
    revalidatePath(PATH);
  });
