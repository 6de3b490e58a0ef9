"use server";
// Server actions of signing in, up and out, and of the signed-in user's own account
// (Settings → Profile). Sign-in and sign-up are public: their forms post FormData through
// React's useActionState, so they work before hydration and never put a password in a URL;
// they answer a FormState built from the same zod schemas.
import "server-only";
import { AuthError } from "next-auth";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { tenantAction } from "@/lib/safe-action";
import { updateOwnName } from "@/lib/tenancy/members";
import { changePasswordSchema, profileNameSchema } from "@/lib/tenancy/schemas";
import { signIn, signOut, SIGN_IN_THROTTLED, SignInThrottled } from "./auth";
import { changePassword } from "./change-password";
import { clientAddress } from "./client-address";
import { safeNext, safePath } from "./next-path";
import { fieldErrorsOf, signInSchema, signUpSchema, type FormState } from "./schemas";
import { signUp } from "./sign-up";
import { tooManyAttempts } from "./throttle";

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { email: String(form.get("email") ?? "") };
  const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeNext(form.get("next")) });
  } catch (err) {
    // signIn throws NEXT_REDIRECT on success: only AuthError is ours to handle.
    if (err instanceof SignInThrottled && err.code === SIGN_IN_THROTTLED) return { error: tooManyAttempts(err.retryAfterSeconds * 1000).message, values };
    if (err instanceof AuthError) return { error: "Wrong email or password", values };
    throw err;
  }
  return undefined;
}

/**
 * The same answer whatever the email (lib/auth/sign-up.ts): off to the login page, where
 * the person signs in with what they just typed. No session is started here, since one
 * for a new email and none for a taken one would tell them apart.
 */
export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = Object.fromEntries(["companyName", "name", "email", "password"].map((k) => [k, String(form.get(k) ?? "")]));
  const values = { companyName: raw.companyName!, name: raw.name!, email: raw.email! };
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await signUp(parsed.data, { address: clientAddress(await headers()) });
  } catch (err) {
    if (err instanceof AppError && err.code === "rate-limited") return { error: err.message, values };
    throw err;
  }
  redirect("/login?notice=signed-up");
}

/**
 * Signs out here and on the server (lib/auth/end-session.ts), then goes to `back` (a
 * path, e.g. the invitation page when the wrong account was signed in) or the login page.
 */
export async function signOutAction(back?: string) {
  await signOut({ redirectTo: safePath(back) ?? "/login" });
}

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
    const { email } = await changePassword(ctx.tenant, parsedInput, { address: clientAddress(await headers()) });
    try {
      await signIn("credentials", { email, password: parsedInput.newPassword, tenantId: ctx.tenant.tenantId, redirect: false });
      return { signedIn: true };
    } catch (err) {
      // The password did change; only the re-sign-in failed: the page sends them to /login.
      if (err instanceof AuthError) return { signedIn: false };
      throw err;
    }
  });
