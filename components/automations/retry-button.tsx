"use client";

import { RotateCcw } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { retryExecutionAction } from "@/lib/automations/actions";
import { actionMessage } from "@/lib/action-result";
import { Button } from "@/components/ui/button";

/** Requeues one FAILED execution; the page refreshes until it settles. */
export function RetryButton({ executionId }: { executionId: string }) {
  const router = useRouter();
  const retry = useAction(retryExecutionAction);
  return (
    <Button
      disabled={retry.isExecuting}
      onClick={async () => {
        const r = await retry.executeAsync({ executionId });
        const err = actionMessage(r);
        if (err) return void toast.error(err);
        toast.success("Execution queued again");
        router.refresh();
      }}
    >
      <RotateCcw className="size-4" aria-hidden /> {retry.isExecuting ? "Retrying…" : "Retry"}
    </Button>
  );
}
