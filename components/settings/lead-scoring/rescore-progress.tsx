"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/lib/format/money";
import { toastResult } from "@/components/ui/toast-result";
import { rescoreAllAction, rescoreStatusAction } from "@/lib/scoring/actions";
import type { runJson } from "@/lib/scoring/service";

export type RescoreRunView = NonNullable<ReturnType<typeof runJson>>;

export const RESCORE_QUERY_KEY = ["lead-scoring", "rescore"] as const;

/**
 * "Rescore all" and the progress of the latest run: a job of the worker, so the bar
 * re-reads the run every second while it runs (and stops when it ends).
 */
export function RescoreProgress({ initial }: { initial: RescoreRunView | null }) {
  const queryClient = useQueryClient();
  const [starting, setStarting] = useState(false);
  const { data: run } = useQuery({
    queryKey: RESCORE_QUERY_KEY,
    queryFn: async () => (await rescoreStatusAction({}))?.data ?? null,
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.status === "RUNNING" ? 1000 : false),
  });
  const start = async () => {
    setStarting(true);
    const r = await rescoreAllAction({});
    setStarting(false);
    if (toastResult(r, "Rescoring every lead")) queryClient.setQueryData(RESCORE_QUERY_KEY, r?.data ?? null);
  };
  const running = run?.status === "RUNNING";
  const pct = run && run.total > 0 ? Math.round((run.processed / run.total) * 100) : running ? 0 : 100;
  return (
    <section aria-labelledby="rescore-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="rescore-heading" className="font-medium text-slate-900">
            Rescore all leads
          </h2>
          <p className="text-sm text-slate-600">Scores follow each lead within seconds; saving the rules rescores every lead in the background.</p>
        </div>
        <Button onClick={start} disabled={starting || running}>
          {running ? "Rescoring…" : "Rescore all"}
        </Button>
      </div>
      {run ? (
        <div className="mt-3 space-y-1">
          <div role="progressbar" aria-label="Rescoring progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 w-full overflow-hidden rounded bg-slate-100">
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
          </div>
          <p className="text-sm text-slate-600" aria-live="polite">
            {running
              ? `${formatCount(run.processed)} of ${formatCount(run.total)} leads rescored…`
              : run.status === "FAILED"
                ? `The last rescore failed: ${run.error ?? "unknown error"}`
                : `Last rescore: ${formatCount(run.total)} leads, ${formatCount(run.changed)} changed.`}
          </p>
        </div>
      ) : null}
    </section>
  );
}
