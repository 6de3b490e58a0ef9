"use client";

import { useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { toastResult } from "@/components/ui/toast-result";
import { dismissGettingStartedAction, loadDemoDataAction } from "@/lib/onboarding/actions";

/** "Load demo data" into this (empty) workspace: the demo tenant's companies, contacts, deals, leads, tickets and activities. */
export function LoadDemoDataButton({ variant = "secondary" }: { variant?: "primary" | "secondary" }) {
  const load = useAction(loadDemoDataAction);
  const router = useRouter();
  const queryClient = useQueryClient();
  return (
    <Button
      size="sm"
      variant={variant}
      disabled={load.isPending}
      onClick={async () => {
        if (!toastResult(await load.executeAsync(), "Demo data loaded: companies, contacts, deals, leads, tickets and activities")) return;
        // every table, board and count of the workspace changed: re-read them all
        await queryClient.invalidateQueries();
        router.refresh();
      }}
    >
      {load.isPending ? "Loading demo data…" : "Load demo data"}
    </Button>
  );
}

export function DismissGettingStartedButton() {
  const dismiss = useAction(dismissGettingStartedAction);
  const router = useRouter();
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-label="Dismiss getting started"
      disabled={dismiss.isPending}
      onClick={async () => {
        if (toastResult(await dismiss.executeAsync(), "Getting started dismissed")) router.refresh();
      }}
    >
      <X className="size-4" aria-hidden />
    </Button>
  );
}
