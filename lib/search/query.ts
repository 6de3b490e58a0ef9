// Pure parts of global search (no I/O): how a query string is normalised, and how a
// candidate is ranked per record kind. The candidates themselves come from the database
// function search_candidates (db/migrations/0016_search_functions.sql), which holds what
// is searched per kind and the SQL of the three tiers; `fields` below name the same
// fields, in the same order, as the text the ranking compares.
import type { RecordKind } from "@/lib/records/registry";
import { MAX_QUERY_LENGTH } from "./query-limits";

export { MAX_QUERY_LENGTH };

export interface SearchField {
  /** Secondary fields rank just below the primary one for the same kind of match. */
  weight: number;
  /** The field's text as the function's trigram expressions see it (lower case), from the returned columns. */
  text(row: Record<string, unknown>): string;
}

export interface SearchKindSpec {
  kind: RecordKind;
  /** The searched fields: name first, then email / domain / company name. */
  fields: SearchField[];
}

const personText = (r: Record<string, unknown>) => norm(`${r.firstName ?? ""} ${r.lastName ?? ""}`);
const col = (name: string) => (r: Record<string, unknown>) => norm(r[name]);

export const SEARCH_KINDS: SearchKindSpec[] = [
  { kind: "CONTACT", fields: [{ weight: 1, text: personText }, { weight: 0.95, text: col("email") }] },
  { kind: "COMPANY", fields: [{ weight: 1, text: col("name") }, { weight: 0.95, text: col("domain") }] },
  { kind: "DEAL", fields: [{ weight: 1, text: col("name") }] },
  { kind: "LEAD", fields: [{ weight: 1, text: personText }, { weight: 0.95, text: col("email") }, { weight: 0.9, text: col("companyName") }] },
  { kind: "TICKET", fields: [{ weight: 1, text: col("subject") }] },
];

/** Lower case, trimmed, inner whitespace collapsed, cut to MAX_QUERY_LENGTH. */
export function normalizeQuery(q: string): string {
  return q.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase().slice(0, MAX_QUERY_LENGTH).trim();
}

/** The fields' text as the trigram expressions see it, for ranking in JS. */
export const norm = (v: unknown) => (typeof v === "string" ? v.toLowerCase().replace(/\s+/g, " ").trim() : "");

/**
 * How well a candidate matches, in bands so that any literal match outranks any typo
 * match: equal 1.0 · starts with 0.9 · a word starts with 0.8 · contains 0.7 · similar
 * 0.6 × similarity. Inside a band a field closer in length to the query ranks higher
 * ("Jon Kling" above "Jonathan Kling" for "jon"); secondary fields weigh a little less.
 */
export function scoreCandidate(spec: SearchKindSpec, q: string, row: Record<string, unknown>, similarity: number | null): number {
  let best = 0;
  for (const f of spec.fields) {
    const v = f.text(row);
    if (!v) continue;
    const band = v === q ? 1 : v.startsWith(q) ? 0.9 : v.includes(` ${q}`) ? 0.8 : v.includes(q) ? 0.7 : 0;
    if (band) best = Math.max(best, (band + 0.05 * Math.min(1, q.length / v.length)) * f.weight);
  }
  if (best === 0) best = similarity === null ? 0.65 : 0.6 * similarity;
  return Math.round(best * 1000) / 1000;
}
