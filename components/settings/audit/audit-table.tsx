// The audit log as a table: when, who, what, which record, what changed, from where.
import Link from "next/link";
import type { AuditOut } from "@/lib/audit/queries";
import { isRecordKind, recordPath } from "@/lib/records/kinds";
import { fieldLabel, labelFor } from "@/lib/format/labels";
import { DateTime } from "@/components/ui/date-time";

const show = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : typeof v === "string" ? v : JSON.stringify(v));

function Changes({ changes }: { changes: AuditOut["changes"] }) {
  if (!changes) return <>—</>;
  return (
    <ul className="space-y-0.5">
      {Object.entries(changes).map(([k, v]) => (
        <li key={k}>
          <span className="font-medium">{fieldLabel(k)}</span>: {Array.isArray(v) && v.length === 2 ? `${show(v[0])} → ${show(v[1])}` : show(v)}
        </li>
      ))}
    </ul>
  );
}

export function AuditTable({ rows, names }: { rows: AuditOut[]; names: Map<string, string> }) {
  if (rows.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No entries match.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Audit log entries, newest first</caption>
        <thead className="bg-slate-50 text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">When</th>
            <th scope="col" className="px-3 py-2">Who</th>
            <th scope="col" className="px-3 py-2">Action</th>
            <th scope="col" className="px-3 py-2">Record</th>
            <th scope="col" className="px-3 py-2">Changes</th>
            <th scope="col" className="px-3 py-2">Address</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="whitespace-nowrap px-3 py-2">
                <DateTime value={r.at} mode="absolute" precise />
              </td>
              <td className="px-3 py-2">{r.actorUserId ? (names.get(r.actorUserId) ?? r.actorUserId) : r.actorApiKeyId ? (names.get(r.actorApiKeyId) ?? "API key") : "System"}</td>
              <td className="px-3 py-2 text-xs">{labelFor("AUDIT_ACTIONS", r.action)}</td>
              <td className="px-3 py-2">
                {r.recordType && r.recordId && isRecordKind(r.recordType) ? (
                  <Link href={recordPath(r.recordType, r.recordId)} className="text-brand-700 underline">
                    {r.recordType.toLowerCase()} {r.recordId.slice(0, 8)}
                  </Link>
                ) : (
                  (r.recordType?.toLowerCase() ?? "—")
                )}
              </td>
              <td className="px-3 py-2 break-all">
                <Changes changes={r.changes} />
              </td>
              <td className="px-3 py-2">{r.ip ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
