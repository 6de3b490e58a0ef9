"use client";

import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import { Ban, ListChecks, Plus } from "lucide-react";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Money } from "@/components/ui/money";
import { formatPercent } from "@/lib/format/money";
import type { DropVerdict } from "@/lib/board/drop-rules";
import { BOARD_KINDS } from "@/lib/board/kinds";
import type { DropTarget } from "@/lib/board/optimistic";
import type { BoardColumn as Column, BoardKind, BoardStage } from "@/lib/board/types";
import { SortableCard } from "./board-card";
import { QuickCreateForm, type CreateAction } from "./quick-create";
import { useColumnCards, type ColumnSource } from "./use-board-data";

export interface ColumnDropData {
  type: "column";
  stageId: string;
}

export const columnDroppableId = (stageId: string) => `column:${stageId}`;

/** Estimated card height before measuring; rows are measured once rendered. */
const ESTIMATED_CARD_PX = 108;

export interface BoardColumnProps {
  kind: BoardKind;
  pipelineId: string;
  stage: BoardStage;
  /** The column as the board's data has it (its first cards); the cards it loads with "load more" come from `source`. */
  column: Column;
  source: ColumnSource;
  ownerNames: Map<string, string>;
  /** While a card is dragged: may it enter this column, and why not. */
  verdict: DropVerdict | null;
  /** The dragged card's id (kept rendered by the virtualizer) and source stage. */
  activeId: string | null;
  activeFromStageId: string | null;
  hint: DropTarget | null;
  canMove: boolean;
  canCreate: boolean;
  createAction: CreateAction;
  onCreated: () => void;
}

export function BoardColumn(props: BoardColumnProps) {
  const { kind, stage, verdict, canCreate } = props;
  const { column, loadMore, loadingMore } = useColumnCards(props.source, props.column);
  const info = BOARD_KINDS[kind];
  const headingId = useId();
  const reasonId = useId();
  const [creating, setCreating] = useState(false);
  const { setNodeRef, isOver } = useDroppable({ id: columnDroppableId(stage.id), data: { type: "column", stageId: stage.id } satisfies ColumnDropData });
  const refused = verdict && !verdict.ok ? verdict : null;
  const note = verdict?.ok && props.activeFromStageId !== stage.id ? verdict.note : undefined;
  const targeted = !!props.hint && props.hint.stageId === stage.id && props.activeFromStageId !== stage.id;

  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      aria-describedby={refused || note ? reasonId : undefined}
      data-stage-id={stage.id}
      data-droppable={verdict ? (refused ? "no" : "yes") : undefined}
      className={cn(
        "relative flex h-full w-56 shrink-0 flex-col rounded-lg border-t-4 bg-slate-100 transition-[opacity,box-shadow] group-data-[density=compact]/board:w-48",
        refused && "opacity-45 saturate-50",
        !refused && (targeted || (isOver && props.activeFromStageId !== stage.id)) && "ring-2 ring-brand-500",
      )}
      style={{ borderTopColor: stage.color }}
    >
      <header className="px-3 pb-2 pt-2.5 group-data-[density=compact]/board:px-2 group-data-[density=compact]/board:pb-1 group-data-[density=compact]/board:pt-1.5">
        <div className="flex items-center gap-2">
          <h2 id={headingId} className="min-w-0 truncate text-sm font-semibold text-slate-800" title={stage.name}>
            {stage.name}
          </h2>
          <span className="rounded-full bg-white px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200">
            <span data-testid="stage-count">{column.count}</span>
            <span className="sr-only"> {column.count === 1 ? info.singular : info.plural}</span>
          </span>
          {canCreate ? (
            <button
              type="button"
              onClick={() => setCreating(true)}
              aria-label={`Add ${info.singular} to ${stage.name}`}
              aria-expanded={creating}
              className="ml-auto rounded p-1 text-slate-500 hover:bg-white hover:text-slate-800"
            >
              <Plus className="size-4" aria-hidden />
            </button>
          ) : null}
        </div>
        {kind === "DEAL" ? <MoneySummary column={column} probability={stage.probability} /> : null}
      </header>
      {refused ? (
        <p id={reasonId} className="mx-2 mb-2 flex items-start gap-1.5 rounded bg-white/80 px-2 py-1.5 text-xs font-medium text-slate-700">
          <Ban className="mt-px size-3.5 shrink-0 text-red-600" aria-hidden />
          <span>Cannot move here: {refused.short}</span>
        </p>
      ) : note ? (
        <p id={reasonId} className="mx-2 mb-2 flex items-start gap-1.5 rounded bg-white/80 px-2 py-1.5 text-xs font-medium text-slate-700">
          <ListChecks className="mt-px size-3.5 shrink-0 text-brand-700" aria-hidden />
          <span>{note}</span>
        </p>
      ) : null}
      {creating ? (
        <QuickCreateForm
          kind={kind}
          stage={stage}
          pipelineId={props.pipelineId}
          createAction={props.createAction}
          onCreated={props.onCreated}
          onClose={() => setCreating(false)}
        />
      ) : null}
      <ColumnCards {...props} column={column} onLoadMore={loadMore} loadingMore={loadingMore} targeted={targeted} />
    </section>
  );
}

/** Exact totals fit a column up to "$12,345,678.90"; longer ones go compact (four digits), exact on hover. */
const TOTAL_CHARS = 14;

function MoneySummary({ column, probability }: { column: Column; probability: string }) {
  if (column.count === 0 || column.totals.length === 0) return <p className="mt-1 text-xs text-slate-600">—</p>;
  return (
    <div className="mt-1 space-y-0.5 text-xs text-slate-600">
      {column.totals.map((t) => (
        <dl key={t.currency} className="flex flex-wrap gap-x-3">
          <div className="flex gap-1">
            <dt>Total</dt>
            <dd className="font-semibold text-slate-800">
              <Money amount={t.amount} currency={t.currency} maxChars={TOTAL_CHARS} data-testid="stage-total" />
            </dd>
          </div>
          <div className="flex gap-1" title={`Amounts × ${formatPercent(probability)} probability`}>
            <dt>Weighted</dt>
            <dd className="font-semibold text-slate-800">
              <Money amount={t.weighted} currency={t.currency} maxChars={TOTAL_CHARS} data-testid="stage-weighted" />
            </dd>
          </div>
        </dl>
      ))}
    </div>
  );
}

/** The column's cards, virtualized: only the visible ones (and the dragged one) are in the DOM. */
function ColumnCards({
  kind,
  stage,
  column,
  ownerNames,
  activeId,
  activeFromStageId,
  hint,
  canMove,
  onLoadMore,
  loadingMore,
  targeted,
}: BoardColumnProps & { onLoadMore: () => void; loadingMore: boolean; targeted: boolean }) {
  const info = BOARD_KINDS[kind];
  const scrollRef = useRef<HTMLDivElement>(null);
  const ids = useMemo(() => column.cards.map((c) => c.id), [column.cards]);
  const activeIndex = activeId ? ids.indexOf(activeId) : -1;
  const rangeExtractor = useCallback(
    (range: Range) => {
      const out = defaultRangeExtractor(range);
      // dnd-kit needs the dragged card mounted even when it scrolls out of view
      if (activeIndex >= 0 && !out.includes(activeIndex)) out.push(activeIndex);
      return out.sort((a, b) => a - b);
    },
    [activeIndex],
  );
  // no React Compiler in this app; the virtualizer re-renders this component itself
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: column.cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD_PX,
    getItemKey: (i) => ids[i] ?? i,
    overscan: 3,
    gap: 8,
    rangeExtractor,
    // server render and first paint show the top of every column
    initialRect: { width: 224, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  // scrolling near the end loads the next cards (the button below does the same by keyboard)
  useEffect(() => {
    if (column.nextCursor && !loadingMore && lastIndex >= column.cards.length - 3 && column.cards.length > 0) onLoadMore();
  }, [lastIndex, column.nextCursor, column.cards.length, loadingMore, onLoadMore]);

  const foreign = targeted && activeFromStageId !== stage.id;
  const indicatorFor = (id: string) => (foreign && hint?.overCardId === id ? (hint.after ? "after" : "before") : null);

  return (
    // no scroll anchoring: it would keep "load more" in view as cards are appended, loading on and on
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto px-2 pb-2 [overflow-anchor:none]">
      <SortableContext id={stage.id} items={ids} strategy={verticalListSortingStrategy}>
        <ul aria-label={`${stage.name} ${info.plural}`} className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const card = column.cards[v.index]!;
            return (
              <li
                key={v.key}
                data-index={v.index}
                ref={virtualizer.measureElement}
                aria-setsize={column.count}
                aria-posinset={v.index + 1}
                className="absolute inset-x-0 top-0"
                style={{ transform: `translateY(${v.start}px)` }}
              >
                <SortableCard
                  card={card}
                  kind={kind}
                  stageId={stage.id}
                  stageName={stage.name}
                  ownerName={card.ownerId ? (ownerNames.get(card.ownerId) ?? null) : null}
                  disabled={!canMove}
                  indicator={indicatorFor(card.id)}
                />
              </li>
            );
          })}
        </ul>
      </SortableContext>
      {foreign && !hint?.overCardId ? <div aria-hidden className="mt-1 h-0.5 rounded bg-brand-500" /> : null}
      {column.cards.length === 0 ? <p className="px-1 py-6 text-center text-xs text-slate-600">No {info.plural}</p> : null}
      {column.nextCursor ? (
        <button
          type="button"
          onClick={onLoadMore}
          disabled={loadingMore}
          aria-label={`Load more ${info.plural} in ${stage.name}`}
          className="mt-2 w-full rounded-md py-1.5 text-xs font-medium text-slate-600 hover:bg-white disabled:opacity-60"
        >
          {loadingMore ? "Loading…" : `Load more (${column.count - column.cards.length} more)`}
        </button>
      ) : null}
    </div>
  );
}
