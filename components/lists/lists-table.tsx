"use client";

import { Archive, ArchiveRestore, Trash2 } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { deleteListAction, updateListAction } from "@/lib/lists/actions";
import { Button } from "@/components/ui/button";
import { actionMessage } from "@/lib/action-result";
import { objectTypeLabel } from "./labels";
import { MaybeDateTime } from "@/components/ui/date-time";

export interface ListRow {
  id: string;
  name: string;
  description: string | null;
  objectType: string;
  processingType: "STATIC" | "DYNAMIC";
  memberCount: number;
  ownerName: string | null;
  lastRefreshedAt: string | null;
  isArchived: boolean;
}

export function ListsTable({ rows, canWrite }: { rows: ListRow[]; canWrite: boolean }) {
  const router = useRouter();
  const update = useAction(updateListAction);
  const remove = useAction(deleteListAction);
  const busy = update.isExecuting || remove.isExecuting;

  const setArchived = async (row: ListRow, isArchived: boolean) => {
    const failure = actionMessage(await update.executeAsync({ listId: row.id, isArchived }));
    if (failure) return void toast.error(failure);
    toast.success(isArchived ? `${row.name} archived` : `${row.name} restored`);
    router.refresh();
  };
  const destroy = async (row: ListRow) => {
    if (!window.confirm(`Delete the list "${row.name}"? Its records are not deleted.`)) return;
    const failure = actionMessage(await remove.executeAsync({ listId: row.id }));
    if (failure) return void toast.error(failure);
    toast.success(`${row.name} deleted`);
    router.refresh();
  };

  if (rows.length === 0)
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
        <p className="font-medium text-slate-800">No lists here yet</p>
        <p className="mt-1">
          {canWrite
            ? "Use New list above: a static list you fill by hand (or from a table selection), or a dynamic list that follows a filter on its own."
            : "Lists your team creates show here."}
        </p>
      </div>
    );
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Name</th>
            <th scope="col" className="px-3 py-2">Records</th>
            <th scope="col" className="px-3 py-2">Kind</th>
            <th scope="col" className="px-3 py-2 text-right">Members</th>
            <th scope="col" className="px-3 py-2">Owner</th>
            <th scope="col" className="px-3 py-2">Last refreshed</th>
            {canWrite ? <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} className={r.isArchived ? "text-slate-400" : undefined}>
              <td className="px-3 py-2 font-medium">
                <Link href={`/lists/${r.id}`} className="text-brand-700 hover:underline">
                  {r.name}
                </Link>
                {r.isArchived ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-500">archived</span> : null}
                {r.description ? <p className="max-w-md truncate text-xs font-normal text-slate-500">{r.description}</p> : null}
              </td>
              <td className="px-3 py-2">{objectTypeLabel(r.objectType)}</td>
              <td className="px-3 py-2">{r.processingType === "DYNAMIC" ? "Dynamic" : "Static"}</td>
              <td className="px-3 py-2 text-right tabular-nums">{r.memberCount}</td>
              <td className="px-3 py-2">{r.ownerName ?? "—"}</td>
              <td className="px-3 py-2">{r.processingType === "DYNAMIC" ? <MaybeDateTime value={r.lastRefreshedAt} /> : "—"}</td>
              {canWrite ? (
                <td className="whitespace-nowrap px-3 py-2 text-right">
                  <Button variant="ghost" size="sm" disabled={busy} onClick={() => setArchived(r, !r.isArchived)} aria-label={`${r.isArchived ? "Restore" : "Archive"} ${r.name}`}>
                    {r.isArchived ? <ArchiveRestore className="size-4" aria-hidden /> : <Archive className="size-4" aria-hidden />}
                    {r.isArchived ? "Restore" : "Archive"}
                  </Button>
                  <Button variant="ghost" size="sm" disabled={busy} onClick={() => destroy(r)} aria-label={`Delete ${r.name}`}>
                    <Trash2 className="size-4 text-red-600" aria-hidden /> Delete
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
