// react-query keys of the board, in one place.
import type { BoardKind } from "./types";

export const boardKeys = {
  all: ["board"] as const,
  kind: (kind: BoardKind) => ["board", kind] as const,
  /** `filters` is the canonical query string of the filters (filtersToParams). */
  board: (kind: BoardKind, pipelineId: string, filters: string) => ["board", kind, pipelineId, filters] as const,
};

export const moveMutationKey = (kind: BoardKind) => ["board-move", kind] as const;
