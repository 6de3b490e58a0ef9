"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { actionMessage } from "@/lib/action-result";
import { deleteRecordAction, restoreRecordAction } from "@/lib/records/actions";

type Kind = "COMPANY" | "CONTACT" | "DEAL" | "LEAD" | "TICKET";

/** Soft delete, then back to the list with an Undo in the toast (restoreRecord). */
export function DeleteRecordButton({ kind, id, singular, collection, title }: { kind: Kind; id: string; singular: string; collection: string; title: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const undo = async () => {
    const failure = actionMessage(await restoreRecordAction({ kind, id }));
    if (failure) {
      toast.error(failure);
      return;
    }
    toast.success(`${title} was restored`);
    router.push(`/${collection}/${id}`);
  };
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      aria-label={`Delete ${singular} ${title}`}
      onClick={() =>
        start(async () => {
          const failure = actionMessage(await deleteRecordAction({ kind, id }));
          if (failure) {
            toast.error(failure);
            return;
          }
          toast(`${title} was deleted`, { action: { label: "Undo", onClick: () => void undo() }, duration: 10_000 });
          router.push(`/${collection}`);
        })
      }
    >
      <Trash2 className="size-4" aria-hidden /> Delete
    </Button>
  );
}
