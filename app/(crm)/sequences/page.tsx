import type { Metadata } from "next";
import Link from "next/link";
import { NewSequenceDialog } from "@/components/sequences/sequence-dialog";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { emailFormOptions } from "@/lib/campaigns/form-options";
import { listSequences } from "@/lib/sequences/service";

export const metadata: Metadata = { title: "Sequences" };

export default async function SequencesPage() {
  const s = await requirePageSession();
  const canManage = can(s.role, "sequences.manage");
  const [sequences, options] = await Promise.all([listSequences(s.ctx), canManage ? emailFormOptions(s.ctx) : null]);
  return (
    <>
      <PageHeader
        title="Sequences"
        description="Emails and tasks that follow one another for each person enrolled — from a contact's page, a list, or an automation."
        actions={options ? <NewSequenceDialog mailboxes={options.mailboxes} /> : null}
      />
      {sequences.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">No sequences yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-slate-500">
                <th scope="col" className="px-4 py-2 font-medium">Sequence</th>
                <th scope="col" className="px-4 py-2 text-right font-medium">Steps</th>
                <th scope="col" className="px-4 py-2 text-right font-medium">In it now</th>
              </tr>
            </thead>
            <tbody>
              {sequences.map((q) => (
                <tr key={q.id} className="border-t border-slate-100">
                  <td className="px-4 py-2">
                    <Link href={`/sequences/${q.id}`} className="font-medium text-brand-700 hover:underline">
                      {q.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{q.stepCount}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{q.active}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
