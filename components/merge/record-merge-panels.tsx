// A record page's merge panels: its possible duplicates (each mergeable from here) and the
// records merged into it, with what they were.
import "server-only";
import Link from "next/link";
import { Panel } from "@/components/record/panels";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import type { SessionInfo } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { duplicatesOf } from "@/lib/duplicates/queries";
import { REASON_LABELS } from "@/lib/duplicates/rules";
import { mergeHistory } from "@/lib/merge/queries";
import type { MergeKind } from "@/lib/merge/rules";
import { RECORD_KINDS } from "@/lib/records/registry";
import { recordPath } from "@/lib/records/kinds";
import { MergeButton } from "./merge-dialog";

export async function RecordMergePanels({ session, kind, id, userNames }: { session: SessionInfo; kind: MergeKind; id: string; userNames: Record<string, string> }) {
  const def = RECORD_KINDS[kind];
  const [duplicates, history] = await Promise.all([duplicatesOf(session.ctx, kind, id, 10), mergeHistory(session.ctx, kind, id)]);
  const canMerge = can(session.role, "records.delete");
  return (
    <>
      {duplicates.length ? (
        <Panel title="Possible duplicates" id="duplicates-heading">
          <ul className="space-y-2">
            {duplicates.map((d) => (
              <li key={d.id} className="text-sm">
                <div className="flex items-center justify-between gap-2">
                  <Link href={recordPath(kind, d.id)} className="font-medium text-brand-700 underline">
                    {def.title(d.row)}
                  </Link>
                  {canMerge ? <MergeButton kind={kind} ids={[id, d.id]} label="Merge…" ariaLabel={`Merge with ${def.title(d.row)}`} /> : null}
                </div>
                <div className="mt-0.5 flex flex-wrap gap-1">
                  {d.reasons.map((r) => (
                    <Badge key={r} tone="amber">
                      {REASON_LABELS[r]}
                    </Badge>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
      {history.length ? (
        <Panel title="Merge history" id="merge-history-heading">
          <ul className="space-y-2">
            {history.map((h) => {
              const was = (h.snapshot.record ?? {}) as Record<string, unknown>;
              return (
                <li key={h.mergedId} className="text-sm text-slate-700">
                  Merged <span className="font-medium">{def.title(was)}</span> <DateTime value={h.mergedAt} />
                  {h.mergedByUserId ? ` by ${userNames[h.mergedByUserId] ?? "a former member"}` : ""}
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-brand-700">What it was</summary>
                    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-xs">
                      {Object.entries(was)
                        .filter(([k, v]) => v !== null && v !== "" && !["id", "customFields", "tags", "position", "createdAt", "updatedAt", "mergedIntoId"].includes(k) && !(Array.isArray(v) && !v.length))
                        .map(([k, v]) => (
                          <div key={k} className="contents">
                            <dt className="text-slate-500">{k}</dt>
                            <dd className="break-all">{typeof v === "object" ? JSON.stringify(v) : String(v)}</dd>
                          </div>
                        ))}
                    </dl>
                  </details>
                </li>
              );
            })}
          </ul>
        </Panel>
      ) : null}
    </>
  );
}
