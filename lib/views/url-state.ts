// A record table's state in the URL — `?q=&sort=field:dir&filter=<json>&cols=a,b` — so a
// view can be shared by link and survives a reload. Pure: used by the page (server) and
// the table (browser). Parsed leniently; the page validates sort and filter against the
// tenant's fields and reports what it had to ignore.

export interface TableUrlState {
  q: string;
  /** `field:asc|desc`, unvalidated; null = default (newest first). */
  sort: string | null;
  /** Filter JSON text as it came in, unvalidated; null = no filter. */
  filter: string | null;
  /** Raw `cols=` value; null = the kind's default columns. */
  cols: string | null;
}

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function read(src: SearchParamsLike, key: string): string | null {
  if (src instanceof URLSearchParams) return src.get(key);
  const v = src[key];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

export const MAX_Q_LENGTH = 200;

export function parseTableUrl(src: SearchParamsLike): TableUrlState {
  const q = (read(src, "q") ?? "").trim().slice(0, MAX_Q_LENGTH);
  const sort = read(src, "sort")?.trim() || null;
  const filter = read(src, "filter")?.trim() || null;
  const cols = read(src, "cols");
  return { q, sort, filter, cols: cols === null ? null : cols.trim() };
}

/** The query string (with "?", or "" when empty) for a state; keys in a stable order. */
export function tableQueryString(state: Partial<TableUrlState>): string {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  if (state.sort) p.set("sort", state.sort);
  if (state.filter) p.set("filter", state.filter);
  if (state.cols) p.set("cols", state.cols);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Is the filter "nothing": absent, or an empty all-group. */
export function isEmptyFilter(filter: unknown): boolean {
  if (filter === null || filter === undefined) return true;
  if (typeof filter !== "object" || Array.isArray(filter)) return false;
  const keys = Object.keys(filter);
  return keys.length === 1 && keys[0] === "all" && Array.isArray((filter as { all: unknown }).all) && (filter as { all: unknown[] }).all.length === 0;
}

/** Filter JSON for the URL: compact, or null when it filters nothing. */
export function filterParam(filter: unknown): string | null {
  return isEmptyFilter(filter) ? null : JSON.stringify(filter);
}

/** JSON with object keys sorted, so two equal filters compare equal (jsonb reorders keys). */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
