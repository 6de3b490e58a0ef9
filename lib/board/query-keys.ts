// react-query keys of the board, in one place.
import type { BoardKind } from "./types";

export const boardKeys = {
  all: ["board"] as const,
  kind: (kind: BoardKind) => ["board", kind] as const,
  /** `filters` is the canonical query string of the filters (filtersToParams). */
  board: (kind: BoardKind, pipelineId: string, filters: string) => ["board", kind, pipelineId, filters] as const,
  /**
   * The "load more" pages of a column after `cursor`, the column's cursor in the board's
   * data: when a refetch of the board (which re-reads every loaded card) or a move brings
   * a new cursor, the pages loaded after the old one are left behind.
   */
  columnMore: (kind: BoardKind, pipelineId: string, filters: string, stageId: string, cursor: string | null) =>
    ["board", kind, pipelineId, filters, "more", stageId, cursor] as const,
};

export const moveMutationKey = (kind: BoardKind) => ["board-move", kind] as const;
