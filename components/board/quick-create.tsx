"use client";

import { useId } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/action-result";
import { BOARD_KINDS } from "@/lib/board/kinds";
import type { QuickCreateInput } from "@/lib/board/schemas";
import type { BoardKind, BoardStage } from "@/lib/board/types";

export type CreateAction = (input: QuickCreateInput) => Promise<ActionResult<{ id: string }>>;

/** A small form at the top of a column: creates the record in this pipeline and stage. */
export function QuickCreateForm({
  kind,
  stage,
  pipelineId,
  createAction,
  onCreated,
  onClose,
}: {
  kind: BoardKind;
  stage: BoardStage;
  pipelineId: string;
  createAction: CreateAction;
  onCreated: () => void;
  onClose: () => void;
}) {
  const info = BOARD_KINDS[kind];
  const id = useId();
  const form = useForm<{ title: string; amount: string }>({ defaultValues: { title: "", amount: "" } });
  // The server's messages (title or amount) all show under the form, as one line.
  const create = useFormAction(createAction, form, { place: () => null });
  const { errors, isSubmitting } = form.formState;
  const error = errors.title?.message ?? errors.root?.server?.message;

  const submit = form.handleSubmit(async (v) => {
    const title = v.title.trim();
    const amount = v.amount.trim();
    const r = await create.run({ pipelineId, stageId: stage.id, title, ...(amount ? { amount } : {}) });
    if (!r.ok) return;
    form.reset();
    form.setFocus("title");
    toast.success(`Added “${title}” to ${stage.name}`);
    onCreated();
  });

  return (
    <form
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
      aria-label={`New ${info.singular} in ${stage.name}`}
      className="mx-2 mb-2 space-y-2 rounded-md border border-slate-200 bg-white p-2 shadow-sm"
      noValidate
    >
      <div>
        <label htmlFor={`${id}-title`} className="block text-xs font-medium text-slate-700">
          {info.titleLabel}
        </label>
        <input
          id={`${id}-title`}
          {...form.register("title", { validate: (t) => (t.trim() ? true : `${info.titleLabel} is required`) })}
          required
          maxLength={200}
          // the form opens on request: taking focus is what the user asked for
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={cn(inputClass, "py-1.5")}
        />
      </div>
      {kind === "DEAL" ? (
        <div>
          <label htmlFor={`${id}-amount`} className="block text-xs font-medium text-slate-700">
            Amount
          </label>
          <input id={`${id}-amount`} {...form.register("amount")} inputMode="decimal" placeholder="0.00" className={cn(inputClass, "py-1.5")} />
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-1.5">
        <Button variant="ghost" size="sm" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={isSubmitting}>
          {isSubmitting ? "Adding…" : `Add ${info.singular}`}
        </Button>
      </div>
    </form>
  );
}
