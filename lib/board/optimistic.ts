// Pure updates of the cached board: where a drop lands (and its neighbours, which the
// server uses to compute the fractional position), the optimistic move, and the board
// with the pages its columns loaded ("load more").
import { addMoney, negateMoney, weightedAmount } from "./money";
import type { BoardCard, BoardColumn, BoardData, ColumnPage, MoneyTotal } from "./types";

export interface MovePlan {
  cardId: string;
  fromStageId: string;
  toStageId: string;
  /** Index in the target column once the card is removed from its source. */
  toIndex: number;
  /** The neighbours at the drop point (null: top / end of the loaded cards). */
  afterId: string | null;
  beforeId: string | null;
}

export interface DropTarget {
  stageId: string;
  /** The card the pointer (or keyboard) is over, if any. */
  overCardId: string | null;
  /** Over a card of another column: place after it rather than before. */
  after: boolean;
}

export function findCard(board: BoardData, cardId: string): { card: BoardCard; column: BoardColumn; index: number } | null {
  for (const column of board.columns) {
    const index = column.cards.findIndex((c) => c.id === cardId);
    if (index >= 0) return { card: column.cards[index]!, column, index };
  }
  return null;
}

/** Where a card dropped on `target` goes; null when nothing would change. */
export function planDrop(board: BoardData, cardId: string, target: DropTarget): MovePlan | null {
  const from = findCard(board, cardId);
  const to = board.columns.find((c) => c.stageId === target.stageId);
  if (!from || !to) return null;
  const same = from.column.stageId === to.stageId;
  const rest = to.cards.filter((c) => c.id !== cardId);
  let toIndex: number;
  if (target.overCardId && target.overCardId !== cardId) {
    const overIndex = to.cards.findIndex((c) => c.id === target.overCardId);
    if (overIndex < 0) return null;
    // within a column: the sortable list's arrayMove (take the over card's place); across: before/after it
    toIndex = same ? overIndex : overIndex + (target.after ? 1 : 0);
  } else if (same) {
    return null;
  } else {
    toIndex = rest.length;
  }
  if (same && toIndex === from.index) return null;
  return {
    cardId,
    fromStageId: from.column.stageId,
    toStageId: to.stageId,
    toIndex,
    afterId: rest[toIndex - 1]?.id ?? null,
    beforeId: rest[toIndex]?.id ?? null,
  };
}

function addTotal(totals: MoneyTotal[], currency: string, amount: string, weighted: string): MoneyTotal[] {
  const out = totals.map((t) => ({ ...t }));
  let t = out.find((x) => x.currency === currency);
  if (!t) out.push((t = { currency, amount: "0.00", weighted: "0.00" }));
  t.amount = addMoney(t.amount, amount);
  t.weighted = addMoney(t.weighted, weighted);
  return out.sort((a, b) => a.currency.localeCompare(b.currency));
}

/** The board as it will be once the move is accepted (counts, money and the card itself). */
export function applyMove(board: BoardData, plan: MovePlan, now: Date = new Date()): BoardData {
  const found = findCard(board, plan.cardId);
  if (!found) return board;
  const same = plan.fromStageId === plan.toStageId;
  const stage = (id: string) => board.pipeline.stages.find((s) => s.id === id);
  const target = stage(plan.toStageId);
  const card: BoardCard = same
    ? found.card
    : { ...found.card, stageEnteredAt: now.toISOString().replace(/\.\d{3}Z$/, "Z"), daysInStage: 0, stalled: false };
  if (!same) {
    if (target?.stageState === "DONE_FAILED") card.returnStageId = plan.fromStageId;
    else delete card.returnStageId;
  }
  const money = board.kind === "DEAL" && card.amount && card.currency ? card : null;
  const columns = board.columns.map((col) => {
    if (col.stageId !== plan.fromStageId && col.stageId !== plan.toStageId) return col;
    let cards = col.cards.filter((c) => c.id !== plan.cardId);
    let { count, totals } = col;
    if (col.stageId === plan.toStageId) cards = [...cards.slice(0, plan.toIndex), card, ...cards.slice(plan.toIndex)];
    if (!same && col.stageId === plan.fromStageId) {
      count -= 1;
      if (money) totals = addTotal(totals, money.currency!, negateMoney(money.amount), negateMoney(weightedAmount(money.amount, stage(col.stageId)?.probability ?? "0")));
    }
    if (!same && col.stageId === plan.toStageId) {
      count += 1;
      if (money) totals = addTotal(totals, money.currency!, money.amount!, weightedAmount(money.amount, target?.probability ?? "0"));
    }
    return { ...col, cards, count, totals };
  });
  return { ...board, columns };
}

/** A column with its "load more" pages appended in order (skipping cards already there); the last page's cursor is the column's. */
export function appendPages(column: BoardColumn, pages: readonly ColumnPage[]): BoardColumn {
  if (pages.length === 0) return column;
  const have = new Set(column.cards.map((c) => c.id));
  const more = pages.flatMap((p) => p.cards).filter((c) => !have.has(c.id) && have.add(c.id));
  return { ...column, cards: [...column.cards, ...more], nextCursor: pages[pages.length - 1]!.nextCursor };
}

/** The board as its columns show it: each with the "load more" pages it has loaded. */
export function withLoadedPages(board: BoardData, pagesOf: (column: BoardColumn) => readonly ColumnPage[]): BoardData {
  return { ...board, columns: board.columns.map((col) => appendPages(col, pagesOf(col))) };
}

/** Per-column counts beyond the first page, so a refetch keeps what "load more" loaded. */
export function loadedLimits(board: BoardData | undefined, pageSize: number): string {
  if (!board) return "";
  return board.columns
    .filter((c) => c.cards.length > pageSize)
    .map((c) => `${c.stageId}:${c.cards.length}`)
    .join(",");
}
