import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { BENCH_ADMIN_EMAIL, benchUuid, generateBenchData, SMALL_TENANT } from "./generate";

// The generator drops and rebuilds indexes (bulk mode) and its admin email is global:
// it gets a database of its own in the test cluster, so parallel tests never wait on it.
const ownerUrl = inject("ownerUrl");
const dbName = `stageline_generate_${process.pid}`;
const admin = postgres(ownerUrl, { max: 1, onnotice: () => {} });
let sql: postgres.Sql;

beforeAll(async () => {
  await admin.unsafe(`drop database if exists ${dbName}`);
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(ownerUrl);
  url.pathname = `/${dbName}`;
  // drizzle adjusts the type handling of the client it wraps: migrate on a client of its own
  const migrator = postgres(url.toString(), { max: 1, onnotice: () => {} });
  await migrate(drizzle(migrator), { migrationsFolder: path.resolve(import.meta.dirname, "../migrations") });
  await migrator.end();
  sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end();
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

/** Every index and constraint definition of the tables the bulk mode touches. */
async function schemaShape() {
  return sql<{ def: string }[]>`
    select pg_get_indexdef(indexrelid) as def from pg_index where indrelid in ('companies'::regclass, 'contacts'::regclass, 'activities'::regclass)
    union all
    select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated from pg_constraint
      where conrelid in ('companies'::regclass, 'contacts'::regclass, 'activities'::regclass)
    order by 1`;
}

// BENCH_ADMIN_EMAIL is globally unique: one run per database.
it("generates a big tenant and small tenants with consistent references, keeping the schema intact", async () => {
  const before = await schemaShape();
  const lines: string[] = [];
  const result = await generateBenchData(sql, {
    companies: 300, contacts: 2_000, deals: 101, activities: 5_000, leads: 300, tenants: 2, users: 5, chunk: 700,
    bulkThreshold: 1_000, // exercise the drop-and-rebuild path on contacts and activities
    log: (l) => lines.push(l),
  });
  expect(lines.some((l) => l.includes("bulk mode"))).toBe(true);
  expect(await schemaShape()).toEqual(before);

  expect(result.adminEmail).toBe(BENCH_ADMIN_EMAIL);
  expect(result.smallTenantIds).toHaveLength(2);
  expect(result.counts).toMatchObject({ users: 5, companies: 300, contacts: 2_000, deals: 101, activities: 5_300, leads: 300, stageHistory: 401, smallTenants: 2 });
  expect(result.counts.smallTenantRows).toMatchObject({ contacts: 2 * SMALL_TENANT.contacts, companies: 2 * SMALL_TENANT.companies, deals: 2 * SMALL_TENANT.deals });

  const [admin] = await sql<{ password_hash: string; role: string }[]>`
    select u.password_hash, tu.role from users u join tenant_users tu on tu.user_id = u.id where u.email = ${BENCH_ADMIN_EMAIL}`;
  expect(admin!.role).toBe("admin");
  expect(await verifyPassword(admin!.password_hash, result.adminPassword)).toBe(true);

  const t = result.tenantId;
  const [refs] = await sql`select
      (select count(*)::int from contacts x where x.tenant_id = ${t} and x.company_id is not null
         and not exists (select 1 from companies c where c.tenant_id = x.tenant_id and c.id = x.company_id)) as bad_contact_company,
      (select count(*)::int from activities a where a.tenant_id = ${t} and a.record_type = 'CONTACT'
         and not exists (select 1 from contacts c where c.tenant_id = a.tenant_id and c.id = a.record_id)) as bad_activity_record,
      (select count(*)::int from activities a where a.tenant_id = ${t} and a.record_type = 'LEAD'
         and not exists (select 1 from leads l where l.tenant_id = a.tenant_id and l.id = a.record_id)) as bad_lead_activity,
      (select count(*)::int from activities a where a.tenant_id = ${t} and a.record_type not in ('CONTACT', 'LEAD')) as other_activities,
      (select count(distinct lower(email))::int from leads where tenant_id = ${t}) as lead_emails,
      (select count(*)::int from leads l join pipeline_stages s on s.tenant_id = l.tenant_id and s.id = l.stage_id
         where l.tenant_id = ${t} and s.stage_type = 'OPEN' and l.pipeline_id = s.pipeline_id) as leads_in_open_stages,
      (select count(*)::int from deals d where d.tenant_id = ${t}
         and not exists (select 1 from contacts c where c.tenant_id = d.tenant_id and c.id = d.contact_id)) as bad_deal_contact,
      (select count(distinct lower(domain))::int from companies where tenant_id = ${t}) as domains,
      (select count(*)::int from contacts x join companies c on c.tenant_id = x.tenant_id and c.id = x.company_id
         where x.tenant_id = ${t} and split_part(x.email, '@', 2) <> c.domain) as email_domain_mismatch,
      (select count(*)::int from deals d join companies c on c.tenant_id = d.tenant_id and c.id = d.company_id
         where d.tenant_id = ${t} and d.name not like split_part(c.name, ' ', 1) || ' ' || split_part(c.name, ' ', 2) || ' – %') as deal_name_mismatch`;
  expect(refs).toEqual({
    bad_contact_company: 0, bad_activity_record: 0, bad_lead_activity: 0, other_activities: 0, lead_emails: 300, leads_in_open_stages: 300,
    bad_deal_contact: 0, domains: 300,
    email_domain_mismatch: 0, deal_name_mismatch: 0,
  });

  // deals: all open, in the sales pipeline's open stages, unique positions per stage, probability from the stage
  const stages = await sql<{ name: string; display_order: number; n: number; positions: number; prob_ok: number; open: number }[]>`
    select s.name, s.display_order, count(*)::int as n, count(distinct d.position)::int as positions,
      count(*) filter (where d.forecast_probability = s.probability)::int as prob_ok,
      count(*) filter (where d.status = 'open' and d.pipeline_id = s.pipeline_id)::int as open
    from deals d join pipeline_stages s on s.tenant_id = d.tenant_id and s.id = d.stage_id
    where d.tenant_id = ${t} group by 1, 2 order by 2`;
  expect(stages.map((s) => s.name)).toEqual(["Prospecting", "Qualification", "Proposal", "Negotiation"]);
  for (const s of stages) expect([s.positions, s.prob_ok, s.open]).toEqual([s.n, s.n, s.n]);

  // benchUuid addresses generated rows
  const [c1] = await sql`select id from contacts where tenant_id = ${t} and id = ${benchUuid(t, "contact", 1)}`;
  expect(c1).toBeDefined();
  expect(benchUuid(t, "contact", 1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

  // a second run is refused and changes nothing
  await expect(generateBenchData(sql, { companies: 1, contacts: 1, deals: 0, activities: 0, tenants: 0, log: () => {} })).rejects.toThrow(/already exists/);
});
