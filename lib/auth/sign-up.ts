// Self-service sign-up. It answers the same whatever the email, so it cannot be used to
// learn who has an account: a new email gets a new workspace with itself as admin; an
// email that already has an account gets nothing (no workspace, no change to that
// account, no session). Either way the caller is sent to sign in. Throttled per address.
import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { createTenant } from "@/lib/tenancy/create-tenant";
import { signUpSchema } from "./schemas";
import { reserveAttempt, signupKeys } from "./throttle";

export type SignUpInput = z.input<typeof signUpSchema>;

export async function signUp(input: SignUpInput, opts: { address: string | null }): Promise<void> {
  const data = signUpSchema.parse(input);
  await reserveAttempt(signupKeys(opts.address));
  try {
    await createTenant({ name: data.companyName, adminEmail: data.email, adminPassword: data.password, adminName: data.name });
  } catch (err) {
    // The email is taken (createTenant rolled everything back): the same silence as success.
    if (err instanceof AppError && err.code === "conflict") return;
    throw err;
  }
}
