import { performance } from "node:perf_hooks";
import { duplicatesOf, listDuplicates } from "../lib/duplicates/queries";
import { mergeRecords } from "../lib/merge/merge-records";
import type { TenantContext } from "../lib/tenancy/context";
import { stats, time, type Row } from "./harness";
import type { BenchEnv } from "./index";

/** Pairs of likely duplicates the suite adds (one per reason kind), so every query finds something. */
const PAIRS = 50;
/** Issue 17: a merge of 10 records with 5,000 activities each; BENCH_MERGE_ACTIVITIES makes a small run smaller. */
const MERGED = 10;
const ACTIVITIES = Number(process.env.BENCH_MERGE_ACTIVITIES ?? 5_000);
const MERGE_SAMPLES = Number(process.env.BENCH_MERGE_SAMPLES ?? 5);

/**
 * Duplicates and merge (issue 17) on the big tenant: the first page of duplicate groups
 * over all its contacts (set-based: ≤ 60 s for all of them), a record's possible
 * duplicates (≤ 20 ms), and a merge of 10 contacts with their activities (≤ 1 s). Each
 * next to the same work in raw SQL (the owner, the tenant filtered by hand), same run.
 * The suite adds its own contacts (marked "bench-dup") and merges some of them.
 */
export async function benchDuplicates(env: BenchEnv): Promise<Row[]> {
  const ctx: TenantContext = { tenantId: env.tenantId, actor: { kind: "user", userId: env.userId, role: "admin", source: "USER" } };
  const tag = `bench-dup-${Date.now()}`;
  // pairs sharing an email (case differs), pairs sharing a phone written two ways
  const pairIds = await env.owner<{ id: string }[]>`
    insert into contacts (tenant_id, first_name, last_name, email, phone, owned_by_user_id, tags)
    select ${env.tenantId}, 'Dup', ${tag} || '-' || g, case when g % 4 = 0 then ${tag} || '-' || (g / 4) || '@dup.test' when g % 4 = 2 then upper(${tag} || '-' || (g / 4) || '@DUP.test') end,
      case when g % 2 = 1 then (case when g % 4 = 1 then '+1 (' else '' end) || lpad((700000000 + g / 4)::text, 9, '0') end,
      ${env.userId}, array[${tag}]
    from generate_series(0, ${PAIRS * 4 - 1}) g
    returning id`;
  const probes = pairIds.slice(0, 50).map((r) => r.id);

  const firstPage = await time(() => listDuplicates(ctx, "CONTACT", { limit: 50 }), 3, 1);
  const rawFirstPage = await time(
    () => env.owner`
      select dup_email, array_agg(id order by id) from contacts
      where tenant_id = ${env.tenantId} and deleted_at is null and dup_email is not null
      group by dup_email having count(*) > 1 order by dup_email limit 51`,
    3,
    1,
  );
  // every group of every reason, walked page by page (what "found set-based" costs in all)
  const walk = async () => {
    let cursor: string | null = null;
    let groups = 0;
    do {
      const page: Awaited<ReturnType<typeof listDuplicates>> = await listDuplicates(ctx, "CONTACT", { limit: 200, cursor });
      groups += page.data.length;
      cursor = page.nextCursor;
    } while (cursor);
    return groups;
  };
  let t = performance.now();
  const groups = await walk();
  const allPages = performance.now() - t;
  t = performance.now();
  await env.owner`
    select k, array_agg(distinct id) from (
      select dup_email k, id from contacts where tenant_id = ${env.tenantId} and deleted_at is null and dup_email is not null
      union all select dup_phone, id from contacts where tenant_id = ${env.tenantId} and deleted_at is null and dup_phone is not null
      union all select dup_mobile, id from contacts where tenant_id = ${env.tenantId} and deleted_at is null and dup_mobile is not null
      union all select company_id::text || dup_name, id from contacts where tenant_id = ${env.tenantId} and deleted_at is null and company_id is not null and dup_name is not null
    ) s group by k having count(distinct id) > 1`;
  const rawAll = performance.now() - t;

  let p = 0;
  const ofOne = await time(() => duplicatesOf(ctx, "CONTACT", probes[p++ % probes.length]!), 100);
  const [probe] = await env.owner<{ dup_email: string | null; dup_phone: string | null }[]>`select dup_email, dup_phone from contacts where tenant_id = ${env.tenantId} and id = ${probes[0]!}`;
  const rawOfOne = await time(
    () => env.owner`
      select id from contacts where tenant_id = ${env.tenantId} and deleted_at is null and id <> ${probes[0]!}
        and (dup_email = ${probe!.dup_email} or dup_phone = ${probe!.dup_phone} or dup_mobile = ${probe!.dup_phone}) limit 20`,
    100,
  );

  // merges: each sample its own 11 contacts, 10 of them with ACTIVITIES activities each
  const seed = async () => {
    const ids = (await env.owner<{ id: string }[]>`
      insert into contacts (tenant_id, first_name, last_name, owned_by_user_id, tags)
      select ${env.tenantId}, 'Merge', ${tag} || '-m' || g, ${env.userId}, array[${tag}] from generate_series(0, ${MERGED}) g returning id`).map((r) => r.id);
    await env.owner`
      insert into activities (tenant_id, activity_type, subject, record_type, record_id)
      select ${env.tenantId}, 'NOTE', 'bench', 'CONTACT', c from unnest(${ids.slice(1)}::uuid[]) c, generate_series(1, ${ACTIVITIES})`;
    return { survivor: ids[0]!, merged: ids.slice(1) };
  };
  const app: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < MERGE_SAMPLES; i++) {
    const a = await seed();
    t = performance.now();
    await mergeRecords(ctx, "CONTACT", a.survivor, { mergeIds: a.merged });
    app.push(performance.now() - t);
    const b = await seed();
    t = performance.now();
    // the same data moves by hand: activities re-pointed, the merged rows soft-deleted, a history row each
    await env.owner.begin(async (tx) => {
      await tx`update activities set record_id = ${b.survivor}, updated_at = now() where tenant_id = ${env.tenantId} and record_type = 'CONTACT' and record_id = any(${b.merged}::uuid[])`;
      await tx`update contacts set deleted_at = now(), merged_into_id = ${b.survivor} where tenant_id = ${env.tenantId} and id = any(${b.merged}::uuid[])`;
      await tx`insert into record_merges (tenant_id, record_type, survivor_id, merged_id, snapshot) select ${env.tenantId}, 'CONTACT', ${b.survivor}, m, '{}' from unnest(${b.merged}::uuid[]) m`;
    });
    raw.push(performance.now() - t);
  }

  const one = (ms: number) => stats([ms]);
  return [
    { benchmark: "duplicates: first page of contact groups", app: firstPage, raw: rawFirstPage, target: "≤ 60 s (all, set-based)", pass: firstPage.p95 <= 60_000, note: "raw: the email groups' first page" },
    { benchmark: `duplicates: every page, ${groups} groups`, app: one(allPages), raw: one(rawAll), target: "≤ 60 s", pass: allPages <= 60_000, note: "raw: one GROUP BY over all keys" },
    { benchmark: "duplicates of one contact (record page hint)", app: ofOne, raw: rawOfOne, target: "p95 ≤ 20 ms", pass: ofOne.p95 <= 20 },
    { benchmark: `merge ${MERGED} contacts × ${ACTIVITIES} activities`, app: stats(app), raw: stats(raw), target: "p95 ≤ 1 s", pass: stats(app).p95 <= 1_000, note: `${MERGE_SAMPLES} merges` },
  ];
}
