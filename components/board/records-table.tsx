// The simple table view of a pipeline's records (same filters as the board), 50 a page
// with keyset "next" links. The full data table is built elsewhere.
import Link from "next/link";
import { BOARD_KINDS } from "@/lib/board/kinds";
import { formatMoney } from "@/lib/board/money";
import type { BoardKind, BoardMember, BoardPipeline } from "@/lib/board/types";
import { RECORD_KINDS } from "@/lib/records/registry";
import type { RecordRow } from "@/lib/records/service";
import type { CustomFieldDef } from "@/components/record-form/fields";
import { TableStageCell } from "./table-stage-cell";

const dateFmt = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

export function RecordsTable({
  kind,
  pipeline,
  members,
  rows,
  nextHref,
  firstHref,
  canMove,
  fieldDefinitions,
}: {
  kind: BoardKind;
  pipeline: BoardPipeline;
  members: BoardMember[];
  rows: RecordRow[];
  nextHref: string | null;
  /** Set when this is not the first page. */
  firstHref: string | null;
  canMove: boolean;
  /** The kind's custom field definitions: a stage may require some (asked for on a move). */
  fieldDefinitions: CustomFieldDef[];
}) {
  const info = BOARD_KINDS[kind];
  const def = RECORD_KINDS[kind];
  const stages = new Map(pipeline.stages.map((s) => [s.id, s]));
  const owners = new Map(members.map((m) => [m.id, m.name]));
  const users = members.filter((m) => m.isActive).map((m) => ({ id: m.id, name: m.name }));
  const stageOptions = pipeline.stages.map((s) => ({ id: s.id, name: s.name, color: s.color }));
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
                    {stage ? (
                      <TableStageCell
                        kind={kind}
                        id={r.id}
                        title={def.title(r)}
                        stages={stageOptions}
                        currentStageId={stage.id}
                        canMove={canMove}
                        definitions={fieldDefinitions}
                        users={users}
                      />
                    ) : (
                      "—"
                    )}
                  </td>
                  {kind === "DEAL" ? (
                    <>
                      <td className={`${td} text-right tabular-nums`}>{r.amount ? formatMoney(String(r.amount), String(r.currency ?? "USD")) : "—"}</td>
                      <td className={td}>{r.closeDate ? dateFmt.format(new Date(`${String(r.closeDate)}T00:00:00Z`)) : "—"}</td>
                    </>
                  ) : (
                    <td className={`${td} capitalize`}>{(r.priority as string | null) ?? "—"}</td>
                  )}
                  <td className={td}>{r.ownedByUserId ? (owners.get(r.ownedByUserId as string) ?? "—") : "—"}</td>
                  <td className={`${td} text-slate-600`}>{dateFmt.format(r.createdAt)}</td>
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
