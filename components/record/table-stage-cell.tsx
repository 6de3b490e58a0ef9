"use client";
// The table view's stage cell: the record's stage, and (for those who may move records) a
// select that moves it through moveRecord like the board and the record page — a stage
// that requires fields the record lacks asks for them first (RequiredFieldsDialog).
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import type { UserOption } from "@/components/record-form/field-input";
import type { CustomFieldDef } from "@/components/record-form/fields";
import { RequiredFieldsDialog } from "@/components/record-form/required-fields-dialog";
import { useStageMove, type StageKind } from "@/components/record/use-stage-move";

export function TableStageCell({
  kind,
  id,
  title,
  stages,
  currentStageId,
  canMove,
  definitions,
  users,
  onMoved,
}: {
  kind: StageKind;
  id: string;
  title: string;
  stages: { id: string; name: string; color: string }[];
  currentStageId: string;
  canMove: boolean;
  definitions: CustomFieldDef[];
  users: UserOption[];
  /** After a move: the table reloads its rows. */
  onMoved?: () => void;
}) {
  const router = useRouter();
  const current = stages.find((s) => s.id === currentStageId);
  const nameOf = (stageId: string) => stages.find((s) => s.id === stageId)?.name ?? "another stage";
  const stageMove = useStageMove({
    kind,
    id,
    title,
    stageName: nameOf,
    onRefused: (message) => toast.error(`Could not move “${title}”`, { description: message }),
    onMoved: (toStageId) => {
      toast.success(`Moved to ${nameOf(toStageId)}`);
      onMoved?.();
      router.refresh();
    },
  });
  const swatch = <span aria-hidden className="size-2 shrink-0 rounded-full" style={{ background: current?.color ?? "#94a3b8" }} />;
  if (!canMove) {
    return (
      <span className="inline-flex items-center gap-1.5">
        {swatch}
        {current?.name ?? "—"}
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1.5">
      {swatch}
      <select
        aria-label={`Stage of ${title}`}
        value={currentStageId}
        disabled={stageMove.pending}
        onChange={(e) => stageMove.move({ toStageId: e.target.value })}
        className={cn(inputClass, "w-auto py-1 pr-8")}
      >
        {stages.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <RequiredFieldsDialog kind={kind} request={stageMove.request} definitions={definitions} users={users} onMove={stageMove.moveWith} onClose={stageMove.close} />
    </span>
  );
}
