import { describe, expect, it } from "vitest";
import { filtersToParams, hasFilters, loadBoardUrl, parseBoardFilters, viewHref } from "./filters";

const PIPELINE = "6f1c2b1e-8a4d-4c3b-9f00-0123456789ab";

describe("board URL state", () => {
  it("reads the filters leniently: a malformed value is dropped, a repeated one counts once", () => {
    const filters = parseBoardFilters({ owner: ["me", PIPELINE], tag: "  vip ", q: "", closeFrom: "2024-02-30", closeTo: "2024-03-01", view: "table" });
    expect(filters).toEqual({ owner: "me", tag: "vip", closeTo: "2024-03-01" });
    expect(parseBoardFilters(new URLSearchParams("owner=somebody&q=%20acme%20"))).toEqual({ q: "acme" });
    expect(hasFilters({})).toBe(false);
  });

  it("reads the pipeline, the view (board unless table) and the table's cursor", () => {
    expect(loadBoardUrl({ pipeline: PIPELINE, view: "table", cursor: "abc" })).toMatchObject({ pipeline: PIPELINE, view: "table", cursor: "abc" });
    expect(loadBoardUrl({ view: "cards" })).toMatchObject({ pipeline: null, view: "board", cursor: null });
  });

  it("writes links the page reads back, filters first, the default view left out", () => {
    const filters = { q: "acme & co", owner: "me", closeFrom: "2024-01-01" };
    const href = viewHref("/deals", PIPELINE, "table", filters);
    expect(href).toMatch(/^\/deals\?owner=me&q=acme\+%26\+co&closeFrom=2024-01-01&pipeline=[0-9a-f-]{36}&view=table$/);
    const back = new URL(href, "http://x").searchParams;
    expect(parseBoardFilters(back)).toEqual(filters);
    expect(viewHref("/leads", PIPELINE, "board", {})).toBe(`/leads?pipeline=${PIPELINE}`);
  });

  it("gives equal filters one canonical query string (the board's react-query key)", () => {
    const a = filtersToParams({ tag: "vip", owner: "me" }).toString();
    expect(a).toBe(filtersToParams({ owner: "me", tag: "vip", q: "" }).toString());
    expect(a).toBe("owner=me&tag=vip");
  });
});
