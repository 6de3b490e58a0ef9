// The board's pointer drag and drop on @dnd-kit: sensors (mouse, touch press-and-hold),
// which droppable a card is over, and what dropping it there would mean. Keyboard moves
// are the board's own (use-board-keyboard), on the same drop path.
import {
  closestCenter,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  useSensor,
  useSensors,
  type Active,
  type CollisionDetection,
  type Over,
  type PointerActivationConstraint,
} from "@dnd-kit/core";
import { dropVerdict } from "@/lib/board/drop-rules";
import type { CustomFieldLabels } from "@/lib/pipelines/required-fields";
import { findCard, type DropTarget } from "@/lib/board/optimistic";
import type { BoardData, BoardKind } from "@/lib/board/types";
import type { CardDragData } from "./board-card";
import type { ColumnDropData } from "./board-column";

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

export function useBoardSensors() {
  return useSensors(
    useSensor(MousePointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
  );
}

type DropData = CardDragData | ColumnDropData;

/**
 * Cards win over the column they sit in; over a column's empty part, its nearest card
 * decides. In the board's edge bands (`inEdgeBand`: the strips that scroll it) the card
 * is over nothing.
 */
export const collisionDetectionFor = (inEdgeBand: (x: number) => boolean): CollisionDetection => (args) => {
  if (args.pointerCoordinates && inEdgeBand(args.pointerCoordinates.x)) return [];
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

/** Where the active card would land: a column, or before or after a card. */
export function targetOf(over: Over | null, active: Active): DropTarget | null {
  const data = over?.data.current as DropData | undefined;
  if (!over || !data) return null;
  if (data.type === "column") return { stageId: data.stageId, overCardId: null, after: false };
  const rect = active.rect.current.translated;
  const after = !!rect && rect.top + rect.height / 2 > over.rect.top + over.rect.height / 2;
  return { stageId: data.stageId, overCardId: String(over.id), after };
}

export const sameTarget = (a: DropTarget | null, b: DropTarget | null) => a?.stageId === b?.stageId && a?.overCardId === b?.overCardId && a?.after === b?.after;

/** The card and the verdict for dropping it on `target`, from `board`; null when either is gone. */
/** `labels`: custom fields' labels by key, so a stage that asks for fields names them as people know them. */
export function judgeDrop(kind: BoardKind, board: BoardData, cardId: string, target: DropTarget | null, labels: CustomFieldLabels = {}) {
  const found = findCard(board, cardId);
  if (!found || !target) return null;
  return { found, verdict: dropVerdict(kind, board.pipeline, found.card, found.column.stageId, target.stageId, labels) };
}
