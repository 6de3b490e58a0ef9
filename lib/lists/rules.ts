// Pure facts about a list's filter JSON (no I/O), for deciding which DYNAMIC lists a
// background job or a record change has to re-evaluate.
import { isRelativeDate } from "@/lib/filters/values";

type Condition = { field?: unknown; op?: unknown; value?: unknown };

/** Every condition of the (unvalidated) filter with its error path ("filter.all[1]"). */
function conditions(node: unknown, path = "filter", depth = 0): { path: string; c: Condition }[] {
  if (typeof node !== "object" || node === null || Array.isArray(node) || depth > 20) return [];
  const n = node as Record<string, unknown>;
  for (const key of ["all", "any"] as const) {
    const kids = n[key];
    if (Array.isArray(kids)) return kids.flatMap((k, i) => conditions(k, `${path}.${key}[${i}]`, depth + 1));
  }
  return [{ path, c: n }];
}

/**
 * A DYNAMIC list whose filter has no condition yet has no members: an empty filter means
 * "not decided", not "every record" (a new list would otherwise fill with everything and
 * then log them all as leaving when its first condition is saved).
 */
export const matchesNothing = (filter: unknown): boolean => conditions(filter).length === 0;

const someCondition = (filter: unknown, test: (c: Condition) => boolean) => conditions(filter).some(({ c }) => test(c));

const DATE_OPS = new Set(["eq", "neq", "gt", "gte", "lt", "lte", "between"]);

/**
 * Whether the filter's meaning moves with the clock: withinLastDays / withinNextDays, or
 * a date value relative to now ("now-2h", "today", "today-7d"). Such a list must be
 * recomputed daily even when no record changes.
 */
export function filterUsesRelativeDates(filter: unknown): boolean {
  return someCondition(filter, (c) => {
    if (c.op === "withinLastDays" || c.op === "withinNextDays") return true;
    if (typeof c.op !== "string" || !DATE_OPS.has(c.op)) return false;
    const values = Array.isArray(c.value) ? c.value : [c.value];
    return values.some((v) => typeof v === "string" && isRelativeDate(v));
  });
}

/** Whether the filter reads fields of the record's company (`company.industry`, ...). */
export function filterUsesCompanyFields(filter: unknown): boolean {
  return someCondition(filter, (c) => typeof c.field === "string" && c.field.startsWith("company."));
}

/** The inList / notInList conditions: the list id (lowercase) and the path of its value. */
export function listReferences(filter: unknown): { listId: string; path: string }[] {
  return conditions(filter).flatMap(({ path, c }) =>
    (c.op === "inList" || c.op === "notInList") && typeof c.value === "string" ? [{ listId: c.value.toLowerCase(), path: `${path}.value` }] : [],
  );
}

/** The list ids named by inList / notInList conditions, deduplicated, lowercase. */
export function listIdsReferenced(filter: unknown): string[] {
  return [...new Set(listReferences(filter).map((r) => r.listId))];
}

/**
 * The lists in an order where every list comes after the lists its filter names (so a
 * recompute sees its dependencies' fresh members). Ids outside `lists` are ignored; a
 * cycle (refused on save, but stored data may predate that) keeps the input order.
 */
export function dependencyOrder<T extends { id: string; filter: unknown }>(lists: readonly T[]): T[] {
  const byId = new Map(lists.map((l) => [l.id.toLowerCase(), l]));
  const out: T[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (l: T) => {
    const key = l.id.toLowerCase();
    if (state.has(key)) return;
    state.set(key, "visiting");
    for (const dep of listIdsReferenced(l.filter)) {
      const d = byId.get(dep);
      if (d) visit(d);
    }
    state.set(key, "done");
    out.push(l);
  };
  lists.forEach(visit);
  return out;
}

/**
 * Whether saving `filter` on list `listId` would make it depend on itself, directly or
 * through the filters of other lists (`filters`: list id → its filter).
 */
export function createsCycle(listId: string, filter: unknown, filters: ReadonlyMap<string, unknown>): boolean {
  const target = listId.toLowerCase();
  const seen = new Set<string>();
  const stack = listIdsReferenced(filter);
  while (stack.length) {
    const id = stack.pop()!;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...listIdsReferenced(filters.get(id)));
  }
  return false;
}
