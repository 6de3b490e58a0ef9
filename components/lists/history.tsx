import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { labelFor } from "@/lib/format/labels";
import type { HistoryEntry } from "@/lib/lists/queries";

const WHY: Record<string, string> = { RULE: "matched the filter", MANUAL: "by hand", AUTOMATION: "by an automation", IMPORT: "by an import" };
const WHY_LEFT: Record<string, string> = { RULE: "no longer matches the filter", MANUAL: "removed by hand", AUTOMATION: "removed by an automation", IMPORT: "removed by an import" };

/** The latest joins and leaves of a list: when, who and why (rule or manual). */
export function ListHistory({ entries }: { entries: HistoryEntry[] }) {
  return (
    <section aria-labelledby="list-history" className="mt-8">
      <h2 id="list-history" className="mb-2 text-base font-semibold">
        History
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing has joined or left yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">When</th>
                <th scope="col" className="px-3 py-2">Record</th>
                <th scope="col" className="px-3 py-2">Change</th>
                <th scope="col" className="px-3 py-2">Why</th>
                <th scope="col" className="px-3 py-2">By</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600"><DateTime value={e.at} />
                  </td>
                  <td className="px-3 py-2">
                    {e.href ? (
                      <Link href={e.href} className="text-brand-700 hover:underline">
                        {e.title}
                      </Link>
                    ) : (
                      e.title
                    )}
                  </td>
                  <td className="px-3 py-2">{e.action === "ADDED" ? <span className="text-emerald-700">joined</span> : <span className="text-slate-600">left</span>}</td>
                  <td className="px-3 py-2 text-slate-600">{(e.action === "ADDED" ? WHY : WHY_LEFT)[e.source] ?? labelFor("LIST_MEMBERSHIP_SOURCES", e.source)}</td>
                  <td className="px-3 py-2 text-slate-600">{e.actorName ?? (e.source === "RULE" ? "—" : "system")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
