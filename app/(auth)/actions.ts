"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth/auth";
import { fieldErrorsOf, signInSchema, signUpSchema, type FormState } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";
import { createTenant } from "@/lib/tenancy/create-tenant";

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { email: String(form.get("email") ?? "") };
  const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeNext(form.get("next")) });
  } catch (err) {
    // signIn throws NEXT_REDIRECT on success: only AuthError is ours to handle.
    if (err instanceof AuthError) return { error: "Wrong email or password", values };
    throw err;
  }
  return undefined;
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = Object.fromEntries(["companyName", "name", "email", "password"].map((k) => [k, String(form.get(k) ?? "")]));
  const values = { companyName: raw.companyName!, name: raw.name!, email: raw.email! };
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await createTenant({ name: parsed.data.companyName, adminEmail: parsed.data.email, adminPassword: parsed.data.password, adminName: parsed.data.name });
  } catch (err) {
    if (err instanceof AppError && err.code === "conflict") return { fieldErrors: { email: "An account with this email already exists: sign in instead" }, values };
    throw err;
  }
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/contacts" });
  } catch (err) {
    if (err instanceof AuthError) return { error: "Your workspace was created, but signing in failed: try the login page", values };
    throw err;
  }
  return undefined;
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}

/** Only same-site paths may be redirect targets. */
function safeNext(next: FormDataEntryValue | null): string {
  const n = typeof next === "string" ? next : "";
  return n.startsWith("/") && !n.startsWith("//") ? n : "/contacts";
}
