"use client";

import { useQueryStates } from "nuqs";
import { useCallback, useTransition } from "react";
import type { FilterGroup } from "@/lib/filters/schema";
import type { RecordKind } from "@/lib/records/registry";
import { serializeColumns } from "@/lib/views/columns";
import { filterParam, tableUrlParsers, type TableUrlState } from "@/lib/views/url-state";

export interface TableState {
  q: string;
  sort: string | null;
  filter: FilterGroup | null;
  cols: string[];
}

/** Changes the table's state in the URL (not shallow: the server page renders the new first page). */
export function useTableNav(kind: RecordKind, state: TableState) {
  const [pending, startTransition] = useTransition();
  const [, setUrl] = useQueryStates(tableUrlParsers, { shallow: false, scroll: false, startTransition });
  /** Sort, filter and columns push a history entry (Back undoes them); typing in search replaces it. */
  const go = useCallback(
    (patch: Partial<TableUrlState>, how: "push" | "replace" = "push") => {
      void setUrl({ q: state.q, sort: state.sort, filter: filterParam(state.filter), cols: serializeColumns(kind, state.cols), ...patch }, { history: how });
    },
    [setUrl, kind, state.q, state.sort, state.filter, state.cols],
  );
  return { go, pending };
}
