"use server";

import { AuthError } from "next-auth";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { signIn } from "@/lib/auth/auth";
import { changePassword } from "@/lib/auth/change-password";
import { clientAddress } from "@/lib/auth/client-address";
import { updateOwnName } from "@/lib/tenancy/members";
import { changePasswordSchema, profileNameSchema } from "@/lib/tenancy/schemas";
import { tenantAction } from "@/lib/safe-action";
import { rethrowAsFieldErrors } from "../action-errors";

/** Any member may rename themselves: no permission beyond an active session. */
export const updateNameAction = tenantAction
  .metadata({})
  .inputSchema(profileNameSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateOwnName(ctx.tenant, parsedInput);
    // The shell shows the name on every page.
    revalidatePath("/", "layout");
  });

/**
 * Changes the password, which bumps session_version and so ends every session of this
 * user at its next request — this one included. We then sign this browser in again with
 * the new password (same tenant), so the person who just changed it stays signed in.
 */
export const changePasswordAction = tenantAction
  .metadata({})
  .inputSchema(changePasswordSchema)
  .action(async ({ parsedInput, ctx }) => {
    let email: string;
    try {
      ({ email } = await changePassword(ctx.tenant, parsedInput, { address: clientAddress(await headers()) }));
    } catch (err) {
      rethrowAsFieldErrors(changePasswordSchema, err);
    }
    try {
      await signIn("credentials", { email, password: parsedInput.newPassword, tenantId: ctx.tenant.tenantId, redirect: false });
      return { signedIn: true };
    } catch (err) {
      // The password did change; only the re-sign-in failed: the page sends them to /login.
      if (err instanceof AuthError) return { signedIn: false };
      throw err;
    }
  });
