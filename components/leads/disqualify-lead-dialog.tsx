"use client";

// "Disqualify" on a lead's page: asks for the reason, then the lead is disqualified.
import { Ban } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { disqualifyLeadAction } from "@/lib/leads/actions";

export function DisqualifyLeadDialog({ id, title }: { id: string; title: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<{ reason: string }>({ defaultValues: { reason: "" } });
  const action = useFormAction(disqualifyLeadAction, form, { place: (path) => (path.startsWith("input.reason") ? "reason" : null) });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async ({ reason }) => {
    if (!reason.trim()) {
      form.setError("reason", { type: "required", message: "Say why the lead is disqualified" });
      return;
    }
    const r = await action.run({ id, input: { reason } });
    if (!r.ok) return;
    toast.success(`${title} disqualified`);
    setOpen(false);
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) form.reset();
      }}
      title={`Disqualify ${title}`}
      trigger={
        <Button variant="secondary">
          <Ban className="size-4" aria-hidden /> Disqualify
        </Button>
      }
      onSubmit={onSubmit}
      pending={isSubmitting}
      error={errors.root?.server?.message}
      submitLabel="Disqualify"
      pendingLabel="Disqualifying…"
      danger
    >
      <TextareaField label="Reason" rows={3} {...form.register("reason")} error={errors.reason?.message} />
    </FormDialog>
  );
}
