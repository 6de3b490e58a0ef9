import { searchAll } from "../lib/search/search";
import type { TenantContext } from "../lib/tenancy/context";
import { stats, type Row } from "./harness";
import type { BenchEnv } from "./index";
import { rawInTenant } from "./tenant-sql";
import { performance } from "node:perf_hooks";

/** Global search over real names of the big tenant: as typed, lower case, a prefix, a typo. */
export async function benchSearch(env: BenchEnv): Promise<Row[]> {
  const ctx: TenantContext = { tenantId: env.tenantId, actor: { kind: "user", userId: env.userId, role: "admin", source: "USER" } };
  const people = await rawInTenant(env.app, env.tenantId, (tx) => tx<{ first_name: string; last_name: string }[]>`
    select first_name, last_name from contacts where tenant_id = ${env.tenantId} order by id limit 30`);
  const queries = people.flatMap((p) => [`${p.first_name} ${p.last_name}`, p.last_name.toLowerCase(), p.first_name.slice(0, 3), p.last_name.slice(0, -1)]);
  const app: number[] = [];
  const raw: number[] = [];
  for (const q of queries) await searchAll(ctx, q); // warm
  for (const q of queries) {
    let t = performance.now();
    await searchAll(ctx, q);
    app.push(performance.now() - t);
    t = performance.now();
    // the literal part of the same search, hand-written: prefix/contains on names, 5 per kind
    await rawInTenant(env.app, env.tenantId, (tx) => tx`
      (select id from search_contacts where lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) like ${`%${q.toLowerCase()}%`} limit 5)
      union all (select id from search_companies where lower(name) like ${`%${q.toLowerCase()}%`} limit 5)`);
    raw.push(performance.now() - t);
  }
  const a = stats(app);
  return [{ benchmark: `global search, ${queries.length} queries (incl. typos)`, app: a, raw: stats(raw), target: "p95 ≤ 50 ms", pass: a.p95 <= 50 }];
}
