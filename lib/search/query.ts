// Pure parts of global search (no I/O): what is searched per record kind, how a query
// string is normalised, and the SQL pieces. Records are read through the search views
// (./views.ts); the expressions here must stay identical to the index expressions in
// db/schema/records.ts (migration 0006_search_indexes), or Postgres will not use them.
import { sql, type SQL } from "drizzle-orm";
import type { RecordKind } from "@/lib/records/registry";
import { MAX_QUERY_LENGTH } from "./query-limits";
import { searchCompanies as companies, searchContacts as contacts, searchDeals as deals, searchLeads as leads, searchTickets as tickets } from "./views";

export { MAX_QUERY_LENGTH };
/** Below this length trigrams say little: prefix matches only, no typo tolerance. */
export const MIN_FUZZY_LENGTH = 3;
/** Candidates read per kind and tier before ranking: bounds the work for very common words. */
export const CANDIDATES_PER_TIER = 50;
/** One word: `q <% field` (word_similarity); "smiht" → "smith" scores 0.5. */
export const WORD_SIMILARITY_THRESHOLD = 0.5;

export interface SearchField {
  /** The trigram-indexed expression, e.g. lower(name): contains and typo matches, and scoring. */
  expr: SQL;
  /** Typo-tolerant (trigram similarity) as well as contains; emails and domains only match as typed. */
  fuzzy: boolean;
  /** Emails and domains hold no spaces: a query with a space cannot be inside them. */
  spaces: boolean;
  /** Secondary fields rank just below the primary one for the same kind of match. */
  weight: number;
  /** The same text computed from the returned columns, for ranking. */
  text(row: Record<string, unknown>): string;
}

export interface SearchKindSpec {
  kind: RecordKind;
  table: typeof companies | typeof contacts | typeof deals | typeof leads | typeof tickets;
  fields: SearchField[];
  /**
   * B-tree expressions `(tenant_id, (lower(x) collate "C"))` read as a range, in order:
   * "starts with" on the big tables costs one index descent. Kinds without them find
   * prefixes through the trigram index instead.
   */
  prefixes: SQL[];
  /** Columns returned for the title and subtitle, camelCase names. */
  columns: Record<string, SQL>;
}

/** lower(coalesce(first,'') || ' ' || coalesce(last,'')): contacts_name_trgm_idx / leads_name_trgm_idx. */
const personName = (t: typeof contacts | typeof leads) => sql`lower(coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, ''))`;
/** The same expression in byte order, for the prefix b-trees (any database collation). */
const inC = (e: SQL) => sql`(${e} collate "C")`;
const personText = (r: Record<string, unknown>) => norm(`${r.firstName ?? ""} ${r.lastName ?? ""}`);
const col = (name: string) => (r: Record<string, unknown>) => norm(r[name]);

export const SEARCH_KINDS: SearchKindSpec[] = [
  {
    kind: "CONTACT",
    table: contacts,
    fields: [
      { expr: personName(contacts), fuzzy: true, spaces: true, weight: 1, text: personText },
      { expr: sql`lower(${contacts.email})`, fuzzy: false, spaces: false, weight: 0.95, text: col("email") },
    ],
    prefixes: [inC(personName(contacts)), inC(sql`lower(${contacts.lastName})`), inC(sql`lower(${contacts.email})`)],
    columns: { firstName: sql`${contacts.firstName}`, lastName: sql`${contacts.lastName}`, email: sql`${contacts.email}`, jobTitle: sql`${contacts.jobTitle}` },
  },
  {
    kind: "COMPANY",
    table: companies,
    fields: [
      { expr: sql`lower(${companies.name})`, fuzzy: true, spaces: true, weight: 1, text: col("name") },
      { expr: sql`lower(${companies.domain})`, fuzzy: false, spaces: false, weight: 0.95, text: col("domain") },
    ],
    prefixes: [inC(sql`lower(${companies.name})`), inC(sql`lower(${companies.domain})`)],
    columns: { name: sql`${companies.name}`, domain: sql`${companies.domain}`, industry: sql`${companies.industry}` },
  },
  {
    kind: "DEAL",
    table: deals,
    fields: [{ expr: sql`lower(${deals.name})`, fuzzy: true, spaces: true, weight: 1, text: col("name") }],
    prefixes: [],
    columns: { name: sql`${deals.name}`, amount: sql`${deals.amount}::text`, currency: sql`${deals.currency}`, status: sql`${deals.status}` },
  },
  {
    kind: "LEAD",
    table: leads,
    fields: [
      { expr: personName(leads), fuzzy: true, spaces: true, weight: 1, text: personText },
      { expr: sql`lower(${leads.email})`, fuzzy: false, spaces: false, weight: 0.95, text: col("email") },
      { expr: sql`lower(${leads.companyName})`, fuzzy: true, spaces: true, weight: 0.9, text: col("companyName") },
    ],
    prefixes: [],
    columns: { firstName: sql`${leads.firstName}`, lastName: sql`${leads.lastName}`, email: sql`${leads.email}`, companyName: sql`${leads.companyName}` },
  },
  {
    kind: "TICKET",
    table: tickets,
    fields: [{ expr: sql`lower(${tickets.subject})`, fuzzy: true, spaces: true, weight: 1, text: col("subject") }],
    prefixes: [],
    columns: { subject: sql`${tickets.subject}`, priority: sql`${tickets.priority}` },
  },
];

/** Lower case, trimmed, inner whitespace collapsed, cut to MAX_QUERY_LENGTH. */
export function normalizeQuery(q: string): string {
  return q.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase().slice(0, MAX_QUERY_LENGTH).trim();
}

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);
/** A LIKE pattern matching `q` literally anywhere. */
export const containsPattern = (q: string) => `%${escapeLike(q)}%`;
/** LIKE patterns for "the field, or one of its words, starts with q". */
export const wordPrefixPatterns = (q: string) => [`${escapeLike(q)}%`, `% ${escapeLike(q)}%`];
/** The exclusive upper bound of the strings starting with q, in byte ("C") order. */
export const prefixUpperBound = (q: string) => `${q}\u{10FFFF}`;

/** Words of a query that say something to trigrams (2+ characters). */
export const queryWords = (q: string) => q.split(" ").filter((w) => w.length >= 2);

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
