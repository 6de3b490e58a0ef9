// Benchmark-scale data, generated set-based inside PostgreSQL (INSERT ... SELECT FROM
// generate_series), one big tenant plus many small ones. Connects as the owner: bulk
// loading is not a CRM mutation and does not go through lib/ services, writes no
// domain events (their trigger needs a worker), and is for benchmark databases only.
//
// The whole load is one transaction. Tables getting many rows are loaded the way
// pg_restore does it: their secondary indexes and foreign keys are dropped first and
// rebuilt from their exact definitions at the end (re-adding a foreign key checks all
// rows). Those tables are locked until the commit, so run it on an otherwise idle database.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { Faker, base, en } from "@faker-js/faker";
import type postgres from "postgres";
import { hashPassword } from "@/lib/auth/password";
import { DEFAULT_PIPELINES, stageTypeFor } from "@/lib/pipelines/defaults";

export interface GenerateOptions {
  contacts: number;
  companies: number;
  deals: number;
  activities: number;
  /** Open leads in the big tenant, spread over the lead pipeline's open stages, with one activity each on average. */
  leads: number;
  /** Small tenants next to the big one. */
  tenants: number;
  /** Users of the big tenant (admin included). */
  users: number;
  /** Rows per INSERT statement. */
  chunk: number;
  /** A table getting at least this many rows is loaded without its secondary indexes and foreign keys, which are rebuilt afterwards. */
  bulkThreshold: number;
  password: string;
  log: (line: string) => void;
}

export const DEFAULT_OPTIONS: GenerateOptions = {
  contacts: 1_000_000,
  companies: 200_000,
  deals: 10_000,
  activities: 5_000_000,
  leads: 0,
  tenants: 99,
  users: 50,
  chunk: 250_000,
  bulkThreshold: 100_000,
  password: "Stageline-bench1",
  log: (line) => console.log(line),
};

/** Each small tenant's size. */
export const SMALL_TENANT = { contacts: 100, companies: 20, deals: 20, activities: 200, leads: 0, users: 1 } as const;

export const BENCH_ADMIN_EMAIL = "bench-admin@bench.test";

export interface TenantCounts {
  users: number;
  companies: number;
  contacts: number;
  deals: number;
  activities: number;
  leads: number;
  stageHistory: number;
}

export interface GenerateResult {
  tenantId: string;
  adminEmail: string;
  adminPassword: string;
  smallTenantIds: string[];
  counts: TenantCounts & { smallTenants: number; smallTenantRows: TenantCounts };
  seconds: number;
}

/** The kinds of generated rows whose ids can be recomputed (see benchUuid). */
export type IdKind = "company" | "contact" | "deal" | "lead";

/**
 * The id the generator gives row `n` (1-based) of `kind` in `tenantId`: a version-4
 * shaped UUID derived from md5, so benchmarks can address e.g. contact #42 directly.
 * Mirrors uuidSql below.
 */
export function benchUuid(tenantId: string, kind: IdKind, n: number): string {
  const hex = createHash("md5").update(`${tenantId}:${kind}:${n}`).digest("hex");
  const v = `${hex.slice(0, 12)}4${hex.slice(13, 16)}8${hex.slice(17)}`;
  return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20)}`;
}

/** SQL for benchUuid: `n` is a SQL integer expression; tenantId is a generated UUID (safe to inline). */
function uuidSql(tenantId: string, kind: IdKind, n: string): string {
  return `overlay(overlay(md5('${tenantId}:${kind}:' || (${n})::text) placing '4' from 13) placing '8' from 17)::uuid`;
}

/**
 * A board position for the n-th card (0-based) of a column: "h" + 8 decimal digits is
 * a valid fractional-indexing key (head "h" = 9-character integer part) that sorts
 * the same under any collation, so the app can later insert between two of them.
 */
function positionSql(n: string): string {
  return `'h' || lpad((${n})::text, 8, '0')`;
}

const INDUSTRIES = [
  "Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education", "Logistics",
  "Telecommunications", "Media", "Energy", "Real Estate", "Hospitality", "Consulting", "Biotech", "Government",
];
const COMPANY_SUFFIXES = ["Inc", "LLC", "Group", "Labs", "Systems", "Partners", "Holdings", "Co", "Technologies", "Solutions"];
const LIFECYCLE_STAGES = ["subscriber", "lead", "opportunity", "customer"];
const DEPARTMENTS = ["Sales", "Marketing", "Engineering", "Finance", "Operations", "IT", "HR", "Procurement", "Executive"];
const TAGS: [string, string][] = [
  ["VIP", "#F59E0B"], ["Hot", "#EF4444"], ["Cold", "#60A5FA"], ["Decision Maker", "#8B5CF6"], ["Champion", "#10B981"],
  ["Technical", "#0EA5E9"], ["Newsletter", "#64748B"], ["Webinar", "#14B8A6"], ["Trade Show", "#F97316"],
  ["Partner", "#6366F1"], ["Referral", "#22C55E"], ["At Risk", "#DC2626"],
];
const DEAL_PRODUCTS = ["Platform licence", "Enterprise plan", "Team plan", "Onboarding package", "Support renewal", "Analytics add-on", "API access", "Training", "Expansion seats", "Pilot"];
const ACTIVITY_KINDS = ["CALL", "EMAIL", "MEETING", "NOTE", "TASK"] as const;
/** Five subjects per activity kind, in ACTIVITY_KINDS order. */
const SUBJECTS: Record<(typeof ACTIVITY_KINDS)[number], string[]> = {
  CALL: ["Intro call", "Discovery call", "Follow-up call", "Pricing call", "Check-in call"],
  EMAIL: ["Following up", "Proposal attached", "Re: pricing", "Meeting recap", "Intro"],
  MEETING: ["Product demo", "Quarterly review", "Kick-off", "Technical deep dive", "Contract review"],
  NOTE: ["Note", "Call summary", "Budget update", "Org chart notes", "Competitor mentioned"],
  TASK: ["Follow up", "Send proposal", "Schedule demo", "Check in", "Prepare contract"],
};

/**
 * Word lists, passed to SQL as text[] parameters: faker's whole English vocabularies
 * where names meet search (about 3,200 first x 470 last names, 1,000 x 1,000 company
 * words), so trigram search sees realistic variety. Letters only: they go into emails
 * and domains.
 */
function wordLists() {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(42);
  const d = faker.definitions;
  const letters = (ws: readonly string[] | undefined) => [...new Set(ws ?? [])].filter((w) => /^[A-Za-z]+$/.test(w)).sort();
  const capitalised = (ws: string[]) => ws.map((w) => w[0]!.toUpperCase() + w.slice(1));
  const p = d.person;
  return {
    firstNames: letters([...(p.first_name.generic ?? []), ...(p.first_name.female ?? []), ...(p.first_name.male ?? [])]),
    lastNames: letters([...(p.last_name.generic ?? []), ...(p.last_name.female ?? []), ...(p.last_name.male ?? [])]),
    jobTitles: faker.helpers.uniqueArray(() => faker.person.jobTitle(), 500),
    adjectives: capitalised(letters(d.word.adjective)),
    nouns: capitalised(letters(d.word.noun)),
    cities: faker.helpers.uniqueArray(() => faker.location.city(), 300),
  };
}
type Words = ReturnType<typeof wordLists>;

interface TenantSpec {
  name: string;
  slug: string;
  adminEmail: string;
  /** Extra users' emails get this prefix and their number. */
  userPrefix: string;
  users: number;
  companies: number;
  contacts: number;
  deals: number;
  activities: number;
  leads: number;
}

interface TenantIds {
  tenantId: string;
  userIds: string[];
  dealPipelineId: string;
  /** The sales pipeline's open (not DONE_*) stages, in board order, with their probabilities. */
  openStages: { id: string; probability: string }[];
  leadPipelineId: string;
  /** The lead pipeline's open stages, in board order. */
  leadOpenStages: { id: string; probability: string }[];
}

type Sql = postgres.Sql;
type Tx = postgres.TransactionSql;

/** Fills a database with one big tenant and `tenants` small ones. Needs an owner (ideally superuser) connection. */
export async function generateBenchData(sql: Sql, options: Partial<GenerateOptions> = {}): Promise<GenerateResult> {
  const o: GenerateOptions = { ...DEFAULT_OPTIONS, ...options };
  for (const k of ["contacts", "companies", "deals", "activities", "leads", "tenants", "users", "chunk", "bulkThreshold"] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 0) throw new Error(`--${k} must be a non-negative integer (got ${o[k]})`);
  }
  if (o.users < 1 || o.chunk < 1) throw new Error("--users and --chunk must be at least 1");
  if (o.contacts > 0 && o.companies < 1) throw new Error("contacts need at least one company");
  if ((o.deals > 0 || o.activities > 0) && o.contacts < 1) throw new Error("deals and activities need at least one contact");
  if (o.deals > 99_999_999 * 4) throw new Error("--deals is too large for 8-digit positions");

  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const [existing] = await sql<{ n: number }[]>`select count(*)::int as n from users where lower(email) = ${BENCH_ADMIN_EMAIL}`;
  if (existing!.n > 0) {
    throw new Error(`${BENCH_ADMIN_EMAIL} already exists: this database already holds generated data. Generate into a fresh database.`);
  }
  const [server] = await sql<{ version: number }[]>`select current_setting('server_version_num')::int as version`;
  const words = wordLists();
  const passwordHash = await hashPassword(o.password);
  const bigSpec: TenantSpec = {
    name: "Bench Corp", slug: "bench-corp", adminEmail: BENCH_ADMIN_EMAIL, userPrefix: "bench-user-", users: o.users,
    companies: o.companies, contacts: o.contacts, deals: o.deals, activities: o.activities, leads: o.leads,
  };
  const ctx: FillContext = { words, passwordHash, o, elapsed, activityId: server!.version >= 180000 ? "uuidv7()" : "gen_random_uuid()" };

  // One transaction: an interrupted run leaves nothing behind (and can simply be re-run).
  const result = await sql.begin(async (tx) => {
    await tx`set local synchronous_commit = off`;
    await tx`set local maintenance_work_mem = '512MB'`;
    await tx`set local lock_timeout = '30s'`;
    await tx`select setseed(0.42)`; // random() below is repeatable
    const deferred = await deferIndexesAndForeignKeys(tx, {
      companies: o.companies, contacts: o.contacts, activities: o.activities + o.leads, leads: o.leads,
    }, o.bulkThreshold);
    if (deferred.length > 0) o.log(`[${elapsed()}] bulk mode: secondary indexes and foreign keys of ${deferred.map((d) => d.table).join(", ")} are rebuilt after loading`);

    o.log(`[${elapsed()}] big tenant: ${o.companies} companies, ${o.contacts} contacts, ${o.deals} deals, ${o.activities} activities, ${o.leads} leads`);
    const big = await fillTenant(tx, bigSpec, ctx);

    const smallTenantIds: string[] = [];
    let smallRows: TenantCounts = { users: 0, companies: 0, contacts: 0, deals: 0, activities: 0, leads: 0, stageHistory: 0 };
    for (let i = 1; i <= o.tenants; i++) {
      const tag = String(i).padStart(3, "0");
      const spec: TenantSpec = {
        name: `Small Tenant ${tag}`, slug: `bench-small-${tag}`, adminEmail: `bench-small-${tag}-admin@bench.test`, userPrefix: `bench-small-${tag}-user-`,
        ...SMALL_TENANT,
      };
      const r = await fillTenant(tx, spec, { ...ctx, o: { ...o, log: () => {} } });
      smallTenantIds.push(r.tenantId);
      smallRows = sumCounts(smallRows, r.counts);
      if (i % 10 === 0 || i === o.tenants) o.log(`[${elapsed()}] small tenants ${i}/${o.tenants}`);
    }

    await restoreIndexesAndForeignKeys(tx, deferred, (line) => o.log(`[${elapsed()}] ${line}`));
    o.log(`[${elapsed()}] commit`);
    return { big, smallTenantIds, smallRows };
  });

  o.log(`[${elapsed()}] analyze`);
  await sql`analyze`;
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  o.log(`[${elapsed()}] done`);
  return {
    tenantId: result.big.tenantId,
    adminEmail: BENCH_ADMIN_EMAIL,
    adminPassword: o.password,
    smallTenantIds: result.smallTenantIds,
    counts: { ...result.big.counts, smallTenants: o.tenants, smallTenantRows: result.smallRows },
    seconds,
  };
}

interface DeferredTable {
  table: string;
  /** CREATE INDEX statements of the indexes that back no constraint. */
  indexes: { name: string; definition: string }[];
  /** The table's own foreign keys. */
  foreignKeys: { name: string; definition: string }[];
}

/**
 * Bulk-load mode, the way pg_restore does it: for each table getting many rows, drop
 * its foreign keys and the indexes that back no constraint (primary keys and unique
 * constraints stay), remembering their exact definitions. Inside the transaction, so
 * a failure rolls the schema back too.
 */
async function deferIndexesAndForeignKeys(tx: Tx, rowsByTable: Record<string, number>, threshold: number): Promise<DeferredTable[]> {
  const deferred: DeferredTable[] = [];
  for (const [table, rows] of Object.entries(rowsByTable)) {
    if (rows < threshold) continue;
    const indexes = await tx<{ name: string; definition: string }[]>`
      select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = ${table}::regclass
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
      order by c.relname`;
    const foreignKeys = await tx<{ name: string; definition: string }[]>`
      select conname as name, pg_get_constraintdef(oid) as definition
      from pg_constraint where conrelid = ${table}::regclass and contype = 'f' order by conname`;
    for (const fk of foreignKeys) await tx.unsafe(`alter table ${quoteIdent(table)} drop constraint ${quoteIdent(fk.name)}`);
    for (const ix of indexes) await tx.unsafe(`drop index ${quoteIdent(ix.name)}`);
    deferred.push({ table, indexes: [...indexes], foreignKeys: [...foreignKeys] });
  }
  return deferred;
}

/** Rebuilds what deferIndexesAndForeignKeys dropped; re-adding a foreign key checks every row in one query. */
async function restoreIndexesAndForeignKeys(tx: Tx, deferred: DeferredTable[], log: (line: string) => void): Promise<void> {
  for (const d of deferred) {
    for (const ix of d.indexes) {
      await tx.unsafe(ix.definition);
      log(`index ${ix.name}`);
    }
  }
  for (const d of deferred) {
    for (const fk of d.foreignKeys) await tx.unsafe(`alter table ${quoteIdent(d.table)} add constraint ${quoteIdent(fk.name)} ${fk.definition}`);
    log(`foreign keys of ${d.table} checked`);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function sumCounts(a: TenantCounts, b: TenantCounts): TenantCounts {
  return {
    users: a.users + b.users, companies: a.companies + b.companies, contacts: a.contacts + b.contacts,
    deals: a.deals + b.deals, activities: a.activities + b.activities, leads: a.leads + b.leads, stageHistory: a.stageHistory + b.stageHistory,
  };
}

/** Sets app.tenant_id (for the rest of the transaction), so inserts also pass RLS for an owner that is not a superuser. */
async function asTenant<T>(tx: Tx, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  await tx`select set_config('app.tenant_id', ${tenantId}, true)`;
  return fn(tx);
}

/** Runs `insert(from, to)` over 1..total, one statement per chunk so memory stays bounded. */
async function chunked(tx: Tx, tenantId: string, what: string, total: number, o: GenerateOptions, elapsed: () => string, insert: (tx: Tx, from: number, to: number) => Promise<unknown>) {
  for (let from = 1; from <= total; from += o.chunk) {
    const to = Math.min(total, from + o.chunk - 1);
    await asTenant(tx, tenantId, (tx) => insert(tx, from, to));
    o.log(`[${elapsed()}] ${what} ${to}/${total}`);
  }
}

interface FillContext {
  words: Words;
  passwordHash: string;
  o: GenerateOptions;
  elapsed: () => string;
  /** SQL for a new activity id: uuidv7() where available (time-ordered, so primary key inserts append). */
  activityId: string;
}

async function fillTenant(tx: Tx, spec: TenantSpec, ctx: FillContext): Promise<{ tenantId: string; counts: TenantCounts }> {
  const { words: w, o, elapsed } = ctx;
  const ids = await createTenantRows(tx, spec, ctx.passwordHash);
  const t = ids.tenantId;
  const users = ids.userIds;
  const tagNames = TAGS.map(([name]) => name);

  // Shared SQL pieces. `g` is the row number of the generate_series.
  const pick = (param: string, idx: string) => `(${param})[(1 + ((${idx}) % cardinality(${param})))::int]`;
  const rand = (param: string) => `(${param})[1 + floor(random() * cardinality(${param}))::int]`;
  // A company's name and domain are functions of its number, so a contact's email can reuse the domain.
  // `adjectives` and `nouns` name the query's parameters holding w.adjectives and w.nouns.
  const companyNaming = (adjectives: string, nouns: string) => {
    const word1 = (n: string) => pick(`${adjectives}::text[]`, `abs(hashint4((${n})::int)::bigint)`);
    const word2 = (n: string) => pick(`${nouns}::text[]`, `abs(hashint4((${n})::int + 7919)::bigint)`);
    return {
      name: (n: string) => `${word1(n)} || ' ' || ${word2(n)}`,
      domain: (n: string) => `lower(${word1(n)} || ${word2(n)}) || '-' || (${n})::text || '.example'`,
    };
  };
  // Contact n works at company ((n - 1) % companies) + 1, except every tenth contact.
  const contactCompanyN = (n: string) => `(((${n}) - 1) % ${Math.max(spec.companies, 1)}) + 1`;
  const contactHasCompany = (n: string) => `((${n}) % 10 <> 0)`;
  const pastTime = (days: number) => `now() - random() * interval '${days} days'`;
  // Each lateral subquery below selects `g`: correlated on the row number, it is
  // evaluated once per row (uncorrelated or Memoize-cached, its random() would repeat).

  if (spec.companies > 0) {
    await chunked(tx, t, "companies", spec.companies, o, elapsed, (tx, from, to) => tx.unsafe(
      `insert into companies (tenant_id, id, name, domain, website, industry, phone, employee_count, annual_revenue, currency,
         owned_by_user_id, created_by_user_id, tags, address, created_at, updated_at)
       select $1::uuid, ${uuidSql(t, "company", "g")},
         ${companyNaming("$4", "$5").name("g")} || ' ' || ${pick("$6::text[]", "g")},
         ${companyNaming("$4", "$5").domain("g")}, 'https://www.' || ${companyNaming("$4", "$5").domain("g")},
         ${rand("$7::text[]")}, '+1-555-' || lpad((g % 10000000)::text, 7, '0'),
         x.employees, round((x.employees * (60000 + random() * 190000))::numeric, 2), 'USD',
         ${rand("$8::uuid[]")}, ${rand("$8::uuid[]")},
         case when random() < 0.2 then array[${rand("$9::text[]")}] else '{}'::text[] end,
         jsonb_build_object('city', ${rand("$10::text[]")}, 'country', 'United States'),
         x.created, x.created
       from generate_series($2::int, $3::int) g,
         lateral (select (case when random() < 0.4 then 5 + random() * 45 when random() < 0.6 then 51 + random() * 950 else 1001 + random() * 49000 end)::int as employees,
                         ${pastTime(1095)} as created, g as _g offset 0) x`,
      [t, from, to, w.adjectives, w.nouns, COMPANY_SUFFIXES, INDUSTRIES, users, tagNames, w.cities],
    ));
  }

  if (spec.contacts > 0) {
    await chunked(tx, t, "contacts", spec.contacts, o, elapsed, (tx, from, to) => tx.unsafe(
      `insert into contacts (tenant_id, id, first_name, last_name, email, phone, job_title, department, company_id, lifecycle_stage,
         email_opt_in, owned_by_user_id, created_by_user_id, tags, last_contacted_at, created_at, updated_at)
       select $1::uuid, ${uuidSql(t, "contact", "g")}, x.first, x.last,
         lower(x.first || '.' || x.last || g::text) || '@' ||
           case when ${contactHasCompany("g")} then ${companyNaming("$11", "$12").domain(contactCompanyN("g"))} else 'mail.example' end,
         '+1-555-' || lpad((g % 10000000)::text, 7, '0'),
         ${rand("$6::text[]")}, ${rand("$7::text[]")},
         case when ${contactHasCompany("g")} then ${uuidSql(t, "company", contactCompanyN("g"))} end,
         ${rand("$8::text[]")}, random() < 0.6,
         ${rand("$9::uuid[]")}, ${rand("$9::uuid[]")},
         case when random() < 0.3 then array[${rand("$10::text[]")}] else '{}'::text[] end,
         case when random() < 0.7 then ${pastTime(60)} end,
         x.created, x.created
       from generate_series($2::int, $3::int) g,
         lateral (select ${rand("$4::text[]")} as first, ${rand("$5::text[]")} as last,
                         ${pastTime(730)} as created, g as _g offset 0) x`,
      [t, from, to, w.firstNames, w.lastNames, w.jobTitles, DEPARTMENTS, LIFECYCLE_STAGES, users, tagNames, w.adjectives, w.nouns],
    ));
  }

  if (spec.deals > 0) {
    // All open, spread evenly over the open stages; the k-th card of a column gets position k.
    const stageCount = ids.openStages.length;
    await chunked(tx, t, "deals", spec.deals, o, elapsed, (tx, from, to) => tx.unsafe(
      `insert into deals (tenant_id, id, name, amount, currency, deal_type, close_date, forecast_probability, status,
         company_id, contact_id, owned_by_user_id, assigned_user_id, created_by_user_id, pipeline_id, stage_id, stage_entered_at,
         position, created_at, updated_at)
       select $1::uuid, ${uuidSql(t, "deal", "g")},
         case when ${contactHasCompany("c.n")} then ${companyNaming("$9", "$10").name(contactCompanyN("c.n"))} || ' – ' || ${rand("$4::text[]")}
           else ${rand("$4::text[]")} || ' #' || g::text end,
         (1 + floor(random() * 5000)) * 50, 'USD',
         (array['NEW','NEW','NEW','RENEWAL','UPSELL','OTHER']::deal_type[])[1 + floor(random() * 6)::int],
         (current_date + (random() * 120)::int),
         ($7::numeric[])[1 + (g % ${stageCount})], 'open',
         case when ${contactHasCompany("c.n")} then ${uuidSql(t, "company", contactCompanyN("c.n"))} end,
         ${uuidSql(t, "contact", "c.n")},
         x.owner, x.owner, x.owner,
         $5::uuid, ($6::uuid[])[1 + (g % ${stageCount})], x.entered,
         ${positionSql(`g / ${stageCount}`)},
         x.entered - random() * interval '90 days', x.entered
       from generate_series($2::int, $3::int) g,
         lateral (select 1 + ((g::bigint * 7919) % ${spec.contacts}) as n offset 0) c,
         lateral (select ${rand("$8::uuid[]")} as owner, ${pastTime(60)} as entered, g as _g offset 0) x`,
      [t, from, to, DEAL_PRODUCTS, ids.dealPipelineId, ids.openStages.map((s) => s.id), ids.openStages.map((s) => s.probability), users, w.adjectives, w.nouns],
    ));
    await asTenant(tx, t, (tx) => tx`
      insert into stage_history (tenant_id, entity_type, entity_id, pipeline_id, from_stage_id, to_stage_id, changed_at, changed_by_user_id, source)
      select tenant_id, 'DEAL', id, pipeline_id, null, stage_id, stage_entered_at, owned_by_user_id, 'IMPORT'
      from deals where tenant_id = ${t}`);
    o.log(`[${elapsed()}] stage_history ${spec.deals}`);
  }

  if (spec.activities > 0) {
    // Linked to contacts, skewed so low-numbered contacts have long timelines (contact #1 the longest).
    await chunked(tx, t, "activities", spec.activities, o, elapsed, (tx, from, to) => tx.unsafe(
      `insert into activities (tenant_id, id, activity_type, subject, body, record_type, record_id, activity_at, due_at, completed_at,
         completed_by_user_id, priority, outcome, duration_seconds, assigned_user_id, created_by_user_id, created_at, updated_at)
       select $1::uuid, ${ctx.activityId}, x.kind, ($5::text[])[x.k * 5 + 1 + (g % 5)::int],
         case when x.kind in ('NOTE', 'EMAIL', 'MEETING') then 'Generated ' || lower(x.kind::text) || ' #' || g::text end,
         'CONTACT', ${uuidSql(t, "contact", "x.n")}, x.at,
         case when x.kind = 'TASK' then x.due end,
         case when x.kind = 'TASK' and x.due < now() and random() < 0.6 then x.due end,
         case when x.kind = 'TASK' and x.due < now() then x.owner end,
         case when x.kind = 'TASK' then (array['low','medium','high','urgent']::priority[])[1 + (g % 4)] end,
         case when x.kind = 'CALL' then (array['connected','left voicemail','no answer'])[1 + (g % 3)] end,
         case when x.kind in ('CALL', 'MEETING') then 60 + (g % 3540) end,
         case when x.kind = 'TASK' then x.owner end,
         x.owner, x.at, x.at
       from generate_series($2::int, $3::int) g,
         lateral (select (array[0,0,1,1,1,2,3,3,4,4])[1 + floor(random() * 10)::int] as k, g as _g offset 0) w,
         lateral (select w.k, (array['CALL','EMAIL','MEETING','NOTE','TASK']::activity_type[])[w.k + 1] as kind,
                         1 + floor(power(random(), 2) * ${spec.contacts})::int as n,
                         ${rand("$4::uuid[]")} as owner,
                         ${pastTime(730)} as at,
                         now() + (random() * 60 - 30) * interval '1 day' as due, g as _g offset 0) x`,
      [t, from, to, users, ACTIVITY_KINDS.flatMap((k) => SUBJECTS[k])],
    ));
  }

  if (spec.leads > 0) {
    // Open leads over the lead pipeline's open stages; ratings, sources and UTM values
    // spread so scoring rules and reports have variety; lead n's email is unique.
    const stageCount = ids.leadOpenStages.length;
    await chunked(tx, t, "leads", spec.leads, o, elapsed, (tx, from, to) => tx.unsafe(
      `insert into leads (tenant_id, id, first_name, last_name, email, phone, job_title, company_name, source, status, rating, priority,
         utm_source, utm_medium, utm_campaign, owned_by_user_id, created_by_user_id, pipeline_id, stage_id, stage_entered_at,
         position, assigned_at, created_at, updated_at)
       select $1::uuid, ${uuidSql(t, "lead", "g")}, x.first, x.last,
         lower(x.first || '.' || x.last || '.lead' || g::text) || '@' || lower(${rand("$9::text[]")}) || '-' || (g % 5000)::text || '.example',
         '+1-555-' || lpad(((g * 31) % 10000000)::text, 7, '0'), ${rand("$10::text[]")},
         ${rand("$9::text[]")} || ' ' || ${rand("$11::text[]")},
         (array['web_form','referral','event','cold_call','partner','ads'])[1 + (g % 6)],
         (array['new','contacted','qualified']::lead_status[])[1 + (g % ${stageCount})],
         (array['hot','warm','cold','warm','cold']::lead_rating[])[1 + floor(random() * 5)::int],
         (array['low','medium','high','urgent']::priority[])[1 + (g % 4)],
         (array['google','linkedin','newsletter','partner'])[1 + (g % 4)], (array['cpc','social','email'])[1 + (g % 3)],
         'campaign-' || (g % 12)::text,
         x.owner, x.owner, $5::uuid, ($6::uuid[])[1 + (g % ${stageCount})], x.created,
         ${positionSql(`g / ${stageCount}`)}, x.created, x.created, x.created
       from generate_series($2::int, $3::int) g,
         lateral (select ${rand("$7::text[]")} as first, ${rand("$8::text[]")} as last, ${rand("$4::uuid[]")} as owner,
                         ${pastTime(365)} as created, g as _g offset 0) x`,
      [t, from, to, users, ids.leadPipelineId, ids.leadOpenStages.map((s) => s.id), w.firstNames, w.lastNames, w.adjectives, w.jobTitles, COMPANY_SUFFIXES],
    ));
    await asTenant(tx, t, (tx) => tx`
      insert into stage_history (tenant_id, entity_type, entity_id, pipeline_id, from_stage_id, to_stage_id, changed_at, changed_by_user_id, source)
      select tenant_id, 'LEAD', id, pipeline_id, null, stage_id, stage_entered_at, owned_by_user_id, 'IMPORT'
      from leads where tenant_id = ${t}`);
    // about one activity per lead: calls, emails and notes, some older than a month
    await chunked(tx, t, "lead activities", spec.leads, o, elapsed, (tx, from, to) => tx.unsafe(
      `insert into activities (tenant_id, id, activity_type, subject, record_type, record_id, activity_at, created_by_user_id, created_at, updated_at)
       select $1::uuid, ${ctx.activityId}, x.kind, 'Lead ' || lower(x.kind::text), 'LEAD', ${uuidSql(t, "lead", "x.n")}, x.at, x.owner, x.at, x.at
       from generate_series($2::int, $3::int) g,
         lateral (select (array['CALL','EMAIL','NOTE','EMAIL','MEETING']::activity_type[])[1 + floor(random() * 5)::int] as kind,
                         1 + floor(random() * ${spec.leads})::int as n, ${rand("$4::uuid[]")} as owner,
                         ${pastTime(120)} as at, g as _g offset 0) x`,
      [t, from, to, users],
    ));
  }

  const [counts] = await asTenant(tx, t, (tx) => tx<TenantCounts[]>`
    select
      (select count(*)::int from tenant_users where tenant_id = ${t}) as users,
      (select count(*)::int from companies where tenant_id = ${t}) as companies,
      (select count(*)::int from contacts where tenant_id = ${t}) as contacts,
      (select count(*)::int from deals where tenant_id = ${t}) as deals,
      (select count(*)::int from activities where tenant_id = ${t}) as activities,
      (select count(*)::int from leads where tenant_id = ${t}) as leads,
      (select count(*)::int from stage_history where tenant_id = ${t}) as "stageHistory"`);
  return { tenantId: t, counts: counts! };
}

/** Tenant, users and memberships, tags and the default pipelines — plain SQL, like createTenant does through Drizzle. */
async function createTenantRows(tx: Tx, spec: TenantSpec, passwordHash: string): Promise<TenantIds> {
  const tenantId = randomUUID();
  const userIds = Array.from({ length: spec.users }, () => randomUUID());
  let dealPipelineId = "";
  let openStages: TenantIds["openStages"] = [];
  let leadPipelineId = "";
  let leadOpenStages: TenantIds["leadOpenStages"] = [];
  await asTenant(tx, tenantId, async (tx) => {
    await tx`insert into tenants (id, name, slug) values (${tenantId}, ${spec.name}, ${`${spec.slug}-${tenantId.slice(0, 8)}`})`;
    const userRows = userIds.map((id, i) => ({
      id,
      email: i === 0 ? spec.adminEmail : `${spec.userPrefix}${String(i).padStart(3, "0")}@bench.test`,
      name: i === 0 ? `${spec.name} Admin` : `Bench User ${i}`,
      password_hash: passwordHash,
    }));
    await tx`insert into users ${tx(userRows)}`;
    // one admin, a manager for every ten users, the rest sales reps
    const members = userIds.map((userId, i) => ({ tenant_id: tenantId, user_id: userId, role: i === 0 ? "admin" : i % 10 === 1 ? "manager" : "sales_rep" }));
    await tx`insert into tenant_users ${tx(members)}`;
    await tx`insert into tags ${tx(TAGS.map(([name, color]) => ({ tenant_id: tenantId, name, color })))}`;
    for (const [order, p] of DEFAULT_PIPELINES.entries()) {
      const pipelineId = randomUUID();
      await tx`insert into pipelines ${tx({
        tenant_id: tenantId, id: pipelineId, name: p.name, pipeline_key: p.pipelineKey, object_type: p.objectType,
        movement_mode: p.movementMode, is_default: true, display_order: order,
      })}`;
      const stages = p.stages.map((s, i) => ({
        tenant_id: tenantId, id: randomUUID(), pipeline_id: pipelineId, name: s.name, display_order: i, stage_state: s.stageState,
        stage_type: stageTypeFor(s.stageState), probability: s.probability, color: s.color, expected_days: s.expectedDays ?? null,
      }));
      await tx`insert into pipeline_stages ${tx(stages)}`;
      if (p.objectType === "DEAL" && !dealPipelineId) {
        dealPipelineId = pipelineId;
        openStages = stages.filter((s) => s.stage_type === "OPEN").map((s) => ({ id: s.id, probability: s.probability }));
      }
      if (p.objectType === "LEAD" && !leadPipelineId) {
        leadPipelineId = pipelineId;
        leadOpenStages = stages.filter((s) => s.stage_type === "OPEN").map((s) => ({ id: s.id, probability: s.probability }));
      }
    }
  });
  if (!dealPipelineId || openStages.length === 0) throw new Error("DEFAULT_PIPELINES has no DEAL pipeline with open stages");
  if (!leadPipelineId || leadOpenStages.length === 0) throw new Error("DEFAULT_PIPELINES has no LEAD pipeline with open stages");
  return { tenantId, userIds, dealPipelineId, openStages, leadPipelineId, leadOpenStages };
}
