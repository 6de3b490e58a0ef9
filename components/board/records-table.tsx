// The simple table view of a pipeline's records (same filters as the board), 50 a page
// with keyset "next" links. The full data table is built elsewhere.
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { Money } from "@/components/ui/money";
import { BOARD_KINDS } from "@/lib/board/kinds";
import type { BoardKind, BoardMember, BoardPipeline } from "@/lib/board/types";
import { RECORD_KINDS } from "@/lib/records/registry";
import type { RecordRow } from "@/lib/records/service";
import { labelFor } from "@/lib/format/labels";

export function RecordsTable({
  kind,
  pipeline,
  members,
  rows,
  nextHref,
  firstHref,
}: {
  kind: BoardKind;
  pipeline: BoardPipeline;
  members: BoardMember[];
  rows: RecordRow[];
  nextHref: string | null;
  /** Set when this is not the first page. */
  firstHref: string | null;
}) {
  const info = BOARD_KINDS[kind];
  const def = RECORD_KINDS[kind];
  const stages = new Map(pipeline.stages.map((s) => [s.id, s]));
  const owners = new Map(members.map((m) => [m.id, m.name]));
  const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
  const td = "px-3 py-2 align-top";
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">
            {info.plural} in {pipeline.name}
          </caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>
                {kind === "TICKET" ? "Subject" : "Name"}
              </th>
              <th scope="col" className={th}>
                Stage
              </th>
              {kind === "DEAL" ? (
                <>
                  <th scope="col" className={`${th} text-right`}>
                    Amount
                  </th>
                  <th scope="col" className={th}>
                    Close date
                  </th>
                </>
              ) : (
                <th scope="col" className={th}>
                  Priority
                </th>
              )}
              <th scope="col" className={th}>
                Owner
              </th>
              <th scope="col" className={th}>
                Created
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={kind === "DEAL" ? 6 : 5} className="px-3 py-8 text-center text-slate-500">
                  No {info.plural} match.
                </td>
              </tr>
            ) : null}
            {rows.map((r) => {
              const stage = stages.get(r.stageId as string);
              return (
                <tr key={r.id}>
                  <td className={td}>
                    <Link href={`${info.path}/${r.id}`} prefetch={false} className="font-medium text-brand-700 hover:underline">
                      {def.title(r)}
                    </Link>
                  </td>
                  <td className={td}>
                    <span className="inline-flex items-center gap-1.5">
                      <span aria-hidden className="size-2 rounded-full" style={{ background: stage?.color ?? "#94a3b8" }} />
                      {stage?.name ?? "—"}
                    </span>
                  </td>
                  {kind === "DEAL" ? (
                    <>
                      <td className={`${td} text-right tabular-nums`}>{r.amount ? <Money amount={String(r.amount)} currency={r.currency as string | null} /> : "—"}</td>
                      <td className={td}>{r.closeDate ? <DateTime value={String(r.closeDate)} mode="day" /> : "—"}</td>
                    </>
                  ) : (
                    <td className={td}>{labelFor("PRIORITIES", r.priority as string | null)}</td>
                  )}
                  <td className={td}>{r.ownedByUserId ? (owners.get(r.ownedByUserId as string) ?? "—") : "—"}</td>
                  <td className={`${td} text-slate-600`}>
                    <DateTime value={r.createdAt as Date} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pagination" className="flex justify-end gap-3 text-sm">
        {firstHref ? (
          <Link href={firstHref} className="font-medium text-brand-700 hover:underline">
            First page
          </Link>
        ) : null}
        {nextHref ? (
          <Link href={nextHref} className="font-medium text-brand-700 hover:underline">
            Next {info.plural}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
