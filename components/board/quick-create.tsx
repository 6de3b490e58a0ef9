"use client";

import { useId, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import type { QuickCreateInput } from "@/lib/board/actions";
import { BOARD_KINDS } from "@/lib/board/kinds";
import type { BoardKind, BoardStage } from "@/lib/board/types";
import { actionMessage, type ActionResult } from "@/lib/action-result";

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
  const formRef = useRef<HTMLFormElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const title = String(form.get("title") ?? "").trim();
    const amount = String(form.get("amount") ?? "").trim();
    if (!title) {
      setError(`${info.titleLabel} is required`);
      titleRef.current?.focus();
      return;
    }
    startTransition(async () => {
      const result = await createAction({ pipelineId, stageId: stage.id, title, ...(amount ? { amount } : {}) });
      const message = actionMessage(result);
      if (message) {
        setError(message);
        return;
      }
      setError(null);
      formRef.current?.reset();
      titleRef.current?.focus();
      toast.success(`Added “${title}” to ${stage.name}`);
      onCreated();
    });
  }

  return (
    <form
      ref={formRef}
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
          ref={titleRef}
          id={`${id}-title`}
          name="title"
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
          <input id={`${id}-amount`} name="amount" inputMode="decimal" placeholder="0.00" className={cn(inputClass, "py-1.5")} />
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
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Adding…" : `Add ${info.singular}`}
        </Button>
      </div>
    </form>
  );
}
