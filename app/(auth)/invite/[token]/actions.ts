"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, unstable_update } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { fieldErrorsOf, type FormState } from "@/lib/auth/schemas";
import { getSession } from "@/lib/auth/session";
import { AppError, type ValidationIssue } from "@/lib/errors";
import { acceptInvitationAsNewUser, acceptInvitationAsUser } from "@/lib/tenancy/invitations";
import { acceptNewUserSchema } from "@/lib/tenancy/schemas";

function errorState(err: unknown, values?: Record<string, string>): FormState {
  if (!(err instanceof AppError)) throw err;
  const issues = err.extensions.errors as ValidationIssue[] | undefined;
  if (issues?.length) return { fieldErrors: Object.fromEntries(issues.map((i) => [i.path, i.message])), values };
  return { error: err.code === "not-found" ? "This invitation link is not valid: ask an admin for a new one" : err.message, values };
}

/**
 * Public (no session): someone new to Stageline creates their account from the link, and
 * is signed in to the invitation's workspace. An email that has an account is refused by
 * the service: that person signs in and accepts below.
 */
export async function acceptAsNewUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  const token = String(form.get("token") ?? "");
  const raw = { name: String(form.get("name") ?? ""), password: String(form.get("password") ?? "") };
  const values = { name: raw.name };
  const parsed = acceptNewUserSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };

  let accepted: { tenantId: string; email: string };
  try {
    accepted = await acceptInvitationAsNewUser(token, parsed.data, { address: clientAddress(await headers()) });
  } catch (err) {
    return errorState(err, values);
  }
  try {
    await signIn("credentials", { email: accepted.email, password: parsed.data.password, tenantId: accepted.tenantId, redirectTo: "/contacts" });
  } catch (err) {
    // signIn throws NEXT_REDIRECT on success: only AuthError is ours to handle.
    if (err instanceof AuthError) return { error: "You joined the workspace, but signing in failed: sign in on the login page" };
    throw err;
  }
  return undefined;
}

/** The signed-in user accepts as themselves (the service checks the invitation is for their email), then works in that workspace. */
export async function acceptAsSignedInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const session = await getSession();
  if (!session) return { error: "Your session has ended: sign in again" };
  let tenantId: string;
  try {
    ({ tenantId } = await acceptInvitationAsUser(String(form.get("token") ?? ""), session.user.id));
  } catch (err) {
    return errorState(err);
  }
  await unstable_update({ tenantId });
  redirect("/contacts");
}
