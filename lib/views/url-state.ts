// A record table's state in the URL — `?q=&sort=field:dir&filter=<json>&cols=a,b` — so a
// view can be shared by link and survives a reload. nuqs parsers: the page (server) loads
// them, the table (browser) writes them. Parsed leniently; the page validates sort and
// filter against the tenant's fields and reports what it had to ignore.
import { createLoader, createParser, createSerializer, type inferParserType, type LoaderInput } from "nuqs/server";
import { parseAsText, parseAsTrimmed } from "@/lib/search-params";

export const MAX_Q_LENGTH = 200;

export const tableUrlParsers = {
  q: parseAsText(MAX_Q_LENGTH),
  /** `field:asc|desc`, unvalidated; null = default (newest first). */
  sort: parseAsTrimmed,
  /** Filter JSON text as it came in, unvalidated; null = no filter. */
  filter: parseAsTrimmed,
  /** Raw `cols=` value; null = the kind's default columns. */
  cols: createParser({ parse: (v) => v.trim(), serialize: (v: string) => v }),
};

export type TableUrlState = inferParserType<typeof tableUrlParsers>;
export type SearchParamsLike = LoaderInput;

export const parseTableUrl = createLoader(tableUrlParsers);

/** The query string (with "?", or "" when empty) for a state; keys in a stable order. */
export const tableQueryString = createSerializer(tableUrlParsers);

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
