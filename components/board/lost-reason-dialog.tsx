"use client";

import { useState } from "react";
import { TextareaField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";

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
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        if (o) return;
        setReason("");
        setError(null);
        onCancel();
      }}
      title="Why was this deal lost?"
      description={`Moving “${title}” to ${stageName}.`}
      className="max-w-md"
      formClassName="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const r = reason.trim();
        if (!r) {
          setError("A lost reason is required");
          return;
        }
        setReason("");
        setError(null);
        onConfirm(r);
      }}
      submitLabel={`Move to ${stageName}`}
      danger
    >
      <TextareaField label="Lost reason" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} error={error ?? undefined} />
    </FormDialog>
  );
}
