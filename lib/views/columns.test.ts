import { describe, expect, it } from "vitest";
import { RECORD_KINDS, type RecordKind } from "@/lib/records/registry";
import { columnsFor, DEFAULT_COLUMNS, parseColumns, serializeColumns } from "./columns";
import { filterParam, parseTableUrl, stableJson, tableQueryString } from "./url-state";

const KINDS = Object.keys(RECORD_KINDS) as RecordKind[];
const tier = { key: "tier", label: "Tier", fieldType: "SELECT" as const, options: ["gold"] };

describe("table columns", () => {
  it("only offers sorting on fields listRecords can sort by, and defaults to known columns", () => {
    for (const kind of KINDS) {
      const cols = columnsFor(kind);
      for (const c of cols) if (c.sortField) expect(RECORD_KINDS[kind].sortable).toContain(c.sortField);
      expect(cols[0]).toMatchObject({ id: "name", fixed: true });
      for (const id of DEFAULT_COLUMNS[kind]) expect(cols.map((c) => c.id)).toContain(id);
      expect(new Set(cols.map((c) => c.id)).size).toBe(cols.length);
    }
  });

  it("reads cols= leniently: title first, unknown and duplicate ids dropped, empty → defaults", () => {
    expect(parseColumns("CONTACT", null)).toEqual(DEFAULT_COLUMNS.CONTACT);
    expect(parseColumns("CONTACT", "")).toEqual(DEFAULT_COLUMNS.CONTACT);
    expect(parseColumns("CONTACT", "email,nope,tags,email,name")).toEqual(["name", "email", "tags"]);
    expect(parseColumns("CONTACT", "customFields.tier")).toEqual(["name"]);
    expect(parseColumns("CONTACT", "customFields.tier,owner", [tier])).toEqual(["name", "customFields.tier", "owner"]);
    expect(parseColumns("COMPANY", "name")).toEqual(["name"]);
    expect(columnsFor("CONTACT", [tier]).at(-1)).toEqual({ id: "customFields.tier", label: "Tier", kind: "text" });
  });

  it("writes defaults as no parameter at all, so a plain link stays plain", () => {
    expect(serializeColumns("CONTACT", [...DEFAULT_COLUMNS.CONTACT])).toBeNull();
    expect(serializeColumns("CONTACT", ["name", "email"])).toBe("email");
    expect(serializeColumns("CONTACT", ["name"])).toBe("name");
    expect(parseColumns("CONTACT", serializeColumns("CONTACT", ["name", "tags", "email"]))).toEqual(["name", "tags", "email"]);
  });
});

describe("table URL state", () => {
  it("round-trips q, sort, filter and cols", () => {
    const filter = { all: [{ field: "tags", op: "hasAny", value: ["vip"] }] };
    const qs = tableQueryString({ q: "ann & co", sort: "lastName:desc", filter: filterParam(filter), cols: "email,tags" });
    expect(parseTableUrl(new URLSearchParams(qs.slice(1)))).toEqual({ q: "ann & co", sort: "lastName:desc", filter: JSON.stringify(filter), cols: "email,tags" });
    expect(parseTableUrl({ q: [" x ", "y"], sort: "" })).toEqual({ q: "x", sort: null, filter: null, cols: null });
    expect(tableQueryString({ q: "", sort: null, filter: filterParam({ all: [] }), cols: null })).toBe("");
  });

  it("compares filters by value whatever the key order", () => {
    expect(stableJson({ all: [{ op: "eq", field: "a", value: 1 }] })).toBe(stableJson({ all: [{ field: "a", value: 1, op: "eq" }] }));
    expect(stableJson({ all: [{ field: "a", op: "eq", value: 1 }] })).not.toBe(stableJson({ any: [{ field: "a", op: "eq", value: 1 }] }));
  });
});
