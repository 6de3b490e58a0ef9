"use client";

import { TriangleAlert } from "lucide-react";
import { CopyField } from "@/components/settings/copy-field";
import { Button } from "@/components/ui/button";

/** A webhook signing secret, shown this once (after create or rotate), as API keys are. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div className="space-y-4 rounded-lg border border-amber-200 bg-white p-4">
      <p role="status" className="flex gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        <span>
          Copy the signing secret now: it is shown only once. Your receiver verifies each delivery&apos;s webhook-signature header with it (Standard Webhooks). If it
          leaks, rotate it on the automation&apos;s page.
        </span>
      </p>
      <CopyField label="Signing secret" value={secret} />
      <div className="flex justify-end">
        <Button onClick={onDone}>I have copied it</Button>
      </div>
    </div>
  );
}
