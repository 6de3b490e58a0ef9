"use client";

import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  useSensor,
  useSensors,
  type Active,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
  type Over,
  type PointerActivationConstraint,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import type { BoardMoveInput } from "@/lib/board/schemas";
import { dropVerdict, dropVerdicts } from "@/lib/board/drop-rules";
import { BOARD_KINDS, capitalize } from "@/lib/board/kinds";
import { appendColumnPage, applyMove, findCard, loadedLimits, planDrop, type DropTarget, type MovePlan } from "@/lib/board/optimistic";
import { boardKeys, moveMutationKey } from "@/lib/board/query-keys";
import type { BoardCard, BoardData, ColumnPage } from "@/lib/board/types";
import { actionMessage, type ActionResult } from "@/lib/action-result";
import { CardBody, GripIcon, GripSymbol, type CardDragData } from "./board-card";
import { BoardColumn, type ColumnDropData } from "./board-column";
import { LostReasonDialog } from "./lost-reason-dialog";
import type { CreateAction } from "./quick-create";
import { useLiveBoard } from "./use-live-board";

export type MoveAction = (input: BoardMoveInput) => Promise<ActionResult<{ id: string; stageId: string; moved: boolean }>>;

const PAGE_SIZE = 25;

/** Mouse and pen only: touch goes through the TouchSensor's press-and-hold, so a swipe still scrolls. */
class MousePointerSensor extends PointerSensor {
  static activators = [
    {
      eventName: "onPointerDown" as const,
      handler: (event: React.PointerEvent, options: { activationConstraint?: PointerActivationConstraint; onActivation?: (e: { event: Event }) => void }) =>
        event.nativeEvent.pointerType !== "touch" && PointerSensor.activators[0]!.handler(event, options as never),
    },
  ];
}

type DropData = CardDragData | ColumnDropData;

/** Cards win over the column they sit in; over a column's empty part, its nearest card decides. */
const collisionDetection: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  const hits = within.length ? within : rectIntersection(args);
  const dataOf = (id: unknown) => args.droppableContainers.find((c) => c.id === id)?.data.current as DropData | undefined;
  const card = hits.find((h) => dataOf(h.id)?.type === "card");
  if (card) return [card];
  const column = hits.find((h) => dataOf(h.id)?.type === "column");
  if (!column) return hits;
  const stageId = dataOf(column.id)!.stageId;
  const cards = args.droppableContainers.filter((c) => (c.data.current as DropData | undefined)?.type === "card" && (c.data.current as CardDragData).stageId === stageId);
  const nearest = cards.length && args.pointerCoordinates ? closestCenter({ ...args, droppableContainers: cards }) : [];
  return nearest.length ? [nearest[0]!] : [column];
};

function targetOf(over: Over | null, active: Active): DropTarget | null {
  const data = over?.data.current as DropData | undefined;
  if (!over || !data) return null;
  if (data.type === "column") return { stageId: data.stageId, overCardId: null, after: false };
  const rect = active.rect.current.translated;
  const after = !!rect && rect.top + rect.height / 2 > over.rect.top + over.rect.height / 2;
  return { stageId: data.stageId, overCardId: String(over.id), after };
}

const sameTarget = (a: DropTarget | null, b: DropTarget | null) => a?.stageId === b?.stageId && a?.overCardId === b?.overCardId && a?.after === b?.after;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(body?.detail ?? `The board could not be loaded (${res.status})`);
  }
  return (await res.json()) as T;
}

export interface BoardProps {
  initialData: BoardData;
  /** The filters' canonical query string (filtersToParams). */
  filters: string;
  canMove: boolean;
  canCreate: boolean;
  moveAction: MoveAction;
  createAction: CreateAction;
}

export function Board({ initialData, filters, canMove, canCreate, moveAction, createAction }: BoardProps) {
  const kind = initialData.kind;
  const info = BOARD_KINDS[kind];
  const pipelineId = initialData.pipeline.id;
  const queryKey = useMemo(() => boardKeys.board(kind, pipelineId, filters), [kind, pipelineId, filters]);
  const qc = useQueryClient();
  const dataUrl = useCallback(
    (extra: Record<string, string>) => {
      const p = new URLSearchParams(filters);
      p.set("pipeline", pipelineId);
      for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
      return `${info.path}/board-data?${p.toString()}`;
    },
    [filters, info.path, pipelineId],
  );

  const { data: board = initialData } = useQuery({
    queryKey,
    queryFn: () => getJson<BoardData>(dataUrl({ limits: loadedLimits(qc.getQueryData<BoardData>(queryKey), PAGE_SIZE) })),
    initialData,
    initialDataUpdatedAt: Date.parse(initialData.generatedAt),
  });
  // event handlers and announcements read the board as rendered last
  const boardRef = useRef(board);
  useEffect(() => {
    boardRef.current = board;
  }, [board]);

  const [active, setActive] = useState<{ card: BoardCard; fromStageId: string } | null>(null);
  const [hint, setHint] = useState<DropTarget | null>(null);
  const [lostFor, setLostFor] = useState<{ plan: MovePlan; card: BoardCard; stageName: string } | null>(null);
  const [loadingMore, setLoadingMore] = useState<ReadonlySet<string>>(new Set());

  const stageName = useCallback((id: string) => boardRef.current.pipeline.stages.find((s) => s.id === id)?.name ?? "that stage", []);
  const ownerNames = useMemo(() => new Map(board.members.map((m) => [m.id, m.name])), [board.members]);
  const verdicts = useMemo(() => (active ? dropVerdicts(kind, board.pipeline, active.card, active.fromStageId) : null), [active, kind, board.pipeline]);

  const move = useMutation({
    mutationKey: moveMutationKey(kind),
    mutationFn: async ({ plan, lostReason }: { plan: MovePlan; lostReason?: string }) => {
      const result = await moveAction({
        id: plan.cardId,
        move: { toStageId: plan.toStageId, afterId: plan.afterId, beforeId: plan.beforeId, ...(lostReason ? { lostReason } : {}) },
      });
      const message = actionMessage(result);
      if (message) throw new Error(message);
      return result!.data!;
    },
    onMutate: async ({ plan }) => {
      await qc.cancelQueries({ queryKey });
      const previous = qc.getQueryData<BoardData>(queryKey);
      qc.setQueryData<BoardData>(queryKey, (d) => (d ? applyMove(d, plan) : d));
      return { previous };
    },
    onError: (err, { plan }, context) => {
      if (context?.previous) qc.setQueryData(queryKey, context.previous);
      toast.error(`Could not move to ${stageName(plan.toStageId)}`, { description: err.message });
    },
    onSettled: () => {
      // with several moves in flight, only the last one refetches (earlier answers would undo later optimism)
      if (qc.isMutating({ mutationKey: moveMutationKey(kind) }) === 1) void qc.invalidateQueries({ queryKey });
    },
  });

  const refetch = useCallback(() => void qc.invalidateQueries({ queryKey }), [qc, queryKey]);
  const live = useLiveBoard(kind, refetch, !!active || !!lostFor || move.isPending);

  const inFlight = useRef(new Set<string>());
  const loadMore = useCallback(
    async (stageId: string, loaded: number) => {
      const column = (qc.getQueryData<BoardData>(queryKey) ?? boardRef.current).columns.find((c) => c.stageId === stageId);
      // `loaded` differs when the trigger came from a render older than the cache (a page just landed)
      if (!column?.nextCursor || column.cards.length !== loaded || inFlight.current.has(stageId)) return;
      inFlight.current.add(stageId);
      setLoadingMore((s) => new Set(s).add(stageId));
      try {
        const page = await getJson<ColumnPage>(dataUrl({ stage: stageId, cursor: column.nextCursor }));
        qc.setQueryData<BoardData>(queryKey, (d) => (d ? appendColumnPage(d, page) : d));
      } catch (err) {
        toast.error(`Could not load more ${info.plural}`, { description: err instanceof Error ? err.message : undefined });
      } finally {
        inFlight.current.delete(stageId);
        setLoadingMore((s) => {
          const next = new Set(s);
          next.delete(stageId);
          return next;
        });
      }
    },
    [dataUrl, info.plural, qc, queryKey],
  );

  const sensors = useSensors(
    useSensor(MousePointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  /** The verdict for dropping the active card on `target`, from the current board. */
  const judge = useCallback(
    (cardId: string, target: DropTarget | null) => {
      const b = boardRef.current;
      const found = findCard(b, cardId);
      if (!found || !target) return null;
      return { found, verdict: dropVerdict(kind, b.pipeline, found.card, found.column.stageId, target.stageId) };
    },
    [kind],
  );

  const announcements = useMemo<Announcements>(() => {
    const label = (id: unknown) => {
      const found = findCard(boardRef.current, String(id));
      return found ? `${info.singular} ${found.card.title}` : info.singular;
    };
    return {
      onDragStart: ({ active: a }) => {
        const found = findCard(boardRef.current, String(a.id));
        return `Picked up ${label(a.id)} from ${found ? stageName(found.column.stageId) : "its stage"}.`;
      },
      onDragOver: ({ active: a, over }) => {
        if (over?.id === a.id) return undefined; // still over its own place: "picked up" says enough
        const target = targetOf(over, a);
        const j = judge(String(a.id), target);
        if (!target || !j) return `${capitalize(label(a.id))} is not over a stage.`;
        if (!j.verdict.ok) return `Cannot move into ${stageName(target.stageId)}: ${j.verdict.short.charAt(0).toLowerCase()}${j.verdict.short.slice(1)}.`;
        return `${capitalize(label(a.id))} is over ${stageName(target.stageId)}.`;
      },
      onDragEnd: ({ active: a, over }) => {
        const target = targetOf(over, a);
        const j = judge(String(a.id), target);
        if (!target || !j) return `${capitalize(label(a.id))} was dropped outside the board and stays where it was.`;
        if (!j.verdict.ok) return `Cannot move into ${stageName(target.stageId)}: ${j.verdict.short.charAt(0).toLowerCase()}${j.verdict.short.slice(1)}. ${j.verdict.reason}.`;
        if (j.verdict.needsLostReason) return `Give a lost reason to move ${label(a.id)} to ${stageName(target.stageId)}.`;
        if (target.stageId === j.found.column.stageId) return `${capitalize(label(a.id))} reordered in ${stageName(target.stageId)}.`;
        return `${capitalize(label(a.id))} moved to ${stageName(target.stageId)}.`;
      },
      onDragCancel: ({ active: a }) => `Move cancelled. ${capitalize(label(a.id))} stays where it was.`,
    };
  }, [info.singular, judge, stageName]);

  const screenReaderInstructions = useMemo(
    () => ({
      draggable: `To pick up a ${info.singular}, press Space or Enter. Use the arrow keys to move it to another stage or within its stage. Press Space or Enter again to drop it, or Escape to cancel. Stages the ${info.singular} may not enter are announced.`,
    }),
    [info.singular],
  );

  function onDragStart(e: DragStartEvent) {
    const found = findCard(boardRef.current, String(e.active.id));
    if (found) setActive({ card: found.card, fromStageId: found.column.stageId });
  }

  function onDragMove(e: DragMoveEvent) {
    const target = targetOf(e.over, e.active);
    setHint((h) => (sameTarget(h, target) ? h : target));
  }

  function onDragEnd(e: DragEndEvent) {
    const target = targetOf(e.over, e.active);
    setActive(null);
    setHint(null);
    const j = judge(String(e.active.id), target);
    if (!target || !j) return;
    if (!j.verdict.ok) {
      toast.error(`Cannot move into ${stageName(target.stageId)}`, { description: j.verdict.reason });
      return;
    }
    const plan = planDrop(boardRef.current, String(e.active.id), target);
    if (!plan) return;
    if (j.verdict.needsLostReason) setLostFor({ plan, card: j.found.card, stageName: stageName(plan.toStageId) });
    else move.mutate({ plan });
  }

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
          onDragStart={onDragStart}
          onDragMove={onDragMove}
          onDragOver={onDragMove}
          onDragEnd={onDragEnd}
          onDragCancel={() => {
            setActive(null);
            setHint(null);
          }}
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
                  ownerNames={ownerNames}
                  verdict={verdicts?.[stage.id] ?? null}
                  activeId={active?.card.id ?? null}
                  activeFromStageId={active?.fromStageId ?? null}
                  hint={hint}
                  canMove={canMove}
                  canCreate={canCreate}
                  createAction={createAction}
                  onCreated={refetch}
                  onLoadMore={loadMore}
                  loadingMore={loadingMore.has(stage.id)}
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
        onCancel={() => setLostFor(null)}
        onConfirm={(reason) => {
          if (lostFor) move.mutate({ plan: lostFor.plan, lostReason: reason });
          setLostFor(null);
        }}
      />
    </>
  );
}
