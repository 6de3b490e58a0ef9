"use client";

import { DndContext, DragOverlay, MeasuringStrategy } from "@dnd-kit/core";
import { useCallback, useMemo } from "react";
import { useLiveEvents } from "@/components/live/live-events";
import { RequiredFieldsDialog } from "@/components/record-form/required-fields-dialog";
import type { CustomFieldDef } from "@/components/record-form/fields";
import { dropVerdicts } from "@/lib/board/drop-rules";
import type { MovePlan } from "@/lib/board/optimistic";
import type { BoardCard, BoardData } from "@/lib/board/types";
import type { LiveClientMessage } from "@/lib/live/topics";
import { customFieldLabels } from "@/lib/pipelines/required-fields";
import { CardBody, GripIcon, GripSymbol } from "./board-card";
import { BoardColumn } from "./board-column";
import { collisionDetection, useBoardSensors } from "./drag-and-drop";
import { LostReasonDialog } from "./lost-reason-dialog";
import type { CreateAction } from "./quick-create";
import { useBoardAnnouncements } from "./use-board-announcements";
import { useBoardData } from "./use-board-data";
import { useBoardDrag } from "./use-board-drag";
import { useBoardMove, type MoveAction } from "./use-board-move";
import { useFieldsDrop } from "./use-fields-drop";

export type { MoveAction } from "./use-board-move";

/** A record of the board's kind was created, changed, moved or deleted. */
const isBoardChange = (m: LiveClientMessage) => m.type === "stage.changed" || m.type.startsWith("record.");

export interface BoardProps {
  initialData: BoardData;
  /** The filters' canonical query string (filtersToParams). */
  filters: string;
  canMove: boolean;
  canCreate: boolean;
  moveAction: MoveAction;
  createAction: CreateAction;
  /** The kind's custom field definitions: a stage may require some (asked for on the drop). */
  fieldDefinitions: CustomFieldDef[];
}

/**
 * A pipeline's board: its data (use-board-data), moves shown at once and undone when
 * refused (use-board-move), drag and drop by pointer, touch or keyboard (use-board-drag,
 * drag-and-drop), what a screen reader hears (use-board-announcements), and the live
 * stream, which refetches when another user changes a record of the kind — not while a
 * card is in the user's hand.
 */
export function Board({ initialData, filters, canMove, canCreate, moveAction, createAction, fieldDefinitions }: BoardProps) {
  const { board, queryKey, columns, current, refetch } = useBoardData(initialData, filters);
  const { kind } = initialData;
  const pipelineId = initialData.pipeline.id;
  const stageName = useCallback((id: string) => current().pipeline.stages.find((s) => s.id === id)?.name ?? "that stage", [current]);

  const move = useBoardMove({ kind, queryKey, current, moveAction, stageName });
  const { mutate } = move;
  const fields = useFieldsDrop({ queryKey, current, moveAction, refetch });
  const { ask } = fields;
  const onNeedsFields = useCallback(
    (plan: MovePlan, card: BoardCard, missing: string[]) => ask({ plan, request: { recordTitle: card.title, stage: { id: plan.toStageId, name: stageName(plan.toStageId) }, missing } }),
    [ask, stageName],
  );
  const drag = useBoardDrag({ kind, current, stageName, onMove: useCallback((plan: MovePlan) => mutate({ plan }), [mutate]), onNeedsFields });
  const { active, hint, lostFor } = drag;
  const live = useLiveEvents(`records:${kind}`, refetch, { busy: !!active || !!lostFor || !!fields.drop || move.isPending, accept: isBoardChange });
  const { announcements, screenReaderInstructions } = useBoardAnnouncements(kind, current, stageName);
  const sensors = useBoardSensors();

  const ownerNames = useMemo(() => new Map(board.members.map((m) => [m.id, m.name])), [board.members]);
  const labels = useMemo(() => customFieldLabels(fieldDefinitions), [fieldDefinitions]);
  const users = useMemo(() => board.members.filter((m) => m.isActive).map((m) => ({ id: m.id, name: m.name })), [board.members]);
  const verdicts = useMemo(() => (active ? dropVerdicts(kind, board.pipeline, active.card, active.fromStageId, labels) : null), [active, kind, board.pipeline, labels]);

  const stages = board.pipeline.stages;
  return (
    <>
      <GripSymbol />
      <p className="sr-only" aria-live="polite" data-live={live === "live" ? "on" : "off"} data-testid="live-status">
        {live === "live" ? "Live updates on" : live === "offline" ? "Live updates off" : ""}
      </p>
      {stages.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">This pipeline has no stages yet: add them in Settings → Pipelines.</p>
      ) : (
        <DndContext
          sensors={canMove ? sensors : []}
          collisionDetection={collisionDetection}
          measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
          accessibility={{ announcements, screenReaderInstructions }}
          {...drag.handlers}
        >
          <div className="relative flex h-[calc(100dvh-14rem)] min-h-[26rem] gap-3 overflow-x-auto pb-2" data-testid="board" aria-busy={move.isPending || undefined}>
            {stages.map((stage) => {
              const column = board.columns.find((c) => c.stageId === stage.id) ?? { stageId: stage.id, count: 0, totals: [], cards: [], nextCursor: null };
              return (
                <BoardColumn
                  key={stage.id}
                  kind={kind}
                  pipelineId={pipelineId}
                  stage={stage}
                  column={column}
                  source={columns}
                  ownerNames={ownerNames}
                  verdict={verdicts?.[stage.id] ?? null}
                  activeId={active?.card.id ?? null}
                  activeFromStageId={active?.fromStageId ?? null}
                  hint={hint}
                  canMove={canMove}
                  canCreate={canCreate}
                  createAction={createAction}
                  onCreated={refetch}
                />
              );
            })}
          </div>
          <DragOverlay dropAnimation={null}>
            {active ? (
              <CardBody
                card={active.card}
                kind={kind}
                ownerName={active.card.ownerId ? (ownerNames.get(active.card.ownerId) ?? null) : null}
                handle={<GripIcon className="size-4 shrink-0 text-slate-500" />}
                className="w-[17rem] rotate-2 cursor-grabbing shadow-lg"
              />
            ) : null}
          </DragOverlay>
        </DndContext>
      )}
      <LostReasonDialog
        open={!!lostFor}
        title={lostFor?.card.title ?? ""}
        stageName={lostFor?.stageName ?? ""}
        onCancel={drag.closeLostReason}
        onConfirm={(reason) => {
          if (lostFor) mutate({ plan: lostFor.plan, lostReason: reason });
          drag.closeLostReason();
        }}
      />
      <RequiredFieldsDialog kind={kind} request={fields.drop?.request ?? null} definitions={fieldDefinitions} users={users} onMove={fields.move} onClose={fields.close} />
    </>
  );
}
