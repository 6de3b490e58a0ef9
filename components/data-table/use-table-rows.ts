"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { allOf } from "@/lib/filters/schema";
import type { RecordKind } from "@/lib/records/registry";
import type { DataTableData } from "@/lib/views/bootstrap";
import type { TablePage } from "@/lib/views/table-query";
import { actionData } from "@/lib/action-result";
import type { DataTableActions } from "./types";

/** react-query keys of the record tables, in one place. */
export const tableKeys = {
  all: ["data-table"] as const,
  kind: (kind: RecordKind) => ["data-table", kind] as const,
  rows: (kind: RecordKind, params: string) => ["data-table", kind, "rows", params] as const,
};

/**
 * Pages of rows for the table's current state: the server-rendered first page seeds the
 * cache, later pages come from the loadPage action by keyset cursor. Invalidating
 * tableKeys.kind(kind) refetches from the first page (which carries the count).
 */
export function useTableRows(data: DataTableData, actions: Pick<DataTableActions, "loadPage">) {
  const { kind, state } = data;
  const params = { q: state.q || null, sort: state.sort, filter: allOf(data.baseFilter, state.filter) ?? undefined, cols: state.cols };
  return useInfiniteQuery({
    queryKey: tableKeys.rows(kind, JSON.stringify(params)),
    queryFn: ({ pageParam }) => actionData<TablePage>(actions.loadPage({ ...params, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [data.firstPage], pageParams: [null] },
    initialDataUpdatedAt: data.renderedAt,
  });
}
