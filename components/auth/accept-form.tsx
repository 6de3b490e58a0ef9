"use client";

import Link from "next/link";
import { useActionState, useTransition } from "react";
import { signOutAction } from "@/lib/auth/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { FormState } from "@/lib/auth/schemas";
import { acceptAsNewUserAction, acceptAsSignedInAction } from "@/lib/tenancy/actions";
import { FormAlert } from "@/components/ui/form-alert";

function Alert({ state }: { state: FormState }) {
  return <FormAlert message={state?.error} />;
}

/**
 * Not signed in: both ways in, side by side, for everyone. The page never says whether
 * the email already has an account (whoever holds the link may be someone else).
 */
export function AcceptAsNewUserForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(acceptAsNewUserAction, undefined);
  const e = state?.fieldErrors;
  return (
    <div className="space-y-6">
      <section aria-labelledby="have-account" className="space-y-2 rounded-md border border-slate-200 p-3">
        <h2 id="have-account" className="text-sm font-semibold">
          Already have a Stageline account?
        </h2>
        <p className="text-sm text-slate-600">
          Sign in as <strong>{email}</strong>, then accept here.
        </p>
        <Link href={`/login?${new URLSearchParams({ next: `/invite/${token}` })}`} className="inline-block text-sm font-medium text-brand-700 hover:underline">
          Sign in to accept
        </Link>
      </section>
      <form action={action} className="space-y-4" noValidate aria-labelledby="new-account">
        <h2 id="new-account" className="text-sm font-semibold">
          New to Stageline? Create your account
        </h2>
        <Alert state={state} />
        <input type="hidden" name="token" value={token} />
        <TextField label="Email" name="email" type="email" autoComplete="username" value={email} readOnly hint="The invitation is for this address" />
        <TextField label="Your name" name="name" autoComplete="name" required defaultValue={state?.values?.name} error={e?.name} />
        <TextField
          label="Choose a password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters, letters mixed with digits or symbols"
          error={e?.password}
        />
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Joining…" : "Accept invitation"}
        </Button>
      </form>
    </div>
  );
}

/** Signed in as the invited address: one click. */
export function AcceptAsSignedInForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(acceptAsSignedInAction, undefined);
  return (
    <form action={action} className="space-y-4">
      <Alert state={state} />
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Accept invitation"}
      </Button>
    </form>
  );
}

/** Signed in as someone else: sign out and come back to this page. */
export function SignOutToAccept({ token }: { token: string }) {
  const [pending, start] = useTransition();
  return (
    <Button type="button" variant="secondary" className="w-full" disabled={pending} onClick={() => start(() => signOutAction(`/invite/${token}`))}>
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
