"use client";

// The "Then" part of the automation form: the action type and the sub-form of its config.
import { Plus, Trash2 } from "lucide-react";
import { useId } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import type { AutomationFormOptions } from "@/lib/automations/form-options";
import { SelectField } from "@/components/ui/select-field";
import { Button } from "@/components/ui/button";
import { TextareaField, TextField } from "@/components/ui/field";
import { WEBHOOK_TIMEOUT } from "@/lib/automations/schemas";
import type { FormValues } from "./form-values";
import { ACTION_TYPES, type EntityType } from "./labels";
import { WorkflowSteps } from "./workflow-steps";

export function ActionFields({ options }: { options: AutomationFormOptions }) {
  const id = useId();
  const { register, formState } = useFormContext<FormValues>();
  const [actionType, entityType] = useWatch<FormValues, ["actionType", "entityType"]>({ name: ["actionType", "entityType"] });
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold text-slate-900">Then</legend>
      <div role="radiogroup" aria-label="Action type" className="grid gap-2 sm:grid-cols-2">
        {ACTION_TYPES.map((t) => (
          <label key={t.value} className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50/40">
            <input type="radio" value={t.value} className="mt-0.5" aria-labelledby={`${id}-${t.value}`} aria-describedby={`${id}-${t.value}-d`} {...register("actionType")} />
            <span>
              <span id={`${id}-${t.value}`} className="font-medium text-slate-900">
                {t.label}
              </span>
              <span id={`${id}-${t.value}-d`} className="block text-xs text-slate-600">
                {t.description}
              </span>
            </span>
          </label>
        ))}
      </div>
      {formState.errors.actionType ? <p role="alert" className="text-sm text-red-600">{formState.errors.actionType.message}</p> : null}
      {actionType === "WEBHOOK" ? <WebhookFields /> : null}
      {actionType === "WORKFLOW" ? <WorkflowSteps options={options} entityType={entityType} /> : null}
      {actionType === "EVENT" ? (
        <TextField label="Event name" hint="Optional; the event's type on GET /api/v1/events and the stream. Defaults to the trigger." error={formState.errors.event?.name?.message} {...register("event.name")} />
      ) : null}
      {actionType === "AIWORKER" ? <AiWorkerFields options={options} entityType={entityType} /> : null}
    </fieldset>
  );
}

function WebhookFields() {
  const { register, control, formState } = useFormContext<FormValues>();
  const headers = useFieldArray({ control, name: "webhook.headers" });
  const errors = formState.errors.webhook;
  return (
    <div className="space-y-4">
      <TextField label="URL" type="url" inputMode="url" placeholder="https://example.com/hooks/stageline" autoComplete="off" error={errors?.url?.message} {...register("webhook.url")} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Headers</legend>
        {headers.fields.length === 0 ? <p className="text-xs text-slate-500">No custom headers. The webhook-id, webhook-timestamp and webhook-signature headers are always sent.</p> : null}
        {headers.fields.map((f, i) => (
          <div key={f.id} className="flex items-end gap-2">
            <TextField className="flex-1" label={`Header ${i + 1} name`} autoComplete="off" {...register(`webhook.headers.${i}.key`)} />
            <TextField className="flex-1" label={`Header ${i + 1} value`} autoComplete="off" {...register(`webhook.headers.${i}.value`)} />
            <Button variant="ghost" aria-label={`Remove header ${i + 1}`} onClick={() => headers.remove(i)}>
              <Trash2 className="size-4" aria-hidden />
            </Button>
          </div>
        ))}
        {errors?.headers?.message || errors?.headers?.root?.message ? (
          <p role="alert" className="text-sm text-red-600">
            {errors.headers.message ?? errors.headers.root?.message}
          </p>
        ) : null}
        <Button size="sm" variant="secondary" onClick={() => headers.append({ key: "", value: "" })}>
          <Plus className="size-4" aria-hidden /> Add header
        </Button>
      </fieldset>
      <TextField
        label="Timeout (ms)"
        type="number"
        inputMode="numeric"
        min={1000}
        max={WEBHOOK_TIMEOUT.maxMs}
        placeholder={String(WEBHOOK_TIMEOUT.defaultMs)}
        hint={`Between 1000 and ${WEBHOOK_TIMEOUT.maxMs}; empty means ${WEBHOOK_TIMEOUT.defaultMs}.`}
        error={errors?.timeoutMs?.message}
        {...register("webhook.timeoutMs")}
      />
    </div>
  );
}

function AiWorkerFields({ options, entityType }: { options: AutomationFormOptions; entityType: EntityType }) {
  const { register, formState } = useFormContext<FormValues>();
  const outputType = useWatch<FormValues, "ai.outputType">({ name: "ai.outputType" });
  const errors = formState.errors.ai;
  const fields = options.fieldsByType[entityType].filter((f) => f.type.kind === "string" || f.type.kind === "number");
  return (
    <div className="space-y-4">
      <TextareaField
        label="Prompt"
        rows={5}
        {...register("ai.prompt")}
        error={errors?.prompt?.message}
        hint={"Use {{record.<field>}} to fill in the record's values, e.g. {{record.name}}."}
      />
      <SelectField
        label="Answer becomes"
        options={[
          { value: "note", label: "A note on the record" },
          { value: "field", label: "The value of a field" },
        ]}
        {...register("ai.outputType")}
      />
      {outputType === "field" ? (
        <SelectField label="Field" options={[{ value: "", label: "—" }, ...fields.map((f) => ({ value: f.path, label: f.label ?? f.path }))]} error={errors?.field?.message} {...register("ai.field")} />
      ) : null}
    </div>
  );
}
