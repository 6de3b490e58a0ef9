// The board page's URL: filters (?owner=&tag=&q=&closeFrom=&closeTo=), then the pipeline,
// the view (?view=table) and the table's page (?cursor=). nuqs parsers, lenient: a
// malformed value is dropped rather than failing the page.
import { createLoader, createSerializer, parseAsInteger, parseAsString, parseAsStringLiteral, type LoaderInput } from "nuqs/server";
import { z } from "zod";
import { parseAsZod } from "@/lib/search-params";

export interface BoardFilters {
  /** A user id, or "me". */
  owner?: string;
  tag?: string;
  q?: string;
  /** Deals: close date range, YYYY-MM-DD, inclusive. */
  closeFrom?: string;
  closeTo?: string;
  /** Leads: a score of at least this (0..100). */
  scoreMin?: number;
}

const filterParsers = {
  owner: parseAsZod(z.union([z.literal("me"), z.uuid()])),
  tag: parseAsZod(z.string().trim().min(1).max(60)),
  q: parseAsZod(z.string().trim().min(1).max(200)),
  closeFrom: parseAsZod(z.iso.date()),
  closeTo: parseAsZod(z.iso.date()),
  scoreMin: parseAsInteger,
};

export const FILTER_KEYS = Object.keys(filterParsers) as (keyof BoardFilters)[];

export type BoardView = "board" | "table";

export const boardUrlParsers = {
  ...filterParsers,
  pipeline: parseAsString,
  view: parseAsStringLiteral(["board", "table"] as const).withDefault("board"),
  cursor: parseAsString,
};

export const loadBoardUrl = createLoader(boardUrlParsers);
const boardUrl = createSerializer(boardUrlParsers);

/** The filters a URL sets (a page's searchParams, or a board-data request's query). */
export function parseBoardFilters(src: LoaderInput): BoardFilters {
  const url = loadBoardUrl(src);
  return Object.fromEntries(FILTER_KEYS.flatMap((key) => (url[key] === null ? [] : [[key, url[key]]])));
}

const onlyFilters = (filters: BoardFilters) => Object.fromEntries(FILTER_KEYS.map((key) => [key, filters[key] || null]));

/** The filters as query-string pairs, in a stable order (also used in react-query keys). */
export function filtersToParams(filters: BoardFilters): URLSearchParams {
  return new URLSearchParams(boardUrl(onlyFilters(filters)));
}

export const hasFilters = (f: BoardFilters) => FILTER_KEYS.some((k) => !!f[k]);

/** The page of a kind (`/deals`) showing a pipeline in a view with filters. */
export function viewHref(path: string, pipelineId: string, view: BoardView, filters: BoardFilters): string {
  return boardUrl(path, { ...onlyFilters(filters), pipeline: pipelineId, view });
}
