// Board and table filters live in the URL (?owner=&tag=&q=&closeFrom=&closeTo=). Parsed
// leniently: a malformed value is dropped rather than failing the page.
import { z } from "zod";

export interface BoardFilters {
  /** A user id, or "me". */
  owner?: string;
  tag?: string;
  q?: string;
  /** Deals: close date range, YYYY-MM-DD, inclusive. */
  closeFrom?: string;
  closeTo?: string;
}

const FIELDS = {
  owner: z.union([z.literal("me"), z.string().uuid()]),
  tag: z.string().trim().min(1).max(60),
  q: z.string().trim().min(1).max(200),
  closeFrom: z.iso.date(),
  closeTo: z.iso.date(),
} as const;

export const FILTER_KEYS = Object.keys(FIELDS) as (keyof BoardFilters)[];

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function read(src: ParamSource, key: string): string | undefined {
  if (src instanceof URLSearchParams) return src.get(key) ?? undefined;
  const v = src[key];
  return Array.isArray(v) ? v[0] : v;
}

export function parseBoardFilters(src: ParamSource): BoardFilters {
  const out: BoardFilters = {};
  for (const key of FILTER_KEYS) {
    const raw = read(src, key);
    if (raw === undefined || raw === "") continue;
    const parsed = FIELDS[key].safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

/** The filters as query-string pairs, in a stable order (also used in react-query keys). */
export function filtersToParams(filters: BoardFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (v) p.set(key, v);
  }
  return p;
}

export const hasFilters = (f: BoardFilters) => FILTER_KEYS.some((k) => !!f[k]);

export type BoardView = "board" | "table";

/** The page of a kind (`/deals`) showing a pipeline in a view with filters. */
export function viewHref(path: string, pipelineId: string, view: BoardView, filters: BoardFilters): string {
  const p = filtersToParams(filters);
  p.set("pipeline", pipelineId);
  if (view === "table") p.set("view", "table");
  return `${path}?${p.toString()}`;
}
