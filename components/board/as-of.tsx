// The board "as of" a past day (issue 18): a date picker beside the live board, and the
// read-only board it opens — each card in the stage it was in at the end of that day (in
// the workspace's time zone), that day's column totals, and, with "changes since", the
// cards that have moved since highlighted with where they are now. Replayed from stage
// history by lib/analytics/board-as-of.ts (the same query as GET /deals/board?asOf=).
// Server components: plain GET forms and links, no drag and drop.
import { History } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import type { BoardAsOf } from "@/lib/analytics/board-as-of";
import { BOARD_KINDS } from "@/lib/board/kinds";
import type { BoardKind, BoardStage } from "@/lib/board/types";
import { formatDay } from "@/lib/format/dates";
import { formatCount, formatMoney } from "@/lib/format/money";

/**
 * The "As of" picker: a GET form keeping the pipeline; `changes` carries the toggle along.
 * On the live board it sits in the toolbar's one row as a small "As of" disclosure (the
 * form opens under it); on a past board it is shown open, with "Back to today".
 */
export function AsOfPicker({ kind, pipelineId, asOf, changes, today }: { kind: BoardKind; pipelineId: string; asOf: string | null; changes: boolean; today: string }) {
  const path = BOARD_KINDS[kind].path;
  const form = (
    <form method="get" action={path} aria-label="Replay the board" className={cn("flex flex-wrap items-end gap-2 text-sm", asOf ? "mb-3" : "absolute right-0 top-full z-30 mt-1 w-80 rounded-md border border-slate-200 bg-white p-3 shadow-lg")}>
      <input type="hidden" name="pipeline" value={pipelineId} />
      <div className="space-y-1">
        <label htmlFor="board-as-of" className="block text-xs font-medium text-slate-700">
          As of
        </label>
        <input id="board-as-of" name="asOf" type="date" max={today} defaultValue={asOf ?? ""} required className={cn(inputClass, "py-1")} />
      </div>
      {changes ? <input type="hidden" name="changes" value="1" /> : null}
      <Button type="submit" size="sm" variant="secondary">
        <History className="size-4" aria-hidden /> Show board as of
      </Button>
      {asOf ? (
        <Link href={`${path}?pipeline=${pipelineId}`} className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50">
          Back to today
        </Link>
      ) : null}
    </form>
  );
  if (asOf) return form;
  return (
    <details className="relative">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md px-2.5 py-1 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
        <History className="size-4" aria-hidden /> As of…
      </summary>
      {form}
    </details>
  );
}

export function AsOfBoard({ kind, data, stages, asOf, timeZone, currency, changes }: { kind: BoardKind; data: BoardAsOf; stages: BoardStage[]; asOf: string; timeZone: string; currency: string; changes: boolean }) {
  const info = BOARD_KINDS[kind];
  const byId = new Map(stages.map((s) => [s.id, s]));
  const toggle = new URLSearchParams({ pipeline: data.pipelineId, asOf, ...(changes ? {} : { changes: "1" }) });
  const moved = data.stages.reduce((n, s) => n + s.records.filter((r) => r.movedSince).length, 0);
  return (
    <section aria-labelledby="as-of-title" className="space-y-3">
      <div role="status" className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <p id="as-of-title">
          <strong>Read only:</strong> the board as it stood at the end of {formatDay(asOf)} ({timeZone}), replayed from stage history. Filters and moves do not apply here.
        </p>
        <Link href={`${info.path}?${toggle}`} aria-pressed={changes} role="button" className="rounded-md border border-amber-400 bg-white px-2 py-1 font-medium text-amber-900 hover:bg-amber-100">
          {changes ? "Hide changes since" : "Highlight changes since"}
        </Link>
      </div>
      {changes ? (
        <p className="text-sm text-slate-700">
          {formatCount(moved)} of the cards shown have moved since {formatDay(asOf)}.
        </p>
      ) : null}
      {/* focusable, so the columns scroll by keyboard too */}
      <div role="region" aria-label={`Stages as of ${formatDay(asOf)}`} tabIndex={0} className="flex gap-3 overflow-x-auto pb-2 focus-visible:outline-2 focus-visible:outline-brand-500">
        {data.stages.map((col) => {
          const stage = byId.get(col.stageId);
          const name = stage?.name ?? "Stage";
          return (
            <section key={col.stageId} aria-label={`${name} as of ${formatDay(asOf)}`} className="flex w-60 shrink-0 flex-col rounded-lg bg-slate-100">
              <header className="border-t-4 px-3 py-2" style={{ borderColor: stage?.color }}>
                <h2 className="text-sm font-semibold text-slate-800">{name}</h2>
                <p className="text-xs text-slate-600">
                  <span data-testid="as-of-count">{formatCount(col.count)}</span> {col.count === 1 ? info.singular : info.plural}
                  {col.amount !== null ? <> · {formatMoney(col.amount, currency)}</> : null}
                </p>
              </header>
              <ul aria-label={`${name} ${info.plural}`} className="space-y-2 px-2 pb-2">
                {col.records.map((r) => {
                  const highlight = changes && r.movedSince;
                  const now = r.stageIdNow ? byId.get(r.stageIdNow)?.name : null;
                  return (
                    <li key={r.id} className={cn("rounded-md border bg-white p-2 text-sm shadow-sm", highlight ? "border-amber-400 ring-2 ring-amber-300" : "border-slate-200")}>
                      <Link href={`${info.path}/${r.id}`} className="font-medium text-slate-900 hover:underline">
                        {r.name ?? r.subject}
                      </Link>
                      {r.amount !== null ? <p className="text-xs text-slate-600">{formatMoney(r.amount, r.currency)}</p> : null}
                      {highlight ? <p className="mt-1 text-xs font-medium text-amber-800">Moved since · {r.stageIdNow === null ? "deleted" : r.stageIdNow === col.stageId ? "back here now" : `now in ${now ?? "another pipeline"}`}</p> : null}
                    </li>
                  );
                })}
                {col.records.length === 0 ? <li className="px-1 py-6 text-center text-xs text-slate-600">No {info.plural}</li> : null}
                {col.count > col.records.length ? <li className="px-1 text-xs text-slate-600">and {formatCount(col.count - col.records.length)} more</li> : null}
              </ul>
            </section>
          );
        })}
      </div>
    </section>
  );
}
