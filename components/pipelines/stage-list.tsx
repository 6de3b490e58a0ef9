"use client";

import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { reorderStagesAction } from "@/lib/pipelines/actions";
import { actionMessage } from "@/lib/action-result";
import type { StageJson } from "@/lib/pipelines/queries";
import { AddStageForm } from "./add-stage-form";
import type { FieldOption } from "./required-fields-picker";
import { StageRow } from "./stage-row";

export function StageList({
  pipelineId,
  stages,
  fieldOptions,
  recordCounts,
  canManage,
}: {
  pipelineId: string;
  stages: StageJson[];
  fieldOptions: FieldOption[];
  recordCounts: Record<string, number>;
  canManage: boolean;
}) {
  // Local order for an instant drop; reset whenever the server sends the stages again.
  const [serverStages, setServerStages] = useState(stages);
  const [items, setItems] = useState(stages);
  if (stages !== serverStages) {
    setServerStages(stages);
    setItems(stages);
  }
  const reorder = useAction(reorderStagesAction);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const nameOf = (id: string | number) => items.find((s) => s.id === id)?.name ?? "stage";
  const positionOf = (id: string | number) => `position ${items.findIndex((s) => s.id === id) + 1} of ${items.length}`;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up stage ${nameOf(active.id)} at ${positionOf(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `Stage ${nameOf(active.id)} is over ${positionOf(over.id)}.` : `Stage ${nameOf(active.id)} is no longer over a position.`),
    onDragEnd: ({ active, over }) => (over ? `Stage ${nameOf(active.id)} was dropped at ${positionOf(over.id)}.` : `Stage ${nameOf(active.id)} was dropped.`),
    onDragCancel: ({ active }) => `Reordering cancelled. Stage ${nameOf(active.id)} is back in place.`,
  };

  async function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const before = items;
    const next = arrayMove(items, items.findIndex((s) => s.id === active.id), items.findIndex((s) => s.id === over.id));
    setItems(next);
    const err = actionMessage(await reorder.executeAsync({ pipelineId, stageIds: next.map((s) => s.id) }));
    if (err) {
      setItems(before);
      toast.error(err);
    }
  }

  return (
    <section aria-labelledby="stages-heading" className="min-w-0">
      <h2 id="stages-heading" className="mb-3 font-semibold">
        Stages
      </h2>
      <DndContext id={`stages-${pipelineId}`} sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
        <SortableContext items={items.map((s) => s.id)} strategy={verticalListSortingStrategy}>
          <ol aria-label="Stages in order" className="space-y-2">
            {items.map((s, i) => (
              <StageRow key={s.id} pipelineId={pipelineId} stage={s} position={i + 1} fieldOptions={fieldOptions} recordCount={recordCounts[s.id] ?? 0} canManage={canManage} />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      {items.length === 0 ? <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">No stages yet: records cannot enter this pipeline until it has one.</p> : null}
      {canManage ? <AddStageForm pipelineId={pipelineId} /> : null}
    </section>
  );
}
