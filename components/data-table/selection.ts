// Row selection of a record table: explicit ids, or "all matching" (the current search
// and filter, resolved on the server). Pure.
import type { FilterGroup } from "@/lib/filters/schema";

export type Selection = { mode: "ids"; ids: ReadonlySet<string> } | { mode: "all" };

export const NO_SELECTION: Selection = { mode: "ids", ids: new Set() };

export const isSelected = (s: Selection, id: string) => s.mode === "all" || s.ids.has(id);

/** Checks or unchecks ids; leaving "all matching" keeps the loaded rows selected. */
export function setRows(s: Selection, ids: readonly string[], on: boolean, loaded: readonly string[]): Selection {
  const next = new Set(s.mode === "all" ? loaded : s.ids);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return { mode: "ids", ids: next };
}

export function headerState(s: Selection, loaded: readonly string[]): "all" | "some" | "none" {
  if (s.mode === "all") return "all";
  if (loaded.length === 0 || s.ids.size === 0) return "none";
  return loaded.every((id) => s.ids.has(id)) ? "all" : "some";
}

export function selectedCount(s: Selection, total: number): number {
  return s.mode === "all" ? total : s.ids.size;
}

/** What the bulk actions and the export receive. */
export function selectionInput(s: Selection, state: { q: string; filter: FilterGroup | null }): { ids: string[] } | { all: true; q: string | null; filter?: FilterGroup } {
  if (s.mode === "ids") return { ids: [...s.ids] };
  return state.filter ? { all: true, q: state.q || null, filter: state.filter } : { all: true, q: state.q || null };
}
