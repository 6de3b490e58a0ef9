"use client";

import { useState } from "react";
import { Button } from "./button";
import { FormDialog } from "./form-dialog";

/** A button that asks before doing something destructive; the dialog stays open while it runs. */
export function ConfirmButton({
  label,
  ariaLabel,
  title,
  description,
  confirmLabel,
  onConfirm,
  variant = "secondary",
}: {
  label: React.ReactNode;
  ariaLabel?: string;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  /** Resolve true to close the dialog. */
  onConfirm: () => Promise<boolean>;
  variant?: "secondary" | "danger" | "ghost";
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      title={title}
      description={description}
      trigger={
        <Button size="sm" variant={variant} aria-label={ariaLabel}>
          {label}
        </Button>
      }
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        try {
          if (await onConfirm()) setOpen(false);
        } finally {
          setPending(false);
        }
      }}
      pending={pending}
      submitLabel={confirmLabel}
      danger
    />
  );
}
