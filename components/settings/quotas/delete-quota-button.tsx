"use client";

import { useAction } from "next-safe-action/hooks";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { toastResult } from "@/components/ui/toast-result";
import { deleteQuotaAction } from "@/lib/quotas/actions";

export function DeleteQuotaButton({ quotaId, label }: { quotaId: string; label: string }) {
  const del = useAction(deleteQuotaAction);
  return (
    <ConfirmButton
      label="Delete"
      ariaLabel={`Delete quota: ${label}`}
      title="Delete this quota?"
      description={`The quota ${label} goes away; the deals and activities it measured stay.`}
      confirmLabel="Delete quota"
      variant="ghost"
      onConfirm={async () => toastResult(await del.executeAsync({ quotaId }), "Quota deleted")}
    />
  );
}
