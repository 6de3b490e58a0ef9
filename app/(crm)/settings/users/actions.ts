"use server";

import { revalidatePath } from "next/cache";
import { createInvitation, revokeInvitation } from "@/lib/tenancy/invitations";
import { changeMemberRole, setMemberActive } from "@/lib/tenancy/members";
import { changeRoleSchema, inviteSchema, revokeInvitationSchema, setActiveSchema } from "@/lib/tenancy/schemas";
import { tenantAction } from "@/lib/safe-action";
import { rethrowAsFieldErrors } from "../action-errors";

const PATH = "/settings/users";

/**
 * "Add user": always an invitation. The answer has the same fields whatever the email —
 * new to Stageline or with an account in some workspace — so it tells the admin nothing
 * about other workspaces. The token is returned once: the dialog builds the link from it.
 */
export const inviteAction = tenantAction
  .metadata({ permission: "users.manage" })
  .inputSchema(inviteSchema)
  .action(async ({ parsedInput, ctx }) => {
    try {
      const inv = await createInvitation(ctx.tenant, parsedInput);
      revalidatePath(PATH);
      return { status: "invited" as const, token: inv.token, email: inv.email, role: inv.role, expiresAt: inv.expiresAt.toISOString() };
    } catch (err) {
      rethrowAsFieldErrors(inviteSchema, err);
    }
  });

export const revokeInvitationAction = tenantAction
  .metadata({ permission: "users.manage" })
  .inputSchema(revokeInvitationSchema)
  .action(async ({ parsedInput, ctx }) => {
    await revokeInvitation(ctx.tenant, parsedInput);
    revalidatePath(PATH);
  });

export const changeRoleAction = tenantAction
  .metadata({ permission: "users.manage" })
  .inputSchema(changeRoleSchema)
  .action(async ({ parsedInput, ctx }) => {
    const m = await changeMemberRole(ctx.tenant, parsedInput);
    revalidatePath(PATH);
    return { role: m.role };
  });

export const setActiveAction = tenantAction
  .metadata({ permission: "users.manage" })
  .inputSchema(setActiveSchema)
  .action(async ({ parsedInput, ctx }) => {
    const m = await setMemberActive(ctx.tenant, parsedInput);
    revalidatePath(PATH);
    return { isActive: m.isActive };
  });
