"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { updateNameAction } from "@/lib/auth/actions";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { TextField } from "@/components/ui/field";
import { profileNameSchema } from "@/lib/tenancy/schemas";
import { FormAlert } from "@/components/ui/form-alert";

type Input = z.input<typeof profileNameSchema>;

export function NameForm({ name }: { name: string }) {
  const form = useForm<Input>({ resolver: zodResolver(profileNameSchema), defaultValues: { name } });
  const action = useFormAction(updateNameAction, form);
  const { errors, isSubmitting, isDirty } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const r = await action.run(values);
    if (!r.ok) return;
    form.reset({ name: values.name.trim() });
    toast.success("Name saved");
  });
  return (
    <section aria-labelledby="profile-name" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="profile-name" className="text-base font-semibold">
        Your name
      </h2>
      <p className="mb-4 text-sm text-slate-600">Shown to your colleagues in every workspace you belong to.</p>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormAlert message={errors.root?.server?.message} />
        <TextField label="Name" autoComplete="name" {...form.register("name")} error={errors.name?.message} />
        <Button type="submit" disabled={isSubmitting || !isDirty}>
          {isSubmitting ? "Saving…" : "Save name"}
        </Button>
      </form>
    </section>
  );
}
