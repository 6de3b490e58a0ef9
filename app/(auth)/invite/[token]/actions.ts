"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { fieldErrorsOf, type FormState } from "@/lib/auth/schemas";
import { AppError, type ValidationIssue } from "@/lib/errors";
import { acceptInvitation } from "@/lib/tenancy/invitations";
import { acceptExistingUserSchema, acceptNewUserSchema } from "@/lib/tenancy/schemas";

/**
 * Public (no session yet): the token in the form is the credential, checked by the
 * service; then the new member is signed in to the invitation's tenant.
 */
export async function acceptInvitationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const token = String(form.get("token") ?? "");
  const existing = form.get("mode") === "existing";
  const raw = { name: String(form.get("name") ?? ""), password: String(form.get("password") ?? "") };
  const values = { name: raw.name };
  const parsed = existing ? acceptExistingUserSchema.safeParse(raw) : acceptNewUserSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };

  let accepted: { tenantId: string; email: string };
  try {
    accepted = await acceptInvitation(token, { name: raw.name, password: raw.password });
  } catch (err) {
    if (err instanceof AppError) {
      const issues = err.extensions.errors as ValidationIssue[] | undefined;
      if (issues?.length) return { fieldErrors: Object.fromEntries(issues.map((i) => [i.path, i.message])), values };
      return { error: err.code === "not-found" ? "This invitation link is not valid: ask an admin for a new one" : err.message, values };
    }
    throw err;
  }
  try {
    await signIn("credentials", { email: accepted.email, password: raw.password, tenantId: accepted.tenantId, redirectTo: "/contacts" });
  } catch (err) {
    // signIn throws NEXT_REDIRECT on success: only AuthError is ours to handle.
    if (err instanceof AuthError) return { error: "You joined the workspace, but signing in failed: sign in on the login page" };
    throw err;
  }
  return undefined;
}
