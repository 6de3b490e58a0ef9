"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { deleteRecordAction, restoreRecordAction } from "@/lib/records/actions";

type Kind = "COMPANY" | "CONTACT" | "DEAL" | "LEAD" | "TICKET";

/** Soft delete, then back to the list with an Undo in the toast (restoreRecord). */
export function DeleteRecordButton({ kind, id, singular, collection, title }: { kind: Kind; id: string; singular: string; collection: string; title: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const undo = async () => {
    const r = await restoreRecordAction({ kind, id });
    if (!r?.data?.ok) {
      toast.error(r?.data && !r.data.ok ? r.data.message : (r?.serverError ?? "It could not be restored"));
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
          const r = await deleteRecordAction({ kind, id });
          if (!r?.data?.ok) {
            toast.error(r?.data && !r.data.ok ? r.data.message : (r?.serverError ?? "Nothing was deleted"));
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
