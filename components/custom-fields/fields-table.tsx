"use client";

import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { actionMessage } from "@/lib/action-result";
import { Badge } from "@/components/ui/badge";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { CustomFieldJson } from "@/lib/custom-fields/service";
import { FIELD_TYPE_LABELS, OBJECT_TYPE_LABELS, type CustomFieldObjectType, type CustomFieldType } from "@/lib/custom-fields/schemas";
import { deleteFieldAction, moveFieldAction } from "@/lib/custom-fields/actions";
import { FieldDialog } from "./field-dialog";
import { MoveButtons } from "@/components/ui/move-buttons";
import { toastResult } from "@/components/ui/toast-result";

export function FieldsTable({ objectType, fields, canManage }: { objectType: CustomFieldObjectType; fields: CustomFieldJson[]; canManage: boolean }) {
  const move = useAction(moveFieldAction);
  const remove = useAction(deleteFieldAction);
  const plural = OBJECT_TYPE_LABELS[objectType].plural;
  if (fields.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No custom fields for {plural} yet.</p>;
  }
  const doMove = async (f: CustomFieldJson, direction: "up" | "down") => {
    const err = actionMessage(await move.executeAsync({ fieldId: f.id, direction }));
    if (err) toast.error(err);
  };
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">Custom fields of {plural}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">Field</th>
            <th scope="col" className="px-4 py-2">Key</th>
            <th scope="col" className="px-4 py-2">Type</th>
            <th scope="col" className="px-4 py-2">Options</th>
            {canManage ? <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {fields.map((f, i) => (
            <tr key={f.id}>
              <th scope="row" className="px-4 py-2 text-left font-medium text-slate-900">
                <span className="flex items-center gap-2">
                  {f.label}
                  {f.isRequired ? <Badge tone="amber">Required</Badge> : null}
                </span>
              </th>
              <td className="px-4 py-2">
                <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">{f.key}</code>
              </td>
              <td className="px-4 py-2 text-slate-600">{FIELD_TYPE_LABELS[f.fieldType as CustomFieldType]}</td>
              <td className="max-w-xs truncate px-4 py-2 text-slate-600" title={f.options.join(", ")}>
                {f.options.length ? f.options.join(", ") : "—"}
              </td>
              {canManage ? (
                <td className="px-4 py-2">
                  <div className="flex justify-end gap-1.5">
                    <MoveButtons name={f.label} index={i} count={fields.length} disabled={move.isPending} onMove={(by) => void doMove(f, by < 0 ? "up" : "down")} />
                    <FieldDialog objectType={objectType} field={f} />
                    <ConfirmButton
                      label="Delete"
                      ariaLabel={`Delete field ${f.label}`}
                      title={`Delete field ${f.label}?`}
                      description={`Values already saved on ${plural} stay stored but are no longer shown, checked or editable. A new field with the key ${f.key} would show them again.`}
                      confirmLabel="Delete field"
                      onConfirm={async () => toastResult(await remove.executeAsync({ fieldId: f.id }), `Field ${f.label} deleted`)}
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
