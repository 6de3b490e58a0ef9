"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { GripVertical } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useId, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import { deleteStageAction, updateStageAction } from "@/lib/pipelines/actions";
import { actionMessage } from "@/lib/action-result";
import { Badge } from "@/components/ui/badge";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import type { StageJson } from "@/lib/pipelines/queries";
import { STAGE_STATES, type StageState } from "./labels";
import { RequiredFieldsPicker, type FieldOption } from "./required-fields-picker";

interface FormValues {
  name: string;
  color: string;
  stageState: StageState;
  /** 0–100 in the UI; stored as 0–1. */
  probabilityPct: string;
  expectedDays: string;
  requiredFields: string[];
  inheritPipelineActions: boolean;
}

const toForm = (s: StageJson): FormValues => ({
  name: s.name,
  color: s.color.toLowerCase(),
  stageState: s.stageState,
  probabilityPct: String(Math.round(s.probability * 10000) / 100),
  expectedDays: s.expectedDays === null ? "" : String(s.expectedDays),
  requiredFields: s.requiredFields,
  inheritPipelineActions: s.inheritPipelineActions,
});

const small = "block text-xs font-medium text-slate-600";

export function StageRow({
  pipelineId,
  stage,
  position,
  fieldOptions,
  recordCount,
  canManage,
}: {
  pipelineId: string;
  stage: StageJson;
  position: number;
  fieldOptions: FieldOption[];
  recordCount: number;
  canManage: boolean;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: stage.id, disabled: !canManage });
  const save = useAction(updateStageAction);
  const del = useAction(deleteStageAction);
  const form = useForm<FormValues>({ values: toForm(stage) });
  const { isDirty, isSubmitting } = form.formState;
  const [problem, setProblem] = useState<string | null>(null);
  const uid = useId();
  const ids = { name: `${uid}-name`, color: `${uid}-color`, state: `${uid}-state`, prob: `${uid}-prob`, days: `${uid}-days`, fields: `${uid}-fields` };

  const onSubmit = form.handleSubmit(async (v) => {
    const pct = Number(v.probabilityPct);
    if (v.probabilityPct.trim() === "" || !Number.isFinite(pct) || pct < 0 || pct > 100) {
      setProblem("Probability must be between 0 and 100%");
      return;
    }
    const days = v.expectedDays.trim() === "" ? null : Number(v.expectedDays);
    if (days !== null && (!Number.isInteger(days) || days < 1)) {
      setProblem("Expected days must be a whole number of at least 1, or empty");
      return;
    }
    const err = actionMessage(
      await save.executeAsync({
        pipelineId,
        stageId: stage.id,
        name: v.name,
        color: v.color,
        stageState: v.stageState,
        probability: String(pct / 100),
        expectedDays: days,
        requiredFields: v.requiredFields,
        inheritPipelineActions: v.inheritPipelineActions,
      }),
    );
    setProblem(err);
    if (err) toast.error(err);
    else toast.success(`Stage ${v.name} saved`);
  });

  const style = { transform: CSS.Translate.toString(transform), transition };
  return (
    <li ref={setNodeRef} style={style} className={cn("rounded-lg border border-slate-200 bg-white p-3", isDragging && "relative z-10 shadow-lg ring-2 ring-brand-500")}>
      <form onSubmit={onSubmit} noValidate>
        <fieldset disabled={!canManage || isSubmitting} aria-label={`Stage ${stage.name}`}>
          <div className="flex items-end gap-2">
            {canManage ? (
              <button
                type="button"
                ref={setActivatorNodeRef}
                {...attributes}
                {...listeners}
                aria-label={`Reorder ${stage.name}`}
                className="mb-1 cursor-grab touch-none rounded p-1 text-slate-500 hover:bg-slate-100 active:cursor-grabbing"
              >
                <GripVertical className="size-5" aria-hidden />
              </button>
            ) : null}
            <span className="mb-2 w-5 text-right text-xs tabular-nums text-slate-500" aria-hidden>
              {position}
            </span>
            <div className="min-w-0 flex-1">
              <label htmlFor={ids.name} className={small}>
                Name
              </label>
              <input id={ids.name} className={inputClass} autoComplete="off" {...form.register("name")} />
            </div>
            <div>
              <label htmlFor={ids.color} className={small}>
                Colour
              </label>
              <input id={ids.color} type="color" className="h-9 w-12 cursor-pointer rounded-md border border-slate-300 bg-white p-1" {...form.register("color")} />
            </div>
            {recordCount > 0 ? (
              <Badge className="mb-2" tone="neutral">
                {recordCount} {recordCount === 1 ? "record" : "records"}
              </Badge>
            ) : null}
          </div>

          <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <label htmlFor={ids.state} className={small}>
                State
              </label>
              <select id={ids.state} className={inputClass} {...form.register("stageState")}>
                {STAGE_STATES.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={ids.prob} className={small}>
                Probability (%)
              </label>
              <input id={ids.prob} type="number" inputMode="decimal" min={0} max={100} step="any" className={inputClass} {...form.register("probabilityPct")} />
            </div>
            <div>
              <label htmlFor={ids.days} className={small}>
                Expected days
              </label>
              <input id={ids.days} type="number" inputMode="numeric" min={1} step={1} placeholder="—" className={inputClass} {...form.register("expectedDays")} />
            </div>
            <div>
              <label htmlFor={ids.fields} className={small}>
                Required fields
              </label>
              <Controller
                control={form.control}
                name="requiredFields"
                render={({ field }) => (
                  <RequiredFieldsPicker id={ids.fields} stageName={stage.name} options={fieldOptions} value={field.value} onChange={(v) => field.onChange(v)} disabled={!canManage} />
                )}
              />
            </div>
          </div>

          <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4 rounded border-slate-300" {...form.register("inheritPipelineActions")} />
              Inherit pipeline actions
              <span className="text-xs text-slate-500">(the pipeline&apos;s automations run for this stage too)</span>
            </label>
            {canManage ? (
              <span className="flex gap-2">
                <Button type="submit" size="sm" disabled={!isDirty || isSubmitting} aria-label={`Save stage ${stage.name}`}>
                  {isSubmitting ? "Saving…" : "Save"}
                </Button>
                <ConfirmButton
                  label="Delete"
                  ariaLabel={`Delete stage ${stage.name}`}
                  title={`Delete the stage ${stage.name}?`}
                  description="A stage that still holds records cannot be deleted: move them to another stage first."
                  confirmLabel="Delete stage"
                  onConfirm={async () => {
                    const err = actionMessage(await del.executeAsync({ pipelineId, stageId: stage.id }));
                    setProblem(err);
                    if (err) toast.error(err);
                    else toast.success(`Stage ${stage.name} deleted`);
                    return true;
                  }}
                />
              </span>
            ) : null}
          </div>
          {problem ? (
            <p role="alert" className="mt-2 rounded-md bg-red-50 p-2 text-sm text-red-700">
              {problem}
            </p>
          ) : null}
        </fieldset>
      </form>
    </li>
  );
}
