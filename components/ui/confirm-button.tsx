"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Modal } from "./dialog";

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
    <Modal
      open={open}
      onOpenChange={(o) => !pending && setOpen(o)}
      title={title}
      description={description}
      trigger={
        <Button size="sm" variant={variant} aria-label={ariaLabel}>
          {label}
        </Button>
      }
    >
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
          Cancel
        </Button>
        <Button
          variant="danger"
          disabled={pending}
          onClick={async () => {
            setPending(true);
            try {
              if (await onConfirm()) setOpen(false);
            } finally {
              setPending(false);
            }
          }}
        >
          {pending ? "Working…" : confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}
