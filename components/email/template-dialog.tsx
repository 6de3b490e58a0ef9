"use client";
// Create or edit an email template (Settings → Email templates).
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { TextareaField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { createTemplateAction, updateTemplateAction } from "@/lib/email/actions";
import type { TemplateView } from "@/lib/email/templates";

interface Form {
  name: string;
  subject: string;
  body: string;
}

const HINT = "Placeholders: {{contact.firstName}}, {{contact.lastName}}, {{company.name}}, {{deal.name}}, {{deal.amount}}, {{user.name}}; a fallback after a bar: {{contact.firstName | there}}.";

export function TemplateDialog({ template }: { template?: TemplateView }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const defaults: Form = { name: template?.name ?? "", subject: template?.subject ?? "", body: template?.body ?? "" };
  const form = useForm<Form>({ defaultValues: defaults });
  const create = useFormAction(createTemplateAction, form);
  const update = useFormAction(updateTemplateAction, form);
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (v) => {
    const r = template ? await update.run({ id: template.id, ...v }) : await create.run(v);
    if (!r.ok) return;
    toast.success(`Template ${v.name} saved`);
    setOpen(false);
    if (!template) form.reset(defaults);
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) form.reset(defaults);
      }}
      title={template ? `Edit ${template.name}` : "New email template"}
      description={HINT}
      trigger={
        template ? (
          <Button variant="secondary" size="sm" aria-label={`Edit template ${template.name}`}>
            Edit
          </Button>
        ) : (
          <Button>
            <Plus className="size-4" aria-hidden /> New template
          </Button>
        )
      }
      className="sm:max-w-2xl"
      onSubmit={onSubmit}
      pending={isSubmitting}
      error={errors.root?.server?.message}
      submitLabel="Save template"
      pendingLabel="Saving…"
    >
      <TextField label="Name" autoComplete="off" {...form.register("name", { required: "is required" })} error={errors.name?.message} />
      <TextField label="Subject" autoComplete="off" {...form.register("subject", { required: "is required" })} error={errors.subject?.message} />
      <TextareaField label="Body" rows={10} {...form.register("body", { required: "is required" })} error={errors.body?.message} />
    </FormDialog>
  );
}
