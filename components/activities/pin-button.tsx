"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Pin, PinOff } from "lucide-react";
import { useTransition } from "react";
import { toast } from "sonner";
import { actionMessage } from "@/lib/action-result";
import { pinNoteAction } from "@/lib/activities/actions";
import { Button } from "@/components/ui/button";

/** Pins a note to the top of its record's timeline, or unpins it. */
export function PinButton({ id, subject, pinned }: { id: string; subject: string; pinned: boolean }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const toggle = () =>
    startTransition(async () => {
      const failure = actionMessage(await pinNoteAction({ id, pinned: !pinned }));
      if (failure) {
        toast.error(failure);
        return;
      }
      toast.success(pinned ? "Note unpinned" : "Note pinned to the top");
      await queryClient.invalidateQueries({ queryKey: ["timeline"] });
    });
  const Icon = pinned ? PinOff : Pin;
  return (
    <Button variant="ghost" size="sm" className="px-1.5 py-0.5 text-xs" disabled={pending} onClick={toggle} aria-label={`${pinned ? "Unpin" : "Pin"} note: ${subject}`}>
      <Icon className="size-3.5" aria-hidden /> {pinned ? "Unpin" : "Pin"}
    </Button>
  );
}
