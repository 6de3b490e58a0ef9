"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { ShieldAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { TextareaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import type { UserOption } from "@/components/record-form/field-input";
import type { CustomFieldDef } from "@/components/record-form/fields";
import { RequiredFieldsDialog } from "@/components/record-form/required-fields-dialog";
import { useStageMove, type StageKind, type StageMove } from "./use-stage-move";

export interface PickerStage {
  id: string;
  name: string;
  stageState: "NOT_STARTED" | "IN_PROGRESS" | "DONE_SUCCESS" | "DONE_FAILED";
  color: string;
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
 * which decides: a refused move shows its reason (naming the allowed stages); a stage that
 * requires fields the record lacks (a lost deal's reason among them) opens a dialog asking
 * for exactly those, then moves in one step; an admin can force a refused move with a reason.
 */
export function StagePicker({
  kind,
  id,
  title,
  pipelineName,
  stages,
  currentStageId,
  allowedStageIds,
  canMove,
  canOverride,
  definitions,
  users,
}: {
  kind: StageKind;
  id: string;
  /** The record's title, for the dialog. */
  title: string;
  pipelineName: string;
  stages: PickerStage[];
  currentStageId: string;
  allowedStageIds: string[];
  canMove: boolean;
  canOverride: boolean;
  /** The kind's custom field definitions (a stage may require some). */
  definitions: CustomFieldDef[];
  users: UserOption[];
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [forcing, setForcing] = useState(false);
  const nameOf = (stageId: string) => stages.find((s) => s.id === stageId)?.name ?? "another stage";
  const stageMove = useStageMove({
    kind,
    id,
    title,
    stageName: nameOf,
    onRefused: setRefusal,
    onMoved: async (toStageId) => {
      setRefusal(null);
      toast.success(`Moved to ${nameOf(toStageId)}`);
      await queryClient.invalidateQueries({ queryKey: ["timeline", kind, id] });
      router.refresh();
    },
  });
  const { pending } = stageMove;
  const move = (m: StageMove) => {
    setForcing(false);
    stageMove.move(m);
  };
  const choose = (s: PickerStage) => move({ toStageId: s.id });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">
          Pipeline <span className="font-medium text-slate-800">{pipelineName}</span> · stage <span className="font-medium text-slate-800">{nameOf(currentStageId)}</span>
        </p>
        {canOverride ? (
          <Button variant="ghost" size="sm" disabled={pending} onClick={() => setForcing(true)}>
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
      <RequiredFieldsDialog kind={kind} request={stageMove.request} definitions={definitions} users={users} onMove={stageMove.moveWith} onClose={stageMove.close} />
      {canOverride ? (
        <ReasonDialog
          open={forcing}
          title="Force a move"
          label="Reason for the override"
          confirm="Force move"
          stages={stages.filter((s) => s.id !== currentStageId)}
          onSubmit={(reason, stageId) => stageId && move({ toStageId: stageId, override: true, reason })}
          onClose={() => setForcing(false)}
        />
      ) : null}
    </div>
  );
}
