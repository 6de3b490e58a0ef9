// Global search across contacts, companies, deals, leads and tickets: one statement, a
// UNION ALL of one candidate query per kind, over the search views (live rows of this
// tenant; see ./views.ts). Each kind collects candidates in tiers, each tier reading a
// bounded number of rows through an index:
//   1. prefix: the name / last name / email / domain starts with q (b-tree range scans)
//   2. contains: a field contains q (trigram LIKE '%q%'; word prefixes below 3 chars),
//      only when tier 1 found fewer than `limit`
//   3. similar: typo-tolerant trigram word similarity (`<%`), each query word on its
//      own, only when tiers 1–2 found nothing
// The candidates are then ranked in JS (scoreCandidate: any literal match above any typo
// match) and cut to `limit` per kind.
// So a common word ("smith") never ranks thousands of rows, and a typo ("jonatan
// smith") still finds its record. The tenant is filtered explicitly and by the views.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { RECORD_KINDS, type RecordKind } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import {
  CANDIDATES_PER_TIER,
  containsPattern,
  MIN_FUZZY_LENGTH,
  normalizeQuery,
  prefixUpperBound,
  queryWords,
  scoreCandidate,
  SEARCH_KINDS,
  WORD_SIMILARITY_THRESHOLD,
  wordPrefixPatterns,
  type SearchKindSpec,
} from "./query";
import { subtitleOf } from "./subtitle";

export interface SearchHit {
  recordType: RecordKind;
  id: string;
  title: string;
  subtitle: string | null;
  /** Higher is better: 1 exact, 0.9 prefix, 0.8 word prefix, 0.7 contains, ≤ 0.6 similar. */
  score: number;
}

export interface SearchOptions {
  /** Hits per record kind (1–50, default 5). */
  limit?: number;
  /** Only these kinds (default: all five). */
  kinds?: readonly RecordKind[];
}

/** Tier 1: "starts with" through the prefix b-trees, each read in order and cut at `limit`. */
function prefixTier(spec: SearchKindSpec, live: SQL, q: string, limit: number): SQL | null {
  if (spec.prefixes.length === 0) return null;
  const t = spec.table;
  const upper = prefixUpperBound(q);
  return sql.join(
    spec.prefixes.map((p) => sql`(select ${t.id} as id from ${t} where ${live} and ${p} >= ${q}::text and ${p} < ${upper}::text order by ${p} limit ${limit})`),
    sql` union `,
  );
}

/** Tier 2: the field contains q (trigram LIKE); below 3 characters only field or word prefixes. */
function containsTier(spec: SearchKindSpec, q: string): SQL | null {
  const short = q.length < MIN_FUZZY_LENGTH;
  const fields = spec.fields.filter((f) => (f.spaces || !q.includes(" ")) && !(short && spec.prefixes.length > 0));
  const parts = fields.flatMap((f) => (short ? wordPrefixPatterns(q) : [containsPattern(q)]).map((pattern) => sql`${f.expr} like ${pattern}`));
  return parts.length ? sql.join(parts, sql` or `) : null;
}

/**
 * Tier 3: typo-tolerant. One word: `q <% field` (word_similarity). Several words: each
 * word must be similar to a word of the same field, which keeps the candidates few
 * ("jonatan smith": 9 of 1M rows instead of the 3,000 that `q % field` reads).
 */
function fuzzyTier(spec: SearchKindSpec, q: string): SQL | null {
  const fuzzy = spec.fields.filter((f) => f.fuzzy);
  const words = queryWords(q);
  if (q.length < MIN_FUZZY_LENGTH || fuzzy.length === 0 || words.length === 0) return null;
  return sql.join(
    fuzzy.map((f) => sql`(${sql.join(words.map((w) => sql`${w}::text <% ${f.expr}`), sql` and `)})`),
    sql` or `,
  );
}

/** Mean over the query words of the best word similarity among the typo-tolerant fields. */
function similarityOf(spec: SearchKindSpec, q: string): SQL {
  const fields = spec.fields.filter((f) => f.fuzzy);
  const words = queryWords(q);
  const per = words.map((w) => {
    const sims = fields.map((f) => sql`coalesce(word_similarity(${w}::text, ${f.expr}), 0)`);
    return sims.length === 1 ? sims[0]! : sql`greatest(${sql.join(sims, sql`, `)})`;
  });
  return sql`(${sql.join(per, sql` + `)}) / ${words.length}::float8`;
}

/** Candidate rows of one kind: id, display columns, and a similarity for typo matches (ranked in JS). */
export function kindQuery(spec: SearchKindSpec, tenantId: string, q: string, limit: number): SQL {
  const t = spec.table;
  const live = sql`${t.tenantId} = ${tenantId}::uuid`;
  const tiers: string[] = [];
  const ctes: SQL[] = [];
  const count = (names: string[]) => sql.join(names.map((n) => sql`(select count(*) from ${sql.raw(n)})`), sql` + `);
  const prefix = prefixTier(spec, live, q, limit);
  if (prefix) {
    tiers.push("prefix_hits");
    ctes.push(sql`prefix_hits as materialized (${prefix})`);
  }
  const contains = containsTier(spec, q);
  if (contains) {
    // only when "starts with" found fewer than `limit`
    const gate = tiers.length ? sql`${count(tiers)} < ${limit} and ` : sql``;
    // Planned without the LIMIT (a CTE is planned for all its rows): with the limit in the
    // same query Postgres bets on a seq scan finding 50 rows early, and reads all 200k
    // companies when few match. The outer LIMIT still stops reading early. (Same below.)
    ctes.push(sql`contains_all as materialized (select ${t.id} as id from ${t} where ${gate}${live} and (${contains}))`);
    ctes.push(sql`contains_hits as materialized (select id from contains_all limit ${CANDIDATES_PER_TIER})`);
    tiers.push("contains_hits");
  }
  const fuzzy = fuzzyTier(spec, q);
  if (fuzzy) {
    // only when nothing of this kind matched as typed: keeps typo matching (the costly tier on
    // big tables) for the queries that need it; "lara ryan" finds "Clara Ryan", not also "Laura Ryan"
    const gate = tiers.length ? sql`${count(tiers)} = 0 and ` : sql``;
    ctes.push(
      sql`fuzzy_all as materialized (select ${t.id} as id, ${similarityOf(spec, q)} as sim from ${t} where ${gate}${live} and (${fuzzy}))`,
      sql`fuzzy_hits as materialized (select id, sim from fuzzy_all limit ${CANDIDATES_PER_TIER})`,
    );
  }
  if (ctes.length === 0) return sql`(select null::text as kind, null::uuid as id, null::float8 as sim, null::jsonb as fields where false)`;
  const columns = sql.join(
    Object.entries(spec.columns).map(([name, col]) => sql`${name}::text, ${col}`),
    sql`, `,
  );
  const ids = [...tiers.map((n) => sql`select id from ${sql.raw(n)}`), ...(fuzzy ? [sql`select id from fuzzy_hits`] : [])];
  return sql`(
    with ${sql.join(ctes, sql`, `)}
    select ${spec.kind}::text as kind, ${t.id} as id, ${fuzzy ? sql`(select f.sim from fuzzy_hits f where f.id = ${t.id})` : sql`null::float8`} as sim,
      jsonb_build_object(${columns}) as fields
    from ${t}
    where ${live} and ${t.id} in (${sql.join(ids, sql` union `)})
  )`;
}

/** Best matches first; each kind contributes at most `limit` hits. An empty query finds nothing. */
export async function searchAll(ctx: TenantContext, query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
  const q = normalizeQuery(query);
  if (!q) return [];
  const limit = opts.limit ?? 5;
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new AppError("bad-request", "limit must be an integer from 1 to 50");
  const specs = SEARCH_KINDS.filter((s) => !opts.kinds || opts.kinds.includes(s.kind));
  if (specs.length === 0) return [];
  const rows = await withTenant(ctx, async (tx) => {
    // The threshold of the <% operator, for this transaction only.
    await tx.execute(
      sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true)`,
    );
    return tx.execute<{ kind: RecordKind; id: string; sim: number | null; fields: Record<string, unknown> }>(
      sql.join(
        specs.map((s) => kindQuery(s, ctx.tenantId, q, limit)),
        sql` union all `,
      ),
    );
  });
  const order = Object.keys(RECORD_KINDS);
  const specOf = new Map(specs.map((s) => [s.kind, s]));
  const hits = rows.map((r) => ({
    recordType: r.kind,
    id: r.id,
    title: RECORD_KINDS[r.kind].title(r.fields),
    subtitle: subtitleOf(r.kind, r.fields),
    score: scoreCandidate(specOf.get(r.kind)!, q, r.fields, r.sim === null ? null : Number(r.sim)),
  }));
  const byRank = (a: SearchHit, b: SearchHit) => b.score - a.score || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
  const kept = specs.flatMap((s) => hits.filter((h) => h.recordType === s.kind).sort(byRank).slice(0, limit));
  return kept.sort((a, b) => byRank(a, b) || order.indexOf(a.recordType) - order.indexOf(b.recordType));
}
