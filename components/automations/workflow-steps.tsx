"use client";

// The ordered steps of a WORKFLOW action: add, remove, move up/down, and each step's fields.
import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { useFieldArray, useFormContext } from "react-hook-form";
import type { AutomationFormOptions } from "@/lib/automations/form-options";
import { SelectField } from "@/components/ui/select-field";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { PRIORITIES } from "@/db/schema/enums";
import { emptyStep, type FormValues } from "./form-values";
import { WORKFLOW_STEPS, type EntityType, type WorkflowStepType } from "./labels";
import { MoveButtons } from "@/components/ui/move-buttons";

const NONE = { value: "", label: "—" };

export function WorkflowSteps({ options, entityType }: { options: AutomationFormOptions; entityType: EntityType }) {
  const { control, formState } = useFormContext<FormValues>();
  const steps = useFieldArray({ control, name: "workflow.steps" });
  const [next, setNext] = useState<WorkflowStepType>("createTask");
  const err = formState.errors.workflow?.steps;
  return (
    <div className="space-y-3">
      <ol className="space-y-3">
        {steps.fields.map((f, i) => (
          <li key={f.id} className="rounded-md border border-slate-200 p-3">
            <div className="mb-2 flex items-center justify-between gap-2">
              <span className="text-sm font-medium text-slate-900">
                Step {i + 1}: {WORKFLOW_STEPS.find((s) => s.value === f.type)?.label}
              </span>
              <span className="flex gap-1">
                <MoveButtons name={`step ${i + 1}`} index={i} count={steps.fields.length} onMove={(by) => steps.move(i, i + by)} />
                <Button size="sm" variant="ghost" aria-label={`Remove step ${i + 1}`} onClick={() => steps.remove(i)}>
                  <Trash2 className="size-4" aria-hidden />
                </Button>
              </span>
            </div>
            <StepFields index={i} type={f.type} options={options} entityType={entityType} />
          </li>
        ))}
      </ol>
      {steps.fields.length === 0 ? <p className="text-sm text-slate-600">No steps yet: a workflow needs at least one.</p> : null}
      {err?.message || err?.root?.message ? (
        <p role="alert" className="text-sm text-red-600">
          {err.message ?? err.root?.message}
        </p>
      ) : null}
      <div className="flex items-end gap-2">
        <SelectField label="New step" options={WORKFLOW_STEPS} value={next} onChange={(e) => setNext(e.target.value as WorkflowStepType)} />
        <Button variant="secondary" onClick={() => steps.append(emptyStep(next))}>
          <Plus className="size-4" aria-hidden /> Add step
        </Button>
      </div>
    </div>
  );
}

function StepFields({ index, type, options, entityType }: { index: number; type: WorkflowStepType; options: AutomationFormOptions; entityType: EntityType }) {
  const { register, formState } = useFormContext<FormValues>();
  const e = formState.errors.workflow?.steps?.[index];
  const n = `Step ${index + 1}`;
  const name = <K extends Exclude<keyof FormValues["workflow"]["steps"][number], "type">>(k: K) => `workflow.steps.${index}.${k}` as const;
  const lists = [NONE, ...options.lists.filter((l) => l.objectType === entityType).map((l) => ({ value: l.id, label: l.name }))];
  const groups = [NONE, ...options.groups.map((g) => ({ value: g.id, label: g.name }))];
  switch (type) {
    case "createTask":
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField className="sm:col-span-2" label={`${n} task subject`} error={e?.subject?.message} {...register(name("subject"))} />
          <TextField className="sm:col-span-2" label={`${n} task notes`} error={e?.body?.message} {...register(name("body"))} />
          <TextField label={`${n} due in days`} type="number" min={0} inputMode="numeric" error={e?.dueInDays?.message} {...register(name("dueInDays"))} />
          <SelectField label={`${n} priority`} options={[NONE, ...PRIORITIES.map((p) => ({ value: p, label: p[0]!.toUpperCase() + p.slice(1) }))]} error={e?.priority?.message} {...register(name("priority"))} />
          <SelectField label={`${n} assigned user`} options={[NONE, ...options.users.map((u) => ({ value: u.id, label: u.name }))]} error={e?.assignedUserId?.message} {...register(name("assignedUserId"))} />
          <SelectField label={`${n} assigned group`} options={groups} error={e?.assignedGroupId?.message} {...register(name("assignedGroupId"))} />
        </div>
      );
    case "setField":
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            label={`${n} field`}
            options={[NONE, ...options.fieldsByType[entityType].map((f) => ({ value: f.path, label: f.label ?? f.path }))]}
            error={e?.field?.message}
            {...register(name("field"))}
          />
          <TextField label={`${n} value`} error={e?.value?.message} {...register(name("value"))} />
        </div>
      );
    case "assignRoundRobin":
      return <SelectField label={`${n} group`} options={groups} error={e?.groupId?.message} {...register(name("groupId"))} />;
    case "addToList":
    case "removeFromList":
      return <SelectField label={`${n} list`} options={lists} error={e?.listId?.message} {...register(name("listId"))} />;
    case "notifyWatchers":
      return <TextField label={`${n} message`} hint="Optional; the watchers are told what happened either way." error={e?.message?.message} {...register(name("message"))} />;
    case "enrollInSequence":
      return (
        <SelectField
          label={`${n} sequence`}
          hint="The contact (a deal's or ticket's contact) joins it; one already in it, without an address or unsubscribed is skipped."
          options={[NONE, ...options.sequences.map((q) => ({ value: q.id, label: q.name }))]}
          error={e?.sequenceId?.message}
          {...register(name("sequenceId"))}
        />
      );
  }
}
