"use client";
// Pauses or resumes a sequence: the whole sequence again through the PUT service, with
// `paused` turned over (lib/sequences/service.ts updateSequence).
import { Pause, Play } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { toastResult } from "@/components/ui/toast-result";
import { updateSequenceAction } from "@/lib/sequences/actions";
import type { SequenceJson } from "@/lib/sequences/view";

export function PauseSequenceButton({ sequence }: { sequence: SequenceJson }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const { id, name, mailboxId, stopOnStageStates, track, steps, paused } = sequence;
  const toggle = async () => {
    setPending(true);
    try {
      const input = { name, mailboxId, stopOnStageStates, track, paused: !paused, steps: steps.map((st) => ({ kind: st.kind, delayDays: st.delayDays, delayHours: st.delayHours, subject: st.subject, body: st.body })) };
      if (toastResult(await updateSequenceAction({ id, input }), paused ? "Sequence resumed: steps that came due run now" : "Sequence paused: due steps wait")) router.refresh();
    } finally {
      setPending(false);
    }
  };
  return (
    <Button variant="secondary" onClick={toggle} disabled={pending}>
      {paused ? <Play className="size-4" aria-hidden /> : <Pause className="size-4" aria-hidden />} {paused ? "Resume" : "Pause"}
    </Button>
  );
}
