// Server-rendered panels of the record page: related records, followers, stage history.
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { formatDays } from "@/lib/format/durations";
import { labelFor } from "@/lib/format/labels";
import { KIND_WORDS } from "@/components/record-form/fields";
import type { TimelineEntry as StageEntry } from "@/lib/pipelines/queries";
import type { Watcher } from "@/lib/watchers/service";
import type { RelatedGroup } from "@/lib/records/page-data";

export function Panel({ title, children, id }: { title: string; children: React.ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="mb-3 text-sm font-semibold text-slate-800">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function RelatedRecords({ groups }: { groups: RelatedGroup[] }) {
  if (groups.length === 0) return null;
  return (
    <Panel title="Related" id="related-heading">
      <div className="space-y-4">
        {groups.map((g) => (
          <div key={g.label}>
            <div className="flex items-baseline justify-between gap-2">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                {g.label} <span className="font-normal">({g.items.length}{g.items.length === 25 ? "+" : ""})</span>
              </h3>
              {g.addHref ? (
                <Link href={g.addHref} className="text-xs font-medium text-brand-700 hover:underline">
                  Add {KIND_WORDS[g.kind].singular}
                </Link>
              ) : null}
            </div>
            {g.items.length === 0 ? (
              <p className="mt-1 text-sm text-slate-500">None</p>
            ) : (
              <ul aria-label={g.label} className="mt-1 space-y-1">
                {g.items.map((r) => (
                  <li key={r.id} className="text-sm">
                    <Link href={`/${KIND_WORDS[r.kind].collection}/${r.id}`} className="font-medium text-brand-700 hover:underline">
                      {r.title}
                    </Link>
                    {r.subtitle ? <span className="ml-1 text-slate-500">· {r.subtitle}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </Panel>
  );
}

export function Followers({ watchers }: { watchers: Watcher[] }) {
  return (
    <Panel title={`Followers (${watchers.length})`} id="followers-heading">
      {watchers.length === 0 ? (
        <p className="text-sm text-slate-500">Nobody follows this record yet.</p>
      ) : (
        <ul aria-label="Followers" className="space-y-1 text-sm">
          {watchers.map((w) => (
            <li key={`${w.principalType}:${w.principalId}`}>
              {w.principalName}
              {w.principalType === "GROUP" ? <span className="ml-1 text-xs text-slate-500">(group)</span> : null}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** Each stage the record has been in, newest first, with the time it spent there. */
export function StageHistory({ entries, userNames }: { entries: StageEntry[]; userNames: Record<string, string> }) {
  return (
    <Panel title="Stage history" id="stage-history-heading">
      <ol aria-label="Stage history" className="space-y-2">
        {entries.map((e) => (
          <li key={e.id} className="text-sm">
            <div className="flex items-baseline justify-between gap-2">
              <span className="font-medium">{e.toStageName ?? "A deleted stage"}</span>
              <span className="shrink-0 text-slate-600">
                {formatDays(e.durationDays)}
                {e.leftAt ? "" : " (current)"}
              </span>
            </div>
            <p className="text-xs text-slate-500">
              {e.fromStageId ? `from ${e.fromStageName ?? "a deleted stage"}, ` : "created here, "}
              <DateTime value={e.changedAt} />
              {e.changedByUserId && userNames[e.changedByUserId] ? ` by ${userNames[e.changedByUserId]}` : e.source !== "USER" ? ` (${labelFor("CHANGE_SOURCES", e.source)})` : ""}
              {e.isOverride ? ` · forced${e.overrideReason ? `: ${e.overrideReason}` : ""}` : ""}
              {e.reason ? ` · ${e.reason}` : ""}
            </p>
          </li>
        ))}
      </ol>
    </Panel>
  );
}
