"use client";

import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useAction } from "next-safe-action/hooks";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { reorderStagesAction, updateStagesAction } from "@/lib/pipelines/actions";
import { Button } from "@/components/ui/button";
import { actionMessage } from "@/lib/action-result";
import type { StageJson } from "@/lib/pipelines/queries";
import { AddStageForm } from "./add-stage-form";
import type { FieldOption } from "./required-fields-picker";
import { stagePatches, stagesForm, type StagesForm } from "./stage-form";
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
  const save = useAction(updateStagesAction);
  // One form for every stage; a reorder's refresh keeps unsaved edits (keepDirtyValues).
  const formValues = useMemo(() => stagesForm(stages), [stages]);
  const form = useForm<StagesForm>({ values: formValues, resetOptions: { keepDirtyValues: true } });
  const [problem, setProblem] = useState<string | null>(null);
  const dirty = form.formState.isDirty;
  const onSave = form.handleSubmit(async (values) => {
    const out = stagePatches(stages, values);
    if ("problem" in out) {
      setProblem(out.problem);
      return;
    }
    if (out.patches.length === 0) return;
    const err = actionMessage(await save.executeAsync({ pipelineId, stages: out.patches as Parameters<typeof save.executeAsync>[0]["stages"] }));
    setProblem(err);
    if (err) toast.error(err);
    else {
      toast.success(out.patches.length === 1 ? "1 stage saved" : `${out.patches.length} stages saved`);
      form.reset(values);
    }
  });
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
      <form onSubmit={onSave} noValidate aria-label="Stages">
        <DndContext id={`stages-${pipelineId}`} sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
          <SortableContext items={items.map((s) => s.id)} strategy={verticalListSortingStrategy}>
            <ol aria-label="Stages in order" className="space-y-2">
              {items.map((s, i) => (
                <StageRow key={s.id} form={form} pipelineId={pipelineId} stage={s} position={i + 1} fieldOptions={fieldOptions} recordCount={recordCounts[s.id] ?? 0} canManage={canManage} />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
        {canManage && items.length > 0 ? (
          <div className="sticky bottom-0 mt-3 flex items-center justify-end gap-3 rounded-lg border border-slate-200 bg-white/95 p-3">
            {problem ? (
              <p role="alert" className="mr-auto text-sm text-red-700">
                {problem}
              </p>
            ) : dirty ? (
              <p className="mr-auto text-sm text-slate-600">Unsaved changes</p>
            ) : null}
            <Button
              type="button"
              variant="secondary"
              size="sm"
              disabled={!dirty || form.formState.isSubmitting}
              onClick={() => {
                form.reset(formValues);
                setProblem(null);
              }}
            >
              Discard changes
            </Button>
            <Button type="submit" size="sm" disabled={!dirty || form.formState.isSubmitting}>
              {form.formState.isSubmitting ? "Saving…" : "Save stages"}
            </Button>
          </div>
        ) : null}
      </form>
      {items.length === 0 ? <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">No stages yet: records cannot enter this pipeline until it has one.</p> : null}
      {canManage ? <AddStageForm pipelineId={pipelineId} /> : null}
    </section>
  );
}
