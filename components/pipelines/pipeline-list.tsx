"use client";

import { useAction } from "next-safe-action/hooks";
import Link from "next/link";
import { toast } from "sonner";
import { reorderPipelinesAction } from "@/lib/pipelines/actions";
import { actionMessage } from "@/lib/action-result";
import { Badge } from "@/components/ui/badge";
import { modeLabel, type MovementMode, type ObjectType } from "./labels";
import { MoveButtons } from "@/components/ui/move-buttons";

export interface PipelineSummary {
  id: string;
  name: string;
  pipelineKey: string;
  movementMode: MovementMode;
  isActive: boolean;
  isDefault: boolean;
  stageCount: number;
}

export function PipelineList({ objectType, pipelines, canManage }: { objectType: ObjectType; pipelines: PipelineSummary[]; canManage: boolean }) {
  const reorder = useAction(reorderPipelinesAction);
  const move = async (from: number, to: number) => {
    const ids = pipelines.map((p) => p.id);
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    const err = actionMessage(await reorder.executeAsync({ objectType, pipelineIds: ids }));
    if (err) toast.error(err);
  };
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Pipelines, in board order</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Name</th>
            <th scope="col" className="px-4 py-2 font-medium">Key</th>
            <th scope="col" className="px-4 py-2 font-medium">Movement</th>
            <th scope="col" className="px-4 py-2 font-medium">Stages</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            {canManage ? <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Order</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {pipelines.map((p, i) => (
            <tr key={p.id}>
              <td className="px-4 py-2.5">
                <Link href={`/settings/pipelines/${p.id}`} className="font-medium text-brand-700 hover:underline">
                  {p.name}
                </Link>
              </td>
              <td className="px-4 py-2.5 font-mono text-xs text-slate-600">{p.pipelineKey}</td>
              <td className="px-4 py-2.5">{modeLabel(p.movementMode)}</td>
              <td className="px-4 py-2.5 tabular-nums">{p.stageCount}</td>
              <td className="px-4 py-2.5">
                <span className="flex flex-wrap gap-1">
                  {p.isDefault ? <Badge tone="brand">Default</Badge> : null}
                  {p.isActive ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>}
                </span>
              </td>
              {canManage ? (
                <td className="px-4 py-2.5">
                  <span className="flex justify-end gap-1">
                    <MoveButtons name={p.name} index={i} count={pipelines.length} disabled={reorder.isPending} onMove={(by) => move(i, i + by)} />
                  </span>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
