"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { signUpAction } from "@/lib/auth/actions";
import { FormAlert } from "@/components/ui/form-alert";

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUpAction, undefined);
  const v = state?.values;
  const e = state?.fieldErrors;
  return (
    <form action={action} className="space-y-4" noValidate>
      <h1 className="text-lg font-semibold">Create your workspace</h1>
      <FormAlert message={state?.error} />
      <TextField label="Company name" name="companyName" required defaultValue={v?.companyName} error={e?.companyName} />
      <TextField label="Your name" name="name" autoComplete="name" required defaultValue={v?.name} error={e?.name} />
      <TextField label="Work email" name="email" type="email" autoComplete="email" required defaultValue={v?.email} error={e?.email} />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 10 characters, letters mixed with digits or symbols" error={e?.password} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create workspace"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-brand-700 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
