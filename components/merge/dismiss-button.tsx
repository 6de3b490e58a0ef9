"use client";

// "Not duplicates" on a group of the Duplicates page: remembered, so the group goes away.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { actionMessage } from "@/lib/action-result";
import { dismissDuplicatesAction } from "@/lib/merge/actions";
import type { MergeKind } from "@/lib/merge/rules";

export function DismissDuplicatesButton({ kind, ids, names }: { kind: MergeKind; ids: string[]; names: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      aria-label={`${names} are not duplicates`}
      onClick={async () => {
        setPending(true);
        const failure = actionMessage(await dismissDuplicatesAction({ kind, ids }));
        setPending(false);
        if (failure) {
          toast.error(failure);
          return;
        }
        toast.success("Marked as not duplicates");
        router.refresh();
      }}
    >
      Not duplicates
    </Button>
  );
}
