"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { AlarmClock } from "lucide-react";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { BOARD_KINDS } from "@/lib/board/kinds";
import { DateTime } from "@/components/ui/date-time";
import { Money } from "@/components/ui/money";
import { labelFor } from "@/lib/format/labels";
import type { BoardCard, BoardKind } from "@/lib/board/types";
import { useBoardKeyboardContext } from "./use-board-keyboard";

/** What dnd-kit carries for a card (droppables of columns carry `type: "column"`). */
export interface CardDragData {
  type: "card";
  stageId: string;
}

const PRIORITY_STYLE: Record<string, string> = {
  urgent: "bg-red-100 text-red-800",
  high: "bg-orange-100 text-orange-800",
  medium: "bg-sky-100 text-sky-800",
  low: "bg-slate-100 text-slate-700",
};

const GRIP_ID = "board-grip-icon";

/** lucide's grip-vertical, defined once per board (every card uses it: keeps the page small). */
export function GripSymbol() {
  return (
    <svg aria-hidden width="0" height="0" className="absolute">
      <symbol id={GRIP_ID} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <circle cx="9" cy="12" r="1" />
        <circle cx="9" cy="5" r="1" />
        <circle cx="9" cy="19" r="1" />
        <circle cx="15" cy="12" r="1" />
        <circle cx="15" cy="5" r="1" />
        <circle cx="15" cy="19" r="1" />
      </symbol>
    </svg>
  );
}

export function GripIcon({ className = "size-4" }: { className?: string }) {
  return (
    <svg aria-hidden className={className}>
      <use href={`#${GRIP_ID}`} />
    </svg>
  );
}

export interface CardBodyProps {
  card: BoardCard;
  kind: BoardKind;
  ownerName: string | null;
  /** The drag handle (a button carrying dnd-kit's keyboard attributes), or null when moves are not allowed. */
  handle: React.ReactNode;
  className?: string;
}

/** The card as shown in a column and under the pointer while dragged. */
export function CardBody({ card, kind, ownerName, handle, className }: CardBodyProps) {
  const info = BOARD_KINDS[kind];
  return (
    <article
      className={cn(
        "rounded-md border bg-white p-2.5 text-sm shadow-sm group-data-[density=compact]/board:p-1.5",
        card.stalled ? "border-amber-400 bg-amber-50 ring-1 ring-amber-300" : "border-slate-200",
        className,
      )}
      data-stalled={card.stalled || undefined}
    >
      <div className="flex items-start gap-1.5">
        <Link href={`${info.path}/${card.id}`} prefetch={false} draggable={false} className="min-w-0 flex-1 break-words font-medium text-slate-900 hover:underline">
          {card.title}
        </Link>
        {handle}
      </div>
      {kind === "DEAL" ? (
        <p className="mt-1 flex flex-wrap items-baseline gap-x-2 text-xs text-slate-600">
          <span className={cn("font-semibold", card.amount ? "text-slate-800" : "text-slate-500")}>
            {card.amount ? <Money amount={card.amount} currency={card.currency} /> : "No amount"}
          </span>
          {card.closeDate ? (
            <span>
              Closes <DateTime value={card.closeDate} mode="day" />
            </span>
          ) : null}
        </p>
      ) : card.priority ? (
        <p className="mt-1">
          <span className={cn("rounded px-1.5 py-0.5 text-[11px] font-medium", PRIORITY_STYLE[card.priority] ?? PRIORITY_STYLE.low)}>
            <span className="sr-only">Priority: </span>
            {labelFor("PRIORITIES", card.priority)}
          </span>
        </p>
      ) : null}
      {card.tags.length ? (
        <ul className="mt-1.5 flex flex-wrap gap-1 group-data-[density=compact]/board:hidden" aria-label="Tags">
          {card.tags.slice(0, 3).map((t) => (
            <li key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-700">
              {t}
            </li>
          ))}
          {card.tags.length > 3 ? <li className="px-1 text-[11px] text-slate-500">+{card.tags.length - 3}</li> : null}
        </ul>
      ) : null}
      <div className="mt-2 flex items-center justify-between gap-2 text-xs text-slate-500 group-data-[density=compact]/board:mt-1">
        <span className="flex items-center gap-1.5">
          {card.daysInStage !== null ? <span>{card.daysInStage}d in stage</span> : null}
          {card.stalled ? (
            <span className="inline-flex items-center gap-0.5 rounded bg-amber-200 px-1 font-semibold uppercase tracking-wide text-amber-900">
              <AlarmClock className="size-3" aria-hidden />
              stalled
            </span>
          ) : null}
        </span>
        {card.ownerId ? (
          <span
            title={ownerName ?? undefined}
            className="flex size-6 shrink-0 items-center justify-center rounded-full bg-brand-100 text-[10px] font-semibold text-brand-700"
          >
            <span aria-hidden>{card.ownerInitials}</span>
            <span className="sr-only">Owner: {ownerName ?? card.ownerInitials}</span>
          </span>
        ) : null}
      </div>
    </article>
  );
}

export interface SortableCardProps {
  card: BoardCard;
  kind: BoardKind;
  stageId: string;
  stageName: string;
  ownerName: string | null;
  disabled: boolean;
  /** Where a card dragged from another column would land. */
  indicator: "before" | "after" | null;
}

export function SortableCard({ card, kind, stageId, stageName, ownerName, disabled, indicator }: SortableCardProps) {
  const info = BOARD_KINDS[kind];
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    data: { type: "card", stageId } satisfies CardDragData,
    disabled,
    attributes: { roleDescription: `draggable ${info.singular}` },
  });
  const keyboard = useBoardKeyboardContext();
  const lifted = keyboard.liftedId === card.id;
  const handle = disabled ? null : (
    <button
      ref={setActivatorNodeRef}
      type="button"
      {...attributes}
      aria-pressed={lifted || isDragging}
      data-drag-handle
      onKeyDown={(e) => {
        // picked up here; while it is up, the board's keyboard mode has the keys
        if ((e.key === " " || e.key === "Enter") && !keyboard.liftedId) {
          e.preventDefault();
          keyboard.pickUp(card.id);
        }
      }}
      aria-label={`Move ${info.singular} ${card.title}, in ${stageName}`}
      className="-mr-1 -mt-0.5 shrink-0 cursor-grab rounded p-0.5 text-slate-500 hover:bg-slate-100 hover:text-slate-700 active:cursor-grabbing"
    >
      <GripIcon />
    </button>
  );
  return (
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      {...listeners}
      data-card-id={card.id}
      className={cn("relative touch-none", isDragging && !lifted && "opacity-40", lifted && "rounded-md ring-2 ring-brand-500 ring-offset-1")}
    >
      {indicator ? <div aria-hidden className={cn("absolute inset-x-0 h-0.5 rounded bg-brand-500", indicator === "before" ? "-top-1" : "-bottom-1")} /> : null}
      <CardBody card={card} kind={kind} ownerName={ownerName} handle={handle} />
    </div>
  );
}
