"use client";

// The "When" part of the automation form: entity type, scope and its one target,
// trigger event, from/to stage for stage events, and inheritance for stage rules. Only
// valid combinations are offered; changing a choice clears what no longer fits.
import { useFormContext, useWatch } from "react-hook-form";
import type { AutomationFormOptions } from "@/lib/automations/form-options";
import { RecordPicker } from "@/components/record-form/record-picker";
import { SelectField } from "@/components/ui/select-field";
import { EMPTY_FILTER } from "@/components/filter-builder";
import type { FormValues } from "./form-values";
import { ENTITY_TYPES, entitySingular, hasPipelinesFor, isStageEvent, scopesFor, TRIGGERS, triggersFor, type EntityType, type ScopeType } from "./labels";

const NONE = { value: "", label: "—" };

export function TriggerFields({ options }: { options: AutomationFormOptions }) {
  const { register, setValue, getValues, formState } = useFormContext<FormValues>();
  const { errors } = formState;
  const [entityType, scopeType, pipelineId, stageId, triggerEvent, recordId, recordLabel] = useWatch<
    FormValues,
    ["entityType", "scopeType", "pipelineId", "stageId", "triggerEvent", "recordId", "recordLabel"]
  >({ name: ["entityType", "scopeType", "pipelineId", "stageId", "triggerEvent", "recordId", "recordLabel"] });
  const pipelines = options.pipelines.filter((p) => p.objectType === entityType);
  const hasPipelines = hasPipelinesFor(entityType, pipelines.length);
  const scopes = scopesFor(hasPipelines);
  const triggers = triggersFor(scopeType, hasPipelines);
  const lists = options.lists.filter((l) => l.objectType === entityType);
  const allStages = pipelines.flatMap((p) => p.stages.map((s) => ({ ...s, pipelineId: p.id, label: pipelines.length > 1 ? `${p.name} › ${s.name}` : s.name })));
  // From/to stages are of the rule's own pipeline when it has one; otherwise of any pipeline of the type.
  const stageOfRule = allStages.find((s) => s.id === stageId);
  const rulePipelineId = scopeType === "PIPELINE" ? pipelineId : scopeType === "PIPELINE_STAGE" ? stageOfRule?.pipelineId : undefined;
  const moveStages = rulePipelineId ? allStages.filter((s) => s.pipelineId === rulePipelineId) : allStages;
  const stageOptions = [NONE, ...moveStages.map((s) => ({ value: s.id, label: s.label }))];
  const opts = { shouldValidate: formState.isSubmitted, shouldDirty: true };

  /** After the entity type or scope changed: a trigger that is no longer offered becomes the first that is. */
  const fitTrigger = (scope: ScopeType, pipelinesNow: boolean) => {
    const allowed = triggersFor(scope, pipelinesNow);
    if (!allowed.includes(getValues("triggerEvent"))) setValue("triggerEvent", allowed[0]!, opts);
  };

  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold text-slate-900">When</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Records"
          options={ENTITY_TYPES}
          error={errors.entityType?.message}
          {...register("entityType", {
            onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
              const t = e.target.value as EntityType;
              for (const k of ["pipelineId", "stageId", "listId", "recordId", "recordLabel", "fromStageId", "toStageId"] as const) setValue(k, "", opts);
              setValue("condition", EMPTY_FILTER, opts);
              const withPipelines = hasPipelinesFor(t, options.pipelines.filter((p) => p.objectType === t).length);
              if (!withPipelines && (getValues("scopeType") === "PIPELINE" || getValues("scopeType") === "PIPELINE_STAGE")) setValue("scopeType", "ENTITY", opts);
              fitTrigger(getValues("scopeType"), withPipelines);
            },
          })}
        />
        <SelectField
          label="Scope"
          options={scopes}
          error={errors.scopeType?.message}
          {...register("scopeType", { onChange: (e: React.ChangeEvent<HTMLSelectElement>) => fitTrigger(e.target.value as ScopeType, hasPipelines) })}
        />
      </div>

      {scopeType === "PIPELINE" ? (
        <SelectField label="Pipeline" options={[NONE, ...pipelines.map((p) => ({ value: p.id, label: p.name }))]} error={errors.pipelineId?.message} {...register("pipelineId")} />
      ) : scopeType === "PIPELINE_STAGE" ? (
        <SelectField label="Stage" options={[NONE, ...allStages.map((s) => ({ value: s.id, label: s.label }))]} error={errors.stageId?.message} {...register("stageId")} />
      ) : scopeType === "LIST" ? (
        <SelectField
          label="List"
          options={[NONE, ...lists.map((l) => ({ value: l.id, label: l.name }))]}
          error={errors.listId?.message ?? (lists.length === 0 ? `There are no ${entitySingular(entityType)} lists yet.` : undefined)}
          {...register("listId")}
        />
      ) : scopeType === "RECORD" ? (
        <RecordPicker
          kind={{ recordType: entityType, noun: ENTITY_TYPES.find((t) => t.value === entityType)!.label.toLowerCase() }}
          label="Record"
          value={recordId || null}
          valueLabel={recordLabel || null}
          error={errors.recordId?.message}
          onChange={(id, label) => {
            setValue("recordId", id ?? "", { ...opts, shouldValidate: true });
            setValue("recordLabel", label ?? "");
          }}
        />
      ) : null}

      <SelectField label="Trigger" options={TRIGGERS.filter((t) => triggers.includes(t.value))} error={errors.triggerEvent?.message} {...register("triggerEvent")} />

      {isStageEvent(triggerEvent) ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="From stage" options={stageOptions} error={errors.fromStageId?.message} {...register("fromStageId")} />
          <SelectField label="To stage" options={stageOptions} error={errors.toStageId?.message} {...register("toStageId")} />
          <p className="text-xs text-slate-500 sm:col-span-2">Leave either empty for any stage.</p>
        </div>
      ) : null}

      {scopeType === "PIPELINE_STAGE" ? (
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" className="mt-0.5" {...register("inheritPipelineActions")} />
          <span>
            Inherit pipeline actions
            <span className="block text-xs text-slate-500">When a record enters or leaves this stage, the pipeline&apos;s rules run too.</span>
          </span>
        </label>
      ) : null}
    </fieldset>
  );
}
