"use client";

import { usePathname, useRouter } from "next/navigation";
import { useCallback, useTransition } from "react";
import type { FilterGroup } from "@/lib/filters/schema";
import type { RecordKind } from "@/lib/records/registry";
import { serializeColumns } from "@/lib/views/columns";
import { filterParam, tableQueryString, type TableUrlState } from "@/lib/views/url-state";

export interface TableState {
  q: string;
  sort: string | null;
  filter: FilterGroup | null;
  cols: string[];
}

/** The URL of the table with some of its state changed; the server page renders the new first page. */
export function useTableNav(kind: RecordKind, state: TableState) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const hrefFor = useCallback(
    (patch: Partial<TableUrlState>) =>
      `${pathname}${tableQueryString({ q: state.q, sort: state.sort, filter: filterParam(state.filter), cols: serializeColumns(kind, state.cols), ...patch })}`,
    [pathname, kind, state.q, state.sort, state.filter, state.cols],
  );
  /** Sort, filter and columns push a history entry (Back undoes them); typing in search replaces it. */
  const go = useCallback(
    (patch: Partial<TableUrlState>, how: "push" | "replace" = "push") => {
      const href = hrefFor(patch);
      startTransition(() => (how === "push" ? router.push(href, { scroll: false }) : router.replace(href, { scroll: false })));
    },
    [hrefFor, router],
  );
  return { go, hrefFor, pending };
}
