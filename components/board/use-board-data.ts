"use client";

import { useInfiniteQuery, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { toast } from "sonner";
import { BOARD_KINDS } from "@/lib/board/kinds";
import { appendPages, loadedLimits, withLoadedPages } from "@/lib/board/optimistic";
import { boardKeys } from "@/lib/board/query-keys";
import type { BoardColumn, BoardData, BoardKind, ColumnPage } from "@/lib/board/types";

/** Cards per column in the board's first read (the server's DEFAULT_COLUMN_LIMIT). */
const PAGE_SIZE = 25;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(body?.detail ?? `The board could not be loaded (${res.status})`);
  }
  return (await res.json()) as T;
}

/** Where a column's "load more" pages come from and live in the cache (useColumnCards). */
export interface ColumnSource {
  kind: BoardKind;
  queryKey(stageId: string, cursor: string | null): readonly unknown[];
  fetchPage(stageId: string, cursor: string): Promise<ColumnPage>;
}

/**
 * The board's server state. One query holds the board (stages, members, counts, money and
 * the first cards of every column); each column's further cards are an infinite query of
 * their own (useColumnCards), keyed by the column's cursor in the board. A refetch of the
 * board re-reads every card a column has loaded, in one request (`limits`), and so brings
 * new cursors: the pages loaded after the old ones are left behind, never shown twice.
 */
export function useBoardData(initialData: BoardData, filters: string) {
  const { kind } = initialData;
  const pipelineId = initialData.pipeline.id;
  const info = BOARD_KINDS[kind];
  const qc = useQueryClient();
  const queryKey = useMemo(() => boardKeys.board(kind, pipelineId, filters), [kind, pipelineId, filters]);

  const dataUrl = useCallback(
    (extra: Record<string, string>) => {
      const p = new URLSearchParams(filters);
      p.set("pipeline", pipelineId);
      for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
      return `${info.path}/board-data?${p.toString()}`;
    },
    [filters, info.path, pipelineId],
  );

  const columns = useMemo<ColumnSource>(
    () => ({
      kind,
      queryKey: (stageId, cursor) => boardKeys.columnMore(kind, pipelineId, filters, stageId, cursor),
      fetchPage: (stageId, cursor) => getJson<ColumnPage>(dataUrl({ stage: stageId, cursor })),
    }),
    [dataUrl, filters, kind, pipelineId],
  );

  /** The board as its columns show it (with their "load more" pages), read from the cache now. */
  const current = useCallback((): BoardData => {
    const board = qc.getQueryData<BoardData>(queryKey) ?? initialData;
    return withLoadedPages(board, (col) => qc.getQueryData<InfiniteData<ColumnPage>>(columns.queryKey(col.stageId, col.nextCursor))?.pages ?? []);
  }, [columns, initialData, qc, queryKey]);

  const { data: board = initialData } = useQuery({
    queryKey,
    queryFn: () => getJson<BoardData>(dataUrl({ limits: loadedLimits(current(), PAGE_SIZE) })),
    initialData,
    initialDataUpdatedAt: Date.parse(initialData.generatedAt),
  });

  const refetch = useCallback(() => void qc.invalidateQueries({ queryKey, exact: true }), [qc, queryKey]);

  return { board, queryKey, columns, current, refetch };
}

/** A column with the cards it has loaded so far, and "load more" (an infinite query fetched on demand). */
export function useColumnCards(source: ColumnSource, column: BoardColumn) {
  const more = useInfiniteQuery({
    queryKey: source.queryKey(column.stageId, column.nextCursor),
    queryFn: ({ pageParam }) => source.fetchPage(column.stageId, pageParam!),
    initialPageParam: column.nextCursor,
    getNextPageParam: (last) => last.nextCursor,
    // only "load more" (or scrolling to the end) fetches; a live change refetches the board instead
    enabled: false,
    retry: false,
  });
  const shown = useMemo(() => appendPages(column, more.data?.pages ?? []), [column, more.data]);
  const { fetchNextPage, isFetching } = more;
  const plural = BOARD_KINDS[source.kind].plural;
  const loadMore = useCallback(() => {
    if (!shown.nextCursor || isFetching) return;
    void fetchNextPage({ cancelRefetch: false }).then((r) => {
      if (r.isError) toast.error(`Could not load more ${plural}`, { description: r.error.message });
    });
  }, [fetchNextPage, isFetching, plural, shown.nextCursor]);
  return { column: shown, loadMore, loadingMore: isFetching };
}
