import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { convertLead } from "../lib/leads/convert";
import { submitWebForm } from "../lib/leads/web-form-submit";
import { createWebForm } from "../lib/leads/web-forms";
import type { TenantContext } from "../lib/tenancy/context";
import { stats, type Row } from "./harness";
import type { BenchEnv } from "./index";
import { rawInTenant } from "./tenant-sql";

const RUNS = Number(process.env.BENCH_LEADS_RUNS ?? 200);
const ACTIVITIES_PER_LEAD = 5;

/**
 * Issue 16: a lead's conversion (contact, company, deal, carry-over of its activities,
 * tags and watchers, the won stage) p95 ≤ 50 ms, and a web-form post p95 ≤ 30 ms, in the
 * big tenant (1M contacts and 200k companies to match against). Each is timed next to
 * raw SQL making the same rows on the app role, on other leads of the same batch. The
 * leads it converts are made here (2 × RUNS, each with its activities), set-based.
 */
export async function benchLeads(env: BenchEnv): Promise<Row[]> {
  const ctx: TenantContext = { tenantId: env.tenantId, actor: { kind: "user", userId: env.userId, role: "admin", source: "USER" } };
  const run = randomUUID().slice(0, 8);
  const started = new Date();
  const leadIds = await seedLeads(env, run, 2 * RUNS);
  const appLeads = leadIds.slice(0, RUNS);
  const rawLeads = leadIds.slice(RUNS);

  const convert: number[] = [];
  for (const id of appLeads) {
    const t = performance.now();
    await convertLead(ctx, id, { deal: { amount: "1200.00" } });
    convert.push(performance.now() - t);
  }
  const convertRaw: number[] = [];
  for (const id of rawLeads) {
    const t = performance.now();
    await rawConvert(env, id);
    convertRaw.push(performance.now() - t);
  }

  const form = await createWebForm(ctx, { name: `Bench ${run}`, fields: ["firstName", "lastName", "email", "companyName"] });
  const post: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const body = { firstName: "Wendy", lastName: `Form ${i}`, email: `wf-${run}-${i}@bench-form.example`, companyName: "Form Co", utm_source: "bench", utm_campaign: run };
    const t = performance.now();
    // a new address each time: the per-address limit (30 a minute) is counted, never hit
    await submitWebForm(form.key, body, `198.18.${i >> 8}.${i & 255}`);
    post.push(performance.now() - t);
  }
  const postRaw: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await rawFormPost(env, form.key, `wr-${run}-${i}@bench-form.example`, run);
    postRaw.push(performance.now() - t);
  }

  await removeConversions(env, leadIds, started);

  const row = (benchmark: string, app: number[], raw: number[], limit: number): Row => {
    const a = stats(app);
    return { benchmark, app: a, raw: stats(raw), target: `p95 ≤ ${limit} ms`, pass: a.p95 <= limit, note: `${RUNS} runs` };
  };
  return [row("lead conversion (contact, company, deal, 5 activities)", convert, convertRaw, 50), row("web-form post (a new lead)", post, postRaw, 30)];
}

/** 2 × RUNS leads in the default lead pipeline's first stage, each with its activities; emails at a domain of their own. */
async function seedLeads(env: BenchEnv, run: string, n: number): Promise<string[]> {
  return rawInTenant(env.app, env.tenantId, async (tx) => {
    const leads = await tx<{ id: string }[]>`
      insert into leads (tenant_id, first_name, last_name, email, company_name, source, tags, owned_by_user_id, pipeline_id, stage_id, stage_entered_at, position)
      select ${env.tenantId}, 'Bench', 'Lead ' || g, 'lead' || g || '@bench-' || ${run} || '-' || g || '.example', 'Bench Co ' || ${run} || ' ' || g, 'bench', array['bench'],
             ${env.userId}, p.id, s.id, now(), 'a' || lpad(g::text, 8, '0')
      from generate_series(1, ${n}) g
      cross join lateral (select id from pipelines where tenant_id = ${env.tenantId} and object_type = 'LEAD' and is_default limit 1) p
      cross join lateral (select id from pipeline_stages where tenant_id = ${env.tenantId} and pipeline_id = p.id order by display_order limit 1) s
      returning id`;
    const ids = leads.map((l) => l.id);
    await tx`
      insert into activities (tenant_id, activity_type, subject, record_type, record_id, created_by_user_id)
      select ${env.tenantId}, 'NOTE', 'Bench note ' || k, 'LEAD', l, ${env.userId}
      from unnest(${ids}::uuid[]) l cross join generate_series(1, ${ACTIVITIES_PER_LEAD}) k`;
    return ids;
  });
}

/** What a conversion writes, by hand: lock, match, the three inserts, the carry-over, the lead's update. */
async function rawConvert(env: BenchEnv, leadId: string): Promise<void> {
  await rawInTenant(env.app, env.tenantId, async (tx) => {
    const t = env.tenantId;
    const [lead] = await tx<{ email: string; company_name: string; first_name: string; last_name: string }[]>`
      select email, company_name, first_name, last_name from leads where tenant_id = ${t} and id = ${leadId} for update`;
    const domain = lead!.email.split("@")[1]!;
    await tx`select id from contacts where tenant_id = ${t} and dup_email = dup_email_key(${lead!.email}) and lower(email) = lower(${lead!.email}) and deleted_at is null limit 1`;
    await tx`select id from companies where tenant_id = ${t} and dup_domain = dup_domain_key(${domain}) and lower(domain) = ${domain} and deleted_at is null limit 1`;
    const [company] = await tx<{ id: string }[]>`insert into companies (tenant_id, name, domain, owned_by_user_id) values (${t}, ${lead!.company_name}, ${domain}, ${env.userId}) returning id`;
    const [contact] = await tx<{ id: string }[]>`
      insert into contacts (tenant_id, first_name, last_name, email, company_id, owned_by_user_id) values (${t}, ${lead!.first_name}, ${lead!.last_name}, ${lead!.email}, ${company!.id}, ${env.userId}) returning id`;
    const [deal] = await tx<{ id: string }[]>`
      insert into deals (tenant_id, name, amount, company_id, contact_id, lead_id, owned_by_user_id, pipeline_id, stage_id, stage_entered_at, position)
      select ${t}, ${lead!.company_name}, 1200, ${company!.id}, ${contact!.id}, ${leadId}, ${env.userId}, p.id, s.id, now(), 'a0'
      from pipelines p join pipeline_stages s on s.tenant_id = p.tenant_id and s.pipeline_id = p.id
      where p.tenant_id = ${t} and p.object_type = 'DEAL' and p.is_default order by s.display_order limit 1
      returning id`;
    const moved = await tx<{ id: string }[]>`
      update activities set record_type = 'CONTACT', record_id = ${contact!.id} where tenant_id = ${t} and record_type = 'LEAD' and record_id = ${leadId} returning id`;
    await tx`insert into activity_links (tenant_id, activity_id, record_type, record_id) select ${t}, a, 'DEAL', ${deal!.id} from unnest(${moved.map((m) => m.id)}::uuid[]) a`;
    await tx`update contacts set tags = array['bench'] where tenant_id = ${t} and id = ${contact!.id}`;
    await tx`
      update leads set status = 'converted', converted_at = now(), converted_contact_id = ${contact!.id}, converted_company_id = ${company!.id}, converted_deal_id = ${deal!.id}
      where tenant_id = ${t} and id = ${leadId}`;
  });
}

/** A form post by hand: the key's form, then the lead. */
async function rawFormPost(env: BenchEnv, key: string, email: string, run: string): Promise<void> {
  const [form] = await env.app<{ tenant_id: string }[]>`select tenant_id from web_form_by_key(${key})`;
  await rawInTenant(env.app, form!.tenant_id, async (tx) => {
    await tx`
      insert into leads (tenant_id, first_name, last_name, email, company_name, source, utm_source, utm_campaign, pipeline_id, stage_id, stage_entered_at, position)
      select ${form!.tenant_id}, 'Wendy', 'Raw', ${email}, 'Form Co', 'web_form', 'bench', ${run}, p.id, s.id, now(), 'a0'
      from pipelines p join pipeline_stages s on s.tenant_id = p.tenant_id and s.pipeline_id = p.id
      where p.tenant_id = ${form!.tenant_id} and p.object_type = 'LEAD' and p.is_default order by s.display_order limit 1`;
  });
}

/**
 * The converted leads and the records their conversions made leave the tenant again: the
 * list and access suites read the newest contacts, which would otherwise be these (all the
 * bench admin's). Only records made since `since` go: a conversion may reuse older ones.
 */
async function removeConversions(env: BenchEnv, leadIds: string[], since: Date): Promise<void> {
  const t = env.tenantId;
  await env.owner.begin(async (tx) => {
    const made = await tx<{ contact: string | null; company: string | null; deal: string | null }[]>`
      select converted_contact_id as contact, converted_company_id as company, converted_deal_id as deal
      from leads where tenant_id = ${t} and id = any(${leadIds}::uuid[])`;
    const ids = (k: "contact" | "company" | "deal") => made.map((r) => r[k]).filter((id): id is string => !!id);
    await tx`delete from deals where tenant_id = ${t} and id = any(${ids("deal")}::uuid[])`;
    await tx`delete from leads where tenant_id = ${t} and id = any(${leadIds}::uuid[])`;
    await tx`delete from contacts where tenant_id = ${t} and id = any(${ids("contact")}::uuid[]) and created_at >= ${since}`;
    await tx`delete from companies where tenant_id = ${t} and id = any(${ids("company")}::uuid[]) and created_at >= ${since}
      and not exists (select 1 from contacts c where c.tenant_id = ${t} and c.company_id = companies.id)`;
  });
}
