"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { GripVertical } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useId, useState } from "react";
import { Controller, type UseFormReturn } from "react-hook-form";
import { toast } from "sonner";
import { deleteStageAction } from "@/lib/pipelines/actions";
import { actionMessage } from "@/lib/action-result";
import { Badge } from "@/components/ui/badge";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import type { StageJson } from "@/lib/pipelines/queries";
import { STAGE_STATES } from "./labels";
import type { StageFormValues, StagesForm } from "./stage-form";
import { RequiredFieldsPicker, type FieldOption } from "./required-fields-picker";

const small = "block text-xs font-medium text-slate-600";

export function StageRow({
  pipelineId,
  stage,
  position,
  fieldOptions,
  recordCount,
  canManage,
  form,
}: {
  pipelineId: string;
  /** The stage editor's one form (stage-list.tsx): this row edits `stages.<id>`. */
  form: UseFormReturn<StagesForm>;
  stage: StageJson;
  position: number;
  fieldOptions: FieldOption[];
  recordCount: number;
  canManage: boolean;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: stage.id, disabled: !canManage });
  const del = useAction(deleteStageAction);
  const [problem, setProblem] = useState<string | null>(null);
  const uid = useId();
  const ids = { name: `${uid}-name`, color: `${uid}-color`, state: `${uid}-state`, prob: `${uid}-prob`, days: `${uid}-days`, fields: `${uid}-fields` };
  const f = <K extends keyof StageFormValues>(k: K) => `stages.${stage.id}.${k}` as const;

  const style = { transform: CSS.Translate.toString(transform), transition };
  return (
    <li ref={setNodeRef} style={style} className={cn("rounded-lg border border-slate-200 bg-white p-3", isDragging && "relative z-10 shadow-lg ring-2 ring-brand-500")}>
      <fieldset disabled={!canManage || form.formState.isSubmitting} aria-label={`Stage ${stage.name}`}>
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
            <input id={ids.name} className={inputClass} autoComplete="off" {...form.register(f("name"))} />
          </div>
          <div>
            <label htmlFor={ids.color} className={small}>
              Colour
            </label>
            <input id={ids.color} type="color" className="h-9 w-12 cursor-pointer rounded-md border border-slate-300 bg-white p-1" {...form.register(f("color"))} />
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
            <select id={ids.state} className={inputClass} {...form.register(f("stageState"))}>
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
            <input id={ids.prob} type="number" inputMode="decimal" min={0} max={100} step="any" className={inputClass} {...form.register(f("probabilityPct"))} />
          </div>
          <div>
            <label htmlFor={ids.days} className={small}>
              Expected days
            </label>
            <input id={ids.days} type="number" inputMode="numeric" min={1} step={1} placeholder="—" className={inputClass} {...form.register(f("expectedDays"))} />
          </div>
          <div>
            <label htmlFor={ids.fields} className={small}>
              Required fields
            </label>
            <Controller
              control={form.control}
              name={f("requiredFields")}
              render={({ field }) => (
                <RequiredFieldsPicker id={ids.fields} stageName={stage.name} options={fieldOptions} value={field.value} onChange={(v) => field.onChange(v)} disabled={!canManage} />
              )}
            />
          </div>
        </div>

        <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4 rounded border-slate-300" {...form.register(f("inheritPipelineActions"))} />
            Inherit pipeline actions
            <span className="text-xs text-slate-500">(the pipeline&apos;s automations run for this stage too)</span>
          </label>
          {canManage ? (
            <span className="flex gap-2">
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
    </li>
  );
}
