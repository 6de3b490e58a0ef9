"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { acceptInvitationAction } from "./actions";

export function AcceptInvitationForm({ token, email, existingUser }: { token: string; email: string; existingUser: boolean }) {
  const [state, action, pending] = useActionState(acceptInvitationAction, undefined);
  const e = state?.fieldErrors;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state?.error ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="mode" value={existingUser ? "existing" : "new"} />
      <TextField label="Email" name="email" type="email" autoComplete="username" value={email} readOnly hint="The invitation is for this address" />
      {existingUser ? (
        <>
          <p className="text-sm text-slate-600">You already have a Stageline account. Confirm with its password to join.</p>
          <TextField label="Your password" name="password" type="password" autoComplete="current-password" required error={e?.password} />
        </>
      ) : (
        <>
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
        </>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Accept invitation"}
      </Button>
    </form>
  );
}
