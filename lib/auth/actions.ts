"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut, SIGN_IN_THROTTLED, SignInThrottled } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { safeNext, safePath } from "@/lib/auth/next-path";
import { fieldErrorsOf, signInSchema, signUpSchema, type FormState } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { tooManyAttempts } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";

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
