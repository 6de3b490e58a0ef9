"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { TextareaField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";

const schema = z.object({ reason: z.string().trim().min(1, "A lost reason is required").max(500) });

/** Asked before a deal enters a DONE_FAILED stage: moveRecord refuses it without a lost reason. */
export function LostReasonDialog({
  open,
  title,
  stageName,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  stageName: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const form = useForm<{ reason: string }>({ resolver: zodResolver(schema), defaultValues: { reason: "" } });
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        if (o) return;
        form.reset();
        onCancel();
      }}
      title="Why was this deal lost?"
      description={`Moving “${title}” to ${stageName}.`}
      className="max-w-md"
      formClassName="space-y-3"
      onSubmit={form.handleSubmit((v) => {
        form.reset();
        onConfirm(v.reason.trim());
      })}
      submitLabel={`Move to ${stageName}`}
      danger
    >
      <TextareaField label="Lost reason" {...form.register("reason")} required maxLength={500} error={form.formState.errors.reason?.message} />
    </FormDialog>
  );
}
