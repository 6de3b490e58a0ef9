// Global search across contacts, companies, deals, leads and tickets: one call of the
// database function search_candidates (db/migrations/0017_search_functions.sql), which
// collects each kind's candidates in tiers, each tier reading a bounded number of rows
// through an index:
//   1. prefix: the name / last name / email / domain starts with q (b-tree range scans)
//   2. contains: a field contains q (trigram LIKE '%q%'; word prefixes below 3 chars),
//      only when tier 1 found fewer than `limit`
//   3. similar: typo-tolerant trigram word similarity (`<%`), each query word on its
//      own, only when tiers 1–2 found nothing
// The candidates are then ranked here (scoreCandidate: any literal match above any typo
// match) and cut to `limit` per kind.
// So a common word ("smith") never ranks thousands of rows, and a typo ("jonatan
// smith") still finds its record.
// Why a SECURITY DEFINER function and not queries on the tables: under row level
// security lower(), LIKE and the trigram operators (none LEAKPROOF) cannot use the
// indexes. The function takes only values and returns only the live rows of the tenant
// in app.tenant_id, which withTenant sets, so no expression of a caller ever meets
// another tenant's rows (lib/search/candidates.test.ts).
import "server-only";
import { sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { RECORD_KINDS, type RecordKind } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { normalizeQuery, scoreCandidate, SEARCH_KINDS } from "./query";
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

/** Best matches first; each kind contributes at most `limit` hits. An empty query finds nothing. */
export async function searchAll(ctx: TenantContext, query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
  const q = normalizeQuery(query);
  if (!q) return [];
  const limit = opts.limit ?? 5;
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new AppError("bad-request", "limit must be an integer from 1 to 50");
  const specs = SEARCH_KINDS.filter((s) => !opts.kinds || opts.kinds.includes(s.kind));
  if (specs.length === 0) return [];
  const kinds = sql.join(specs.map((s) => sql`${s.kind}`), sql`, `);
  const rows = await withTenant(ctx, (tx) =>
    tx.execute<{ kind: RecordKind; id: string; sim: number | null; fields: Record<string, unknown> }>(
      sql`select kind, id, sim, fields from search_candidates(array[${kinds}]::crm_record_type[], ${q}, ${limit})`,
    ),
  );
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
