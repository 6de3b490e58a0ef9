"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { createPipelineAction } from "@/lib/pipelines/actions";
import { Button } from "@/components/ui/button";
import { TextareaField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { inferStageState, stageColorFor } from "@/lib/pipelines/stage-inference";
import { MovementModeField } from "./movement-mode-field";
import { OBJECT_TYPES, stageStateLabel, type MovementMode, type ObjectType } from "./labels";

interface FormValues {
  name: string;
  pipelineKey: string;
  movementMode: MovementMode;
  isDefault: boolean;
  stageNames: string;
}

const EMPTY: FormValues = { name: "", pipelineKey: "", movementMode: "FLEXIBLE", isDefault: false, stageNames: "" };

/**
 * New stages start as "not started" (the first) or "in progress", unless the name says won
 * or lost; the colour follows the state. The dialog shows what it inferred before creating.
 */
function stagesFrom(text: string) {
  return text
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((name, i) => {
      const stageState = inferStageState(name, i);
      return { name, stageState, color: stageColorFor(stageState, i) };
    });
}

export function CreatePipelineDialog({ objectType }: { objectType: ObjectType }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const form = useForm<FormValues>({ defaultValues: EMPTY });
  const action = useFormAction(createPipelineAction, form);
  const { errors, isSubmitting } = form.formState;
  const label = OBJECT_TYPES.find((t) => t.value === objectType)!;
  const stageNames = useWatch({ control: form.control, name: "stageNames" });

  const onSubmit = form.handleSubmit(async (v) => {
    if (!v.name.trim()) {
      form.setError("name", { message: "is required" });
      return;
    }
    const r = await action.run({
      name: v.name,
      objectType,
      pipelineKey: v.pipelineKey.trim() || undefined,
      movementMode: v.movementMode,
      isDefault: v.isDefault || undefined,
      stages: stagesFrom(v.stageNames),
    });
    if (!r.ok) return;
    toast.success(`Pipeline ${v.name} created`);
    setOpen(false);
    form.reset(EMPTY);
    if (r.data.id) router.push(`/settings/pipelines/${r.data.id}`);
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) form.reset(EMPTY);
      }}
      title={`New ${label.singular} pipeline`}
      description="Stages can be reordered and configured after creating the pipeline."
      trigger={
        <Button>
          <Plus className="size-4" aria-hidden /> New pipeline
        </Button>
      }
      onSubmit={onSubmit}
      pending={isSubmitting}
      error={errors.root?.server?.message ?? (errors as { stages?: { message?: string } }).stages?.message}
      submitLabel="Create pipeline"
      pendingLabel="Creating…"
    >
      <TextField label="Pipeline name" autoComplete="off" {...form.register("name")} error={errors.name?.message} />
      <TextField label="Key" hint="Lowercase letters, digits, - or _. Left empty, it is made from the name." autoComplete="off" {...form.register("pipelineKey")} error={errors.pipelineKey?.message} />
      <MovementModeField register={form.register("movementMode")} />
      <TextareaField label="Stages" rows={5} hint="One stage per line, in order. Won and lost stages are recognised by name; change any state in the editor afterwards." placeholder={"Qualified\nProposal\nWon\nLost"} {...form.register("stageNames")} />
      <StagePreview text={stageNames} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4 rounded border-slate-300" {...form.register("isDefault")} />
        Make it the default {label.singular} pipeline
      </label>
    </FormDialog>
  );
}

/** The stages as they will be created: state and colour, so a wrong guess is seen before saving. */
function StagePreview({ text }: { text: string }) {
  const stages = stagesFrom(text ?? "");
  if (stages.length === 0) return null;
  return (
    <ul aria-label="Stages to create" className="space-y-1 text-sm">
      {stages.map((s, i) => (
        <li key={i} className="flex items-center gap-2">
          <span aria-hidden className="size-2.5 rounded-full" style={{ backgroundColor: s.color }} />
          <span className="font-medium text-slate-800">{s.name}</span>
          <span className="text-slate-600">· {stageStateLabel(s.stageState)}</span>
        </li>
      ))}
    </ul>
  );
}
