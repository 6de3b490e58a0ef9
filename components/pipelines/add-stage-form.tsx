"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { addStageAction } from "@/lib/pipelines/actions";

const schema = z.object({ name: z.string().trim().min(1, "A stage needs a name") });

/** Appends a stage by name; the rest is edited in its row. */
export function AddStageForm({ pipelineId }: { pipelineId: string }) {
  const form = useForm<{ name: string }>({ resolver: zodResolver(schema), defaultValues: { name: "" } });
  // A refusal shows its message under the one input.
  const add = useFormAction(addStageAction, form, { place: () => null });
  const { errors, isSubmitting } = form.formState;
  const error = errors.name?.message ?? errors.root?.server?.message;
  const id = useId();
  return (
    <form
      className="mt-3 flex flex-wrap items-end gap-2 rounded-lg border border-dashed border-slate-300 bg-white p-3"
      noValidate
      onSubmit={form.handleSubmit(async (v) => {
        const r = await add.run({ pipelineId, name: v.name });
        if (!r.ok) return;
        toast.success(`Stage ${v.name.trim()} added`);
        form.reset();
      })}
    >
      <div className="min-w-48 flex-1">
        <label htmlFor={id} className="block text-xs font-medium text-slate-600">
          New stage name
        </label>
        <input id={id} className={inputClass} {...form.register("name")} autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <Button type="submit" variant="secondary" disabled={isSubmitting}>
        <Plus className="size-4" aria-hidden /> Add stage
      </Button>
      {error ? (
        <p id={`${id}-error`} role="alert" className="w-full text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </form>
  );
}
