"use client";

import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { updatePipelineAction } from "@/lib/pipelines/actions";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { TextField } from "@/components/ui/field";
import type { PipelineJson } from "@/lib/pipelines/queries";
import { MovementModeField } from "./movement-mode-field";
import type { MovementMode } from "./labels";

interface FormValues {
  name: string;
  pipelineKey: string;
  movementMode: MovementMode;
  isActive: boolean;
  isDefault: boolean;
}

const toForm = (p: PipelineJson): FormValues => ({ name: p.name, pipelineKey: p.pipelineKey, movementMode: p.movementMode, isActive: p.isActive, isDefault: p.isDefault });

export function PipelineSettingsForm({ pipeline, canManage }: { pipeline: PipelineJson; canManage: boolean }) {
  // `values` re-syncs the form when the server sends the saved pipeline back
  const form = useForm<FormValues>({ values: toForm(pipeline) });
  const action = useFormAction(updatePipelineAction, form);
  const { errors, isSubmitting, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (v) => {
    const r = await action.run({ pipelineId: pipeline.id, ...v });
    if (!r.ok) return;
    toast.success("Pipeline saved");
  });

  return (
    <section aria-labelledby="pipeline-settings" className="h-fit rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="pipeline-settings" className="mb-3 font-semibold">
        Settings
      </h2>
      <form onSubmit={onSubmit} noValidate>
        <fieldset disabled={!canManage || isSubmitting} className="space-y-4">
          <FormAlert message={errors.root?.server?.message} />
          <TextField label="Pipeline name" autoComplete="off" {...form.register("name")} error={errors.name?.message} />
          <TextField label="Key" autoComplete="off" hint="Used by integrations; unique among this object type's pipelines." {...form.register("pipelineKey")} error={errors.pipelineKey?.message} />
          <MovementModeField register={form.register("movementMode")} />
          <div className="space-y-2">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4 rounded border-slate-300" {...form.register("isActive")} />
              Active
            </label>
            {errors.isActive?.message ? (
              <p role="alert" className="text-sm text-red-600">
                {errors.isActive.message}
              </p>
            ) : null}
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4 rounded border-slate-300" disabled={pipeline.isDefault} {...form.register("isDefault")} />
              Default pipeline
            </label>
            <p className="text-xs text-slate-500">
              {pipeline.isDefault ? "New records without a pipeline start here. To change that, make another pipeline the default." : "Making this the default takes it over from the current default."}
            </p>
          </div>
          {canManage ? (
            <Button type="submit" disabled={!isDirty || isSubmitting}>
              {isSubmitting ? "Saving…" : "Save settings"}
            </Button>
          ) : null}
        </fieldset>
      </form>
    </section>
  );
}
