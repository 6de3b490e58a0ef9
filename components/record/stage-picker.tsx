"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { ShieldAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { TextareaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { actionFailure } from "@/lib/action-result";
import { moveStageAction } from "@/lib/pipelines/actions";

type Kind = "DEAL" | "LEAD" | "TICKET";

export interface PickerStage {
  id: string;
  name: string;
  stageState: "NOT_STARTED" | "IN_PROGRESS" | "DONE_SUCCESS" | "DONE_FAILED";
  color: string;
}

interface Move {
  toStageId: string;
  lostReason?: string;
  override?: boolean;
  reason?: string;
}

const reasonSchema = z.object({ reason: z.string().trim().min(1, "A reason is required").max(500), stageId: z.string() });
type ReasonForm = z.input<typeof reasonSchema>;

/** A reason asked before a move: the lost reason of a deal, or the reason for forcing a move. */
function ReasonDialog({
  open,
  title,
  label,
  confirm,
  stages,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  label: string;
  confirm: string;
  /** For a forced move: the stages to choose from. */
  stages?: PickerStage[];
  onSubmit: (reason: string, stageId?: string) => void;
  onClose: () => void;
}) {
  const defaults: ReasonForm = { reason: "", stageId: stages?.[0]?.id ?? "" };
  const form = useForm<ReasonForm>({ resolver: zodResolver(reasonSchema), defaultValues: defaults });
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        if (!o) {
          form.reset(defaults);
          onClose();
        }
      }}
      title={title}
      formClassName="space-y-3"
      onSubmit={form.handleSubmit((v) => {
        onSubmit(v.reason.trim(), stages ? v.stageId : undefined);
        form.reset(defaults);
      })}
      submitLabel={confirm}
      danger={!!stages}
    >
      {stages ? <SelectField label="Move to" options={stages.map((s) => ({ value: s.id, label: s.name }))} {...form.register("stageId")} /> : null}
      <TextareaField label={label} maxLength={500} {...form.register("reason")} error={form.formState.errors.reason?.message} />
    </FormDialog>
  );
}

/**
 * The record's stage as a row of steps. Clicking a stage asks moveRecord on the server,
 * which decides: a refused move shows its reason (naming the allowed stages). A deal
 * going to a lost stage first asks why; an admin can force a refused move with a reason.
 */
export function StagePicker({
  kind,
  id,
  pipelineName,
  stages,
  currentStageId,
  allowedStageIds,
  canMove,
  canOverride,
}: {
  kind: Kind;
  id: string;
  pipelineName: string;
  stages: PickerStage[];
  currentStageId: string;
  allowedStageIds: string[];
  canMove: boolean;
  canOverride: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, start] = useTransition();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ mode: "lost"; stage: PickerStage } | { mode: "force" } | null>(null);
  const nameOf = (stageId: string) => stages.find((s) => s.id === stageId)?.name ?? "another stage";

  const move = (m: Move) =>
    start(async () => {
      setAsking(null);
      const failure = actionFailure(await moveStageAction({ kind, id, move: m }));
      if (failure) {
        const target = stages.find((s) => s.id === m.toStageId);
        if (failure.code === "required-fields-missing" && kind === "DEAL" && target?.stageState === "DONE_FAILED" && failure.error?.missingFields?.includes("lostReason") && !m.lostReason) {
          setAsking({ mode: "lost", stage: target });
          return;
        }
        setRefusal(failure.message);
        return;
      }
      setRefusal(null);
      toast.success(`Moved to ${nameOf(m.toStageId)}`);
      await queryClient.invalidateQueries({ queryKey: ["timeline", kind, id] });
      router.refresh();
    });

  const choose = (s: PickerStage) => {
    if (kind === "DEAL" && s.stageState === "DONE_FAILED") setAsking({ mode: "lost", stage: s });
    else move({ toStageId: s.id });
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">
          Pipeline <span className="font-medium text-slate-800">{pipelineName}</span> · stage <span className="font-medium text-slate-800">{nameOf(currentStageId)}</span>
        </p>
        {canOverride ? (
          <Button variant="ghost" size="sm" disabled={pending} onClick={() => setAsking({ mode: "force" })}>
            <ShieldAlert className="size-4" aria-hidden /> Force move…
          </Button>
        ) : null}
      </div>
      <ol aria-label={`Stages of ${pipelineName}`} className="flex flex-wrap gap-1">
        {stages.map((s) => {
          const current = s.id === currentStageId;
          const allowed = allowedStageIds.includes(s.id);
          const swatch = <span aria-hidden className="size-2 shrink-0 rounded-full" style={{ backgroundColor: s.color }} />;
          return (
            <li key={s.id}>
              {current ? (
                <span aria-current="step" className="flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
                  {swatch}
                  {s.name}
                  <span className="sr-only">(current stage)</span>
                </span>
              ) : (
                <button
                  type="button"
                  disabled={!canMove || pending}
                  onClick={() => choose(s)}
                  aria-label={`Move to ${s.name}${allowed ? "" : " (not allowed from here)"}`}
                  title={allowed ? `Move to ${s.name}` : "The pipeline's rules do not allow this move from the current stage"}
                  className={cn(
                    "flex items-center gap-1.5 rounded-md border px-3 py-1.5 text-sm",
                    allowed ? "border-slate-300 bg-white text-slate-800 hover:bg-slate-50" : "border-dashed border-slate-300 bg-slate-50 text-slate-600",
                  )}
                >
                  {swatch}
                  {s.name}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <div aria-live="polite">
        <FormAlert message={refusal ?? undefined} />
      </div>
      <ReasonDialog
        open={asking?.mode === "lost"}
        title="Why was this deal lost?"
        label="Lost reason"
        confirm={asking?.mode === "lost" ? `Move to ${asking.stage.name}` : "Move"}
        onSubmit={(reason) => asking?.mode === "lost" && move({ toStageId: asking.stage.id, lostReason: reason })}
        onClose={() => setAsking(null)}
      />
      {canOverride ? (
        <ReasonDialog
          open={asking?.mode === "force"}
          title="Force a move"
          label="Reason for the override"
          confirm="Force move"
          stages={stages.filter((s) => s.id !== currentStageId)}
          onSubmit={(reason, stageId) => stageId && move({ toStageId: stageId, override: true, reason })}
          onClose={() => setAsking(null)}
        />
      ) : null}
    </div>
  );
}
