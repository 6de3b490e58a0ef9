"use client";

import { DndContext, DragOverlay, MeasuringStrategy } from "@dnd-kit/core";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { useCallback, useMemo, useRef } from "react";
import { cn } from "@/components/ui/cn";
import { useLiveEvents } from "@/components/live/live-events";
import { RequiredFieldsDialog } from "@/components/record-form/required-fields-dialog";
import type { CustomFieldDef } from "@/components/record-form/fields";
import { dropVerdicts } from "@/lib/board/drop-rules";
import { BOARD_KINDS } from "@/lib/board/kinds";
import type { MovePlan } from "@/lib/board/optimistic";
import type { BoardCard, BoardData } from "@/lib/board/types";
import type { LiveClientMessage } from "@/lib/live/topics";
import { customFieldLabels } from "@/lib/pipelines/required-fields";
import { CardBody, GripIcon, GripSymbol } from "./board-card";
import { LiveStatusIndicator } from "./live-status";
import { BoardColumn } from "./board-column";
import { collisionDetectionFor, useBoardSensors } from "./drag-and-drop";
import { LostReasonDialog } from "./lost-reason-dialog";
import type { CreateAction } from "./quick-create";
import { useBoardAnnouncements } from "./use-board-announcements";
import { useBoardData } from "./use-board-data";
import { useBoardDrag } from "./use-board-drag";
import { BoardKeyboardContext, useBoardKeyboard } from "./use-board-keyboard";
import { useBoardMove, type MoveAction } from "./use-board-move";
import { useEdgeScroll } from "./use-edge-scroll";
import { useFieldsDrop } from "./use-fields-drop";

export type { MoveAction } from "./use-board-move";

/** A record of the board's kind was created, changed, moved or deleted (or rescored: a score filter may now differ). */
const isBoardChange = (m: LiveClientMessage) => m.type === "stage.changed" || m.type === "lead.scored" || m.type.startsWith("record.");

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
 * refused, with Undo after each (use-board-move), drag and drop by pointer or touch
 * (use-board-drag, drag-and-drop, use-edge-scroll) and by keyboard (use-board-keyboard),
 * what a screen reader hears (use-board-announcements), and the live
 * stream, which refetches when another user changes a record of the kind — not while a
 * card is in the user's hand.
 */
export function Board({ initialData, filters, canMove, canCreate, moveAction, createAction, fieldDefinitions }: BoardProps) {
  const { board, queryKey, columns, current, refetch } = useBoardData(initialData, filters);
  const { kind } = initialData;
  const pipelineId = initialData.pipeline.id;
  const stageName = useCallback((id: string) => current().pipeline.stages.find((s) => s.id === id)?.name ?? "that stage", [current]);

  const labels = useMemo(() => customFieldLabels(fieldDefinitions), [fieldDefinitions]);
  const move = useBoardMove({ kind, queryKey, current, moveAction, stageName });
  const { mutate } = move;
  const fields = useFieldsDrop({ queryKey, current, moveAction, refetch });
  const { ask } = fields;
  const onNeedsFields = useCallback(
    (plan: MovePlan, card: BoardCard, missing: string[]) => ask({ plan, request: { recordTitle: card.title, stage: { id: plan.toStageId, name: stageName(plan.toStageId) }, missing } }),
    [ask, stageName],
  );
  const drag = useBoardDrag({ kind, current, stageName, onMove: useCallback((plan: MovePlan) => mutate({ plan }), [mutate]), onNeedsFields });
  const { active, hint, lostFor, pickUp, hover, drop, cancel } = drag;
  const scrollerRef = useRef<HTMLDivElement>(null);
  const dragApi = useMemo(() => ({ pickUp, hover, drop, cancel }), [pickUp, hover, drop, cancel]);
  const keyboard = useBoardKeyboard({ kind, current, stageName, labels, drag: dragApi, boardRef: scrollerRef });
  const keyboardContext = useMemo(() => ({ liftedId: keyboard.liftedId, pickUp: keyboard.pickUp }), [keyboard.liftedId, keyboard.pickUp]);
  const edge = useEdgeScroll(scrollerRef);
  const { pointerEdge } = edge;
  const collisionDetection = useMemo(() => collisionDetectionFor((x) => pointerEdge(x) !== 0), [pointerEdge]);
  const live = useLiveEvents(`records:${kind}`, refetch, { busy: !!active || !!lostFor || !!fields.drop || move.isPending, accept: isBoardChange });
  const { announcements, screenReaderInstructions } = useBoardAnnouncements(kind, current, stageName, labels);
  const sensors = useBoardSensors();

  const ownerNames = useMemo(() => new Map(board.members.map((m) => [m.id, m.name])), [board.members]);
  const users = useMemo(() => board.members.filter((m) => m.isActive).map((m) => ({ id: m.id, name: m.name })), [board.members]);
  const verdicts = useMemo(() => (active ? dropVerdicts(kind, board.pipeline, active.card, active.fromStageId, labels) : null), [active, kind, board.pipeline, labels]);

  const stages = board.pipeline.stages;
  return (
    <>
      <GripSymbol />
      {stages.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">This pipeline has no stages yet: add them in Settings → Pipelines.</p>
      ) : (
        <DndContext
          sensors={canMove ? sensors : []}
          collisionDetection={collisionDetection}
          measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
          accessibility={{ announcements, screenReaderInstructions }}
          // the board scrolls sideways only in its edge bands (use-edge-scroll); columns' cards still auto-scroll, gently
          autoScroll={{ canScroll: (el) => el !== scrollerRef.current, threshold: { x: 0.05, y: 0.1 }, acceleration: 4 }}
          {...drag.handlers}
          onDragStart={(e) => {
            edge.onDragStart();
            drag.handlers.onDragStart(e);
          }}
          onDragEnd={(e) => {
            edge.stop();
            drag.handlers.onDragEnd(e);
          }}
          onDragCancel={() => {
            edge.stop();
            drag.handlers.onDragCancel();
          }}
        >
          <BoardKeyboardContext.Provider value={keyboardContext}>
          <div className="relative">
          <LiveStatusIndicator live={live} />
          {filters === "" && board.columns.every((c) => c.count === 0) ? (
            // over the empty columns' feet, taking no room from the board
            <p className="pointer-events-none absolute inset-x-3 bottom-12 z-10 mx-auto max-w-xl rounded-md border border-dashed border-slate-300 bg-white/95 px-3 py-2 text-center text-sm text-slate-700" data-testid="board-empty">
              No {BOARD_KINDS[kind].plural} yet.{" "}
              {canCreate ? <>Add the first with the + at the top of a stage, then drag it along as it progresses.</> : <>They show here once your team adds them.</>}
            </p>
          ) : null}
          <div ref={scrollerRef} className="relative flex h-[calc(100dvh-14rem)] min-h-[26rem] gap-3 overflow-x-auto pb-2" data-testid="board" aria-busy={move.isPending || undefined}>
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
          {edge.dragging ? <EdgeStrip side={-1} active={edge.edge === -1} hidden={!edge.room.left} /> : null}
          {edge.dragging ? <EdgeStrip side={1} active={edge.edge === 1} hidden={!edge.room.right} /> : null}
          </div>
          </BoardKeyboardContext.Provider>
          <DragOverlay dropAnimation={null}>
            {active && !keyboard.liftedId ? (
              <CardBody
                card={active.card}
                kind={kind}
                ownerName={active.card.ownerId ? (ownerNames.get(active.card.ownerId) ?? null) : null}
                handle={<GripIcon className="size-4 shrink-0 text-slate-500" />}
                className="w-56 rotate-2 cursor-grabbing shadow-lg"
              />
            ) : null}
          </DragOverlay>
        </DndContext>
      )}
      <p role="status" aria-live="assertive" aria-atomic="true" className="sr-only" data-testid="board-announcer">
        {keyboard.message}
      </p>
      <RequiredFieldsDialog kind={kind} request={fields.drop?.request ?? null} definitions={fieldDefinitions} users={users} onMove={fields.move} onClose={fields.close} />
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
    </>
  );
}

/** The thin band at the board's edge that scrolls it while a card is held there. */
function EdgeStrip({ side, active, hidden }: { side: -1 | 1; active: boolean; hidden: boolean }) {
  if (hidden && !active) return null;
  const Icon = side < 0 ? ChevronLeft : ChevronRight;
  return (
    <div
      aria-hidden
      data-testid={side < 0 ? "board-scroll-left" : "board-scroll-right"}
      className={cn(
        "pointer-events-none absolute inset-y-0 flex w-10 items-center justify-center from-slate-300/90 to-transparent",
        side < 0 ? "left-0 rounded-l-lg bg-gradient-to-r" : "right-0 rounded-r-lg bg-gradient-to-l",
        active && "from-brand-200",
      )}
    >
      <Icon className="size-5 text-slate-700" />
    </div>
  );
}
