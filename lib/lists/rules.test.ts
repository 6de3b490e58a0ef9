import { describe, expect, it } from "vitest";
import { createsCycle, dependencyOrder, filterUsesCompanyFields, filterUsesRelativeDates, listIdsReferenced, listReferences } from "./rules";

const A = "0b7f6a34-1c0e-4d7a-9a53-000000000001";
const B = "0b7f6a34-1c0e-4d7a-9a53-000000000002";
const C = "0b7f6a34-1c0e-4d7a-9a53-000000000003";

describe("filterUsesRelativeDates", () => {
  it.each([
    [{ all: [{ field: "createdAt", op: "withinLastDays", value: 30 }] }, true],
    [{ any: [{ field: "email", op: "contains", value: "x" }, { all: [{ field: "closeDate", op: "withinNextDays", value: 7 }] }] }, true],
    [{ all: [{ field: "createdAt", op: "gte", value: "today-7d" }] }, true],
    [{ all: [{ field: "updatedAt", op: "between", value: ["2024-01-01", "now"] }] }, true],
    [{ field: "createdAt", op: "lt", value: "now-2h" }, true],
    [{ all: [{ field: "createdAt", op: "gte", value: "2024-05-01" }] }, false],
    [{ all: [{ field: "jobTitle", op: "contains", value: "today" }] }, false],
    [{ all: [] }, false],
    [null, false],
  ])("%j → %s", (filter, expected) => {
    expect(filterUsesRelativeDates(filter)).toBe(expected);
  });
});

describe("list references", () => {
  const filter = { all: [{ field: "id", op: "inList", value: A.toUpperCase() }, { any: [{ field: "id", op: "notInList", value: B }, { field: "id", op: "inList", value: A }] }] };

  it("names each inList / notInList condition with the path of its value", () => {
    expect(listReferences(filter)).toEqual([
      { listId: A, path: "filter.all[0].value" },
      { listId: B, path: "filter.all[1].any[0].value" },
      { listId: A, path: "filter.all[1].any[1].value" },
    ]);
    expect(listIdsReferenced(filter)).toEqual([A, B]);
    expect(filterUsesCompanyFields(filter)).toBe(false);
    expect(filterUsesCompanyFields({ all: [{ field: "company.industry", op: "eq", value: "Retail" }] })).toBe(true);
  });

  it("orders lists after the lists they name, and finds cycles", () => {
    const lists = [
      { id: A, filter: { all: [{ field: "id", op: "inList", value: B }] } },
      { id: B, filter: { all: [{ field: "id", op: "inList", value: C }] } },
      { id: C, filter: { all: [] } },
    ];
    expect(dependencyOrder(lists).map((l) => l.id)).toEqual([C, B, A]);
    const filters = new Map(lists.map((l) => [l.id, l.filter as unknown]));
    expect(createsCycle(C, { all: [{ field: "id", op: "inList", value: A }] }, filters)).toBe(true);
    expect(createsCycle(C, { all: [{ field: "id", op: "inList", value: C }] }, filters)).toBe(true);
    expect(createsCycle(A, { all: [{ field: "id", op: "inList", value: C }] }, filters)).toBe(false);
  });
});
