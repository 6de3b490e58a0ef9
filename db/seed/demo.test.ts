import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { systemActor } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { DEMO_COUNTS, DEMO_PASSWORD, seedDemoTenant } from "./demo";
import { isDatabaseEmpty } from "./index";

type Row = Record<string, unknown>;

// The demo emails are globally unique, so this database can be seeded once: one test.
// Other test files may have created users already, so emptiness is only checked after.
it("seeds the Acme Corp demo tenant with consistent data", async () => {
  const started = Date.now();
  const result = await seedDemoTenant();
  const seconds = (Date.now() - started) / 1000;
  console.log(`seedDemoTenant took ${seconds.toFixed(2)} s`); // ~1.5-3 s; not asserted, shared CI machines vary

  expect(result.tenantName).toBe("Acme Corp");
  expect(result.logins.map((l) => l.email)).toEqual(["admin@acme.test", "manager@acme.test", "rep@acme.test", "rep2@acme.test", "viewer@acme.test"]);
  expect(result.logins.map((l) => l.role)).toEqual(["admin", "manager", "sales_rep", "sales_rep", "readonly"]);
  expect(result.logins.every((l) => l.password === DEMO_PASSWORD)).toBe(true);
  expect(await isDatabaseEmpty()).toBe(false);

  // the logins work: global users with the demo password and an active membership
  const logins = await withTenant({ tenantId: result.tenantId, actor: systemActor() }, (tx) =>
    tx.execute<{ email: string; password_hash: string }>(
      sql`select u.email, u.password_hash from users u join tenant_users tu on tu.user_id = u.id where tu.tenant_id = ${result.tenantId} order by u.email`,
    ),
  );
  expect(logins).toHaveLength(5);
  for (const u of logins) expect(await verifyPassword(u.password_hash, DEMO_PASSWORD)).toBe(true);

  const ctx = { tenantId: result.tenantId, actor: systemActor() };
  const q = async (query: ReturnType<typeof sql>) => (await withTenant(ctx, (tx) => tx.execute<Row>(query))) as Row[];
  const one = async (query: ReturnType<typeof sql>) => (await q(query))[0]!;

  expect(await one(sql`select count(*)::int as n from tenant_users where is_active`)).toEqual({ n: 5 });
  expect(await one(sql`select count(*)::int as n from tenant_groups`)).toEqual({ n: 2 });
  expect((await one(sql`select count(*)::int as n from tenant_group_members`)).n).toBeGreaterThanOrEqual(4);
  expect((await one(sql`select count(*)::int as n from tags`)).n).toBeGreaterThanOrEqual(10);

  const counts = await one(sql`select
      (select count(*)::int from companies) as companies,
      (select count(distinct lower(domain))::int from companies) as domains,
      (select count(*)::int from contacts) as contacts,
      (select count(*)::int from contacts where company_id is not null) as linked_contacts,
      (select count(*)::int from deals) as deals,
      (select count(*)::int from leads) as leads,
      (select count(*)::int from tickets) as tickets,
      (select count(*)::int from activities) as activities,
      (select count(*)::int from stage_history) as history`);
  expect(counts).toMatchObject({
    companies: DEMO_COUNTS.companies,
    domains: DEMO_COUNTS.companies,
    contacts: DEMO_COUNTS.contacts,
    deals: DEMO_COUNTS.deals,
    leads: DEMO_COUNTS.leads,
    tickets: DEMO_COUNTS.tickets,
    activities: DEMO_COUNTS.activities,
    history: DEMO_COUNTS.deals + DEMO_COUNTS.leads + DEMO_COUNTS.tickets,
  });
  expect(counts.linked_contacts as number).toBeGreaterThan(DEMO_COUNTS.contacts * 0.7);

  // every deal is on the default Sales Pipeline, in a stage of that pipeline, with the
  // stage's probability and the status its stage state implies
  const deals = await one(sql`select
      count(*)::int as n,
      count(*) filter (where p.name = 'Sales Pipeline' and p.is_default)::int as in_sales,
      count(*) filter (where s.pipeline_id = d.pipeline_id)::int as stage_in_pipeline,
      count(*) filter (where d.forecast_probability = s.probability)::int as probability_ok,
      count(*) filter (where d.status = case s.stage_state when 'DONE_SUCCESS' then 'won'::deal_status when 'DONE_FAILED' then 'lost'::deal_status else 'open'::deal_status end)::int as status_ok,
      count(distinct d.stage_id)::int as stages_used,
      count(*) filter (where d.stage_entered_at < now() and d.position is not null and d.currency = 'USD')::int as placed
    from deals d join pipelines p on p.id = d.pipeline_id join pipeline_stages s on s.id = d.stage_id`);
  expect(deals).toEqual({ n: 300, in_sales: 300, stage_in_pipeline: 300, probability_ok: 300, status_ok: 300, stages_used: 6, placed: 300 });

  // a realistic board: most open records are within their stage's expected days, some are stalled
  for (const table of ["deals", "leads", "tickets"] as const) {
    const r = await one(sql`select count(*)::int as n,
        count(*) filter (where floor(extract(epoch from (now() - r.stage_entered_at)) / 86400) > s.expected_days)::int as stalled
      from ${sql.identifier(table)} r join pipeline_stages s on s.id = r.stage_id
      where s.stage_state in ('NOT_STARTED', 'IN_PROGRESS') and s.expected_days is not null`);
    expect(r.n as number).toBeGreaterThan(0);
    expect(r.stalled as number).toBeGreaterThan(0);
    expect(r.stalled as number).toBeLessThan((r.n as number) * 0.4);
  }

  // positions are unique within a stage
  expect(await one(sql`select count(*)::int as n from (select stage_id, position from deals group by 1, 2 having count(*) > 1) x`)).toEqual({ n: 0 });

  // leads and tickets sit in stages of their own default pipelines
  for (const [table, objectType] of [["leads", "LEAD"], ["tickets", "TICKET"]] as const) {
    const r = await one(sql`select count(*)::int as n,
        count(*) filter (where p.object_type = ${objectType}::pipeline_object_type and s.pipeline_id = p.id)::int as ok
      from ${sql.identifier(table)} r join pipelines p on p.id = r.pipeline_id join pipeline_stages s on s.id = r.stage_id`);
    expect(r.n).toBeGreaterThan(0);
    expect(r.ok).toBe(r.n);
  }

  // one IMPORT history row per record, pointing at its current stage
  const history = await one(sql`select count(*)::int as n from stage_history h
      left join deals d on h.entity_type = 'DEAL' and d.id = h.entity_id and d.stage_id = h.to_stage_id
      left join leads l on h.entity_type = 'LEAD' and l.id = h.entity_id and l.stage_id = h.to_stage_id
      left join tickets t on h.entity_type = 'TICKET' and t.id = h.entity_id and t.stage_id = h.to_stage_id
    where h.source = 'IMPORT' and h.from_stage_id is null and coalesce(d.id, l.id, t.id) is not null`);
  expect(history.n).toBe(600);

  // activities point at existing records; tasks have due dates and assignees
  const acts = await one(sql`select
      count(*) filter (where coalesce(c.id, co.id, d.id) is null)::int as dangling,
      count(*) filter (where a.activity_type = 'TASK')::int as tasks,
      count(*) filter (where a.activity_type = 'TASK' and a.due_at is not null and a.assigned_user_id is not null)::int as assigned_tasks,
      count(*) filter (where a.activity_at > now())::int as future
    from activities a
      left join contacts c on a.record_type = 'CONTACT' and c.id = a.record_id
      left join companies co on a.record_type = 'COMPANY' and co.id = a.record_id
      left join deals d on a.record_type = 'DEAL' and d.id = a.record_id`);
  expect(acts.dangling).toBe(0);
  expect(acts.future).toBe(0);
  expect(acts.tasks as number).toBeGreaterThan(0);
  expect(acts.assigned_tasks).toBe(acts.tasks);

  // a second seed is refused (the demo emails are taken) and leaves nothing behind
  await expect(seedDemoTenant()).rejects.toMatchObject({ code: "conflict" });
});
