// The Duplicates page of contacts, companies or leads (/<collection>/duplicates): groups
// of likely duplicates with their reasons, each merged through the merge dialog.
import "server-only";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { duplicateRecords, listDuplicates } from "@/lib/duplicates/queries";
import { REASON_LABELS } from "@/lib/duplicates/rules";
import type { MergeKind } from "@/lib/merge/rules";
import { RECORD_KINDS } from "@/lib/records/registry";
import { capitalize, recordPath } from "@/lib/records/kinds";
import { DismissDuplicatesButton } from "./dismiss-button";
import { MergeButton } from "./merge-dialog";

const subtitle = (kind: MergeKind, r: Record<string, unknown>) =>
  (kind === "COMPANY" ? [r.domain ?? r.website, r.phone] : [r.email, r.phone ?? r.mobilePhone, kind === "LEAD" ? r.companyName : null]).filter(Boolean).join(" · ");

export async function DuplicatesPage({ kind, cursor }: { kind: MergeKind; cursor?: string }) {
  const s = await requirePageSession();
  const def = RECORD_KINDS[kind];
  let page: Awaited<ReturnType<typeof listDuplicates>>;
  try {
    page = await listDuplicates(s.ctx, kind, { limit: 25, cursor });
  } catch (err) {
    // a stale or hand-edited cursor: start again from the first page
    if (!(err instanceof AppError && err.code === "bad-request")) throw err;
    page = await listDuplicates(s.ctx, kind, { limit: 25 });
  }
  const rows = new Map((await duplicateRecords(s.ctx, kind, page.data.flatMap((g) => g.recordIds))).map((r) => [r.id, r]));
  const canMerge = can(s.role, "records.delete");
  const base = recordPath(kind);
  return (
    <>
      <PageHeader
        title={`Duplicate ${def.plural}`}
        description={`${capitalize(def.plural)} that are likely the same, and why. Merge a group to keep one ${def.singular} with everything of the others, or mark it as not duplicates.`}
        actions={
          <Link href={base} className="text-sm text-brand-700 underline">
            All {def.plural}
          </Link>
        }
      />
      {page.data.length === 0 ? <p className="rounded-md border border-slate-200 bg-white p-6 text-sm text-slate-600">No likely duplicates{cursor ? " on this page" : ""}.</p> : null}
      <ul className="space-y-3" aria-label={`Duplicate ${def.plural}`}>
        {page.data.map((g) => {
          // the oldest record is the default survivor
          const records = g.recordIds.map((id) => rows.get(id)).filter((r) => !!r).sort((a, b) => +(a.createdAt as Date) - +(b.createdAt as Date));
          if (records.length < 2) return null;
          const names = records.map((r) => def.title(r)).join(" and ");
          return (
            <li key={g.recordIds.join()} className="rounded-md border border-slate-200 bg-white p-4" aria-label={names}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="flex flex-wrap gap-1.5">
                  {g.reasons.map((r) => (
                    <Badge key={r} tone="amber">
                      {REASON_LABELS[r]}
                    </Badge>
                  ))}
                </div>
                {canMerge ? (
                  <div className="flex items-center gap-2">
                    <DismissDuplicatesButton kind={kind} ids={g.recordIds} names={names} />
                    <MergeButton kind={kind} ids={records.map((r) => r.id)} label="Merge…" ariaLabel={`Merge ${names}`} />
                  </div>
                ) : null}
              </div>
              <ul className="mt-2 divide-y divide-slate-100">
                {records.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-baseline gap-x-3 py-1.5 text-sm">
                    <Link href={recordPath(kind, r.id)} className="font-medium text-brand-700 underline">
                      {def.title(r)}
                    </Link>
                    <span className="text-slate-600">{subtitle(kind, r)}</span>
                    <span className="text-xs text-slate-500">
                      created <DateTime value={r.createdAt as Date} mode="day" />
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
      {page.nextCursor ? (
        <div className="mt-4">
          <Link href={`${base}/duplicates?cursor=${encodeURIComponent(page.nextCursor)}`} className="text-sm text-brand-700 underline">
            Next page
          </Link>
        </div>
      ) : null}
    </>
  );
}
