"use client";

import { useAction } from "next-safe-action/hooks";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { TagBadge } from "@/components/tags/tag-badge";
import { deleteTagAction } from "@/lib/tags/actions";
import { TagDialog, type TagRow } from "./tag-dialog";
import { toastResult } from "@/components/ui/toast-result";

export function TagsTable({ tags, canManage }: { tags: TagRow[]; canManage: boolean }) {
  const remove = useAction(deleteTagAction);
  if (tags.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
        No tags yet. {canManage ? "Create one here, or type a new tag on any record." : "Tags typed on records appear here."}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">Tags</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">Tag</th>
            <th scope="col" className="px-4 py-2">Category</th>
            <th scope="col" className="px-4 py-2 text-right">Records</th>
            {canManage ? <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tags.map((t) => (
            <tr key={t.id}>
              <th scope="row" className="px-4 py-2 text-left font-normal">
                <TagBadge name={t.name} color={t.color} />
              </th>
              <td className="px-4 py-2 text-slate-600">{t.category ?? "—"}</td>
              <td className="px-4 py-2 text-right tabular-nums text-slate-600">{t.usageCount}</td>
              {canManage ? (
                <td className="px-4 py-2">
                  <div className="flex justify-end gap-2">
                    <TagDialog tag={t} />
                    <ConfirmButton
                      label="Delete"
                      ariaLabel={`Delete tag ${t.name}`}
                      title={`Delete tag ${t.name}?`}
                      description={t.usageCount > 0 ? `It is removed from the ${t.usageCount} record${t.usageCount === 1 ? "" : "s"} that carry it. This cannot be undone.` : "No record carries it."}
                      confirmLabel="Delete tag"
                      onConfirm={async () => toastResult(await remove.executeAsync({ tagId: t.id }), `Tag ${t.name} deleted`)}
                    />
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
