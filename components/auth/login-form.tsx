"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { signInAction } from "@/lib/auth/actions";
import { FormAlert } from "@/components/ui/form-alert";

export function LoginForm({ next, notice }: { next?: string; notice?: string }) {
  const [state, action, pending] = useActionState(signInAction, undefined);
  return (
    <form action={action} className="space-y-4" noValidate>
      <h1 className="text-lg font-semibold">Sign in to your workspace</h1>
      {notice && !state ? (
        <p role="status" className="rounded-md bg-brand-50 p-2 text-sm text-brand-700">
          {notice}
        </p>
      ) : null}
      <FormAlert message={state?.error} />
      <input type="hidden" name="next" value={next ?? ""} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required defaultValue={state?.values?.email} error={state?.fieldErrors?.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={state?.fieldErrors?.password} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        New to Stageline?{" "}
        <Link href="/signup" className="font-medium text-brand-700 hover:underline">
          Create a workspace
        </Link>
      </p>
    </form>
  );
}
