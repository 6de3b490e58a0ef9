"use client";

import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { toastResult } from "@/components/ui/toast-result";
import { stopEnrollmentAction } from "@/lib/sequences/actions";

export function StopEnrollmentButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmButton
      label="Stop"
      ariaLabel={`Stop the sequence for ${name}`}
      title={`Stop the sequence for ${name}?`}
      description="No more steps run for them. What was already sent stays sent."
      confirmLabel="Stop sequence"
      variant="danger"
      onConfirm={async () => {
        const ok = toastResult(await stopEnrollmentAction({ id }), "Stopped");
        if (ok) router.refresh();
        return ok;
      }}
    />
  );
}
