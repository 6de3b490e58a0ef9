"use server";

import { revalidatePath } from "next/cache";
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, updateGroup } from "@/lib/tenancy/groups";
import { groupCreateSchema, groupIdSchema, groupMemberSchema, renameGroupSchema } from "@/lib/tenancy/schemas";
import { tenantAction } from "@/lib/safe-action";
import { rethrowAsFieldErrors } from "@/app/(crm)/settings/action-errors";

const PATH = "/settings/groups";

export const createGroupAction = tenantAction
  .metadata({ permission: "groups.manage" })
  .inputSchema(groupCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    try {
      const g = await createGroup(ctx.tenant, parsedInput);
      revalidatePath(PATH);
      return { id: g.id };
    } catch (err) {
      rethrowAsFieldErrors(groupCreateSchema, err);
    }
  });

export const renameGroupAction = tenantAction
  .metadata({ permission: "groups.manage" })
  .inputSchema(renameGroupSchema)
  .action(async ({ parsedInput, ctx }) => {
    try {
      await updateGroup(ctx.tenant, parsedInput.groupId, { name: parsedInput.name });
      revalidatePath(PATH);
    } catch (err) {
      rethrowAsFieldErrors(renameGroupSchema, err);
    }
  });

export const deleteGroupAction = tenantAction
  .metadata({ permission: "groups.manage" })
  .inputSchema(groupIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    await deleteGroup(ctx.tenant, parsedInput.groupId);
    revalidatePath(PATH);
  });

export const addGroupMemberAction = tenantAction
  .metadata({ permission: "groups.manage" })
  .inputSchema(groupMemberSchema)
  .action(async ({ parsedInput, ctx }) => {
    await addGroupMember(ctx.tenant, parsedInput);
    revalidatePath(PATH);
  });

export const removeGroupMemberAction = tenantAction
  .metadata({ permission: "groups.manage" })
  .inputSchema(groupMemberSchema)
  .action(async ({ parsedInput, ctx }) => {
    await removeGroupMember(ctx.tenant, parsedInput);
    revalidatePath(PATH);
  });
