"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { changePasswordAction } from "@/lib/auth/actions";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { TextField } from "@/components/ui/field";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/tenancy/schemas";
import { FormAlert } from "@/components/ui/form-alert";

export function ChangePasswordForm({ email }: { email: string }) {
  const router = useRouter();
  const [done, setDone] = useState(false);
  const form = useForm<ChangePasswordInput>({ resolver: zodResolver(changePasswordSchema), defaultValues: { currentPassword: "", newPassword: "" } });
  const action = useFormAction(changePasswordAction, form);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setDone(false);
    const r = await action.run(values);
    if (!r.ok) return;
    form.reset();
    if (!r.data.signedIn) {
      router.push("/login");
      return;
    }
    setDone(true);
    toast.success("Password changed. Your other sessions are signed out.");
    router.refresh();
  });

  return (
    <section aria-labelledby="profile-password" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="profile-password" className="text-base font-semibold">
        Password
      </h2>
      <p className="mb-4 text-sm text-slate-600">Changing it signs you out everywhere else (other browsers and devices); you stay signed in here.</p>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {/* Lets password managers pair the new password with the account. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <FormAlert message={errors.root?.server?.message} />
        {done ? (
          <p role="status" className="rounded-md bg-emerald-50 p-2 text-sm text-emerald-800">
            Password changed. Other sessions are signed out.
          </p>
        ) : null}
        <TextField label="Current password" type="password" autoComplete="current-password" {...form.register("currentPassword")} error={errors.currentPassword?.message} />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters, letters mixed with digits or symbols"
          {...form.register("newPassword")}
          error={errors.newPassword?.message}
        />
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Changing…" : "Change password"}
        </Button>
      </form>
    </section>
  );
}
