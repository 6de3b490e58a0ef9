"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { createWebFormAction } from "@/lib/leads/web-form-actions";
import { WEB_FORM_FIELD_NAMES, WEB_FORM_FIELDS, webFormCreateSchema } from "@/lib/leads/web-form-schemas";

const formSchema = webFormCreateSchema.extend({ redirectUrl: z.string() });
type Form = z.input<typeof formSchema>;
const DEFAULTS: Form = { name: "", fields: ["firstName", "lastName", "email", "companyName"], redirectUrl: "" };

export function CreateWebFormDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<Form>({ resolver: zodResolver(formSchema), defaultValues: DEFAULTS });
  const action = useFormAction(createWebFormAction, form);
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (v) => {
    const r = await action.run({ name: v.name, fields: v.fields, redirectUrl: v.redirectUrl.trim() || null });
    if (!r.ok) return;
    toast.success(`Web form ${v.name} created`);
    setOpen(false);
    form.reset(DEFAULTS);
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) form.reset(DEFAULTS);
      }}
      title="New web form"
      description="Pick the lead fields the form asks. UTM values, the landing page and the referrer are collected by themselves."
      trigger={
        <Button>
          <Plus className="size-4" aria-hidden /> New web form
        </Button>
      }
      onSubmit={onSubmit}
      pending={isSubmitting}
      error={errors.root?.server?.message}
      submitLabel="Create web form"
      pendingLabel="Creating…"
    >
      <TextField label="Name" autoComplete="off" {...form.register("name")} error={errors.name?.message} />
      <fieldset className="space-y-1" aria-describedby={errors.fields ? "web-form-fields-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">Fields</legend>
        <div className="grid grid-cols-2 gap-1">
          {WEB_FORM_FIELD_NAMES.map((f) => (
            <label key={f} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" value={f} {...form.register("fields")} />
              {WEB_FORM_FIELDS[f].label}
            </label>
          ))}
        </div>
        {errors.fields ? (
          <p id="web-form-fields-error" className="text-sm text-red-700">
            {errors.fields.message ?? "Pick at least one field"}
          </p>
        ) : null}
      </fieldset>
      <TextField label="Redirect after submitting (optional)" placeholder="https://example.com/thanks" autoComplete="off" {...form.register("redirectUrl")} error={errors.redirectUrl?.message} />
    </FormDialog>
  );
}
