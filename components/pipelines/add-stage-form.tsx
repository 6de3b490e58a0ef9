"use client";

import { Plus } from "lucide-react";
import { useAction } from "next-safe-action/hooks";
import { useId, useState } from "react";
import { toast } from "sonner";
import { addStageAction } from "@/lib/pipelines/actions";
import { actionMessage } from "@/lib/action-result";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/** Appends a stage by name; the rest is edited in its row. */
export function AddStageForm({ pipelineId }: { pipelineId: string }) {
  const add = useAction(addStageAction);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <form
      className="mt-3 flex flex-wrap items-end gap-2 rounded-lg border border-dashed border-slate-300 bg-white p-3"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim()) {
          setError("A stage needs a name");
          return;
        }
        const err = actionMessage(await add.executeAsync({ pipelineId, name }));
        setError(err);
        if (err) return;
        toast.success(`Stage ${name.trim()} added`);
        setName("");
      }}
    >
      <div className="min-w-48 flex-1">
        <label htmlFor={id} className="block text-xs font-medium text-slate-600">
          New stage name
        </label>
        <input id={id} className={inputClass} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <Button type="submit" variant="secondary" disabled={add.isPending}>
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
