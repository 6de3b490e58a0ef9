import { formatCount } from "@/lib/format";
import { Upload } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { STATUS_LABELS } from "@/components/imports/api";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { DateTime } from "@/components/ui/date-time";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listImports } from "@/lib/imports/service";
import { KIND_WORDS } from "@/lib/records/kinds";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage() {
  const s = await requirePageSession();
  const { data } = await listImports(s.ctx, { limit: 100 });
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="Imports"
        description="CSV imports of this workspace, newest first"
        actions={
          can(s.role, "records.write") ? (
            <Link href="/settings/imports/new" className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
              <Upload className="size-4" aria-hidden /> New import
            </Link>
          ) : null
        }
      />
      {data.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">No imports yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">Imports</caption>
            <thead className="bg-slate-50 text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">File</th>
                <th scope="col" className="px-4 py-2">Into</th>
                <th scope="col" className="px-4 py-2">Status</th>
                <th scope="col" className="px-4 py-2 text-right">Rows</th>
                <th scope="col" className="px-4 py-2 text-right">Created</th>
                <th scope="col" className="px-4 py-2 text-right">Updated</th>
                <th scope="col" className="px-4 py-2 text-right">Failed</th>
                <th scope="col" className="px-4 py-2">Uploaded</th>
              </tr>
            </thead>
            <tbody>
              {data.map((i) => (
                <tr key={i.id} className="border-t border-slate-100">
                  <td className="px-4 py-2">
                    <Link href={`/settings/imports/${i.id}`} className="font-medium text-brand-700 underline">
                      {i.fileName ?? "CSV file"}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{KIND_WORDS[i.objectType].plural}</td>
                  <td className="px-4 py-2">{STATUS_LABELS[i.status]}</td>
                  <td className="px-4 py-2 text-right">{formatCount(i.rowCount)}</td>
                  <td className="px-4 py-2 text-right">{formatCount(i.created)}</td>
                  <td className="px-4 py-2 text-right">{formatCount(i.updated)}</td>
                  <td className="px-4 py-2 text-right">{formatCount(i.failed)}</td>
                  <td className="px-4 py-2">
                    <DateTime value={i.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
