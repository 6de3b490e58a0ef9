// search_candidates (db/migrations/0016_search_functions.sql), the one way global search
// reads records: a SECURITY DEFINER function, so it must confine itself to the tenant in
// app.tenant_id, let no caller's expression near another tenant's rows, and still reach
// the trigram and prefix indexes that row level security keeps out of reach.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createRecord } from "@/lib/records/service";

type Tenant = Awaited<ReturnType<typeof makeTenant>>;
const ALL = "{CONTACT,COMPANY,DEAL,LEAD,TICKET}";

describe("search_candidates", () => {
  let owner: postgres.Sql;
  let app: postgres.Sql;
  let a: Tenant;
  let b: Tenant;
  const bIds: string[] = [];

  /** As the app role, in one transaction with app.tenant_id set to `tenantId` (or left unset). */
  const asApp = <T>(tenantId: string | null, fn: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> =>
    app.begin(async (tx) => {
      if (tenantId !== null) await tx`select set_config('app.tenant_id', ${tenantId}, true)`;
      return fn(tx);
    }) as Promise<T>;
  const failure = (p: Promise<unknown>) => p.then(() => "no error", (e: unknown) => String((e as Error).message));

  beforeAll(async () => {
    owner = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
    app = postgres(inject("appUrl"), { max: 2, onnotice: () => {} });
    [a, b] = await Promise.all([makeTenant("Leak A"), makeTenant("Leak B")]);
    await createRecord(a.ctx, "CONTACT", { firstName: "Visible", lastName: "Alpha", email: "visible-a@x4.example" });
    bIds.push(
      (await createRecord(b.ctx, "CONTACT", { firstName: "Secret", lastName: "Bravo", email: "secret-b@x4.example" })).id,
      (await createRecord(b.ctx, "COMPANY", { name: "Secret Bravo Holdings", domain: "secret-b.example" })).id,
      (await createRecord(b.ctx, "DEAL", { name: "Secret Bravo renewal" })).id,
      (await createRecord(b.ctx, "LEAD", { firstName: "Secret", lastName: "Bravo", email: "lead-b@x4.example", companyName: "Bravo Ltd" })).id,
      (await createRecord(b.ctx, "TICKET", { subject: "Secret Bravo outage" })).id,
    );
  });

  afterAll(async () => {
    await Promise.all([owner.end(), app.end()]);
  });

  it("lets a caller's expression see only the tenant's own rows (the leak of the 0007 views)", async () => {
    // Through the views, `email::int > 0` ran on every tenant's rows and the cast error
    // showed tenant B's email to tenant A. It runs on the function's output only: A's rows.
    const leaky = (q: string) => (tx: postgres.TransactionSql) =>
      tx`select count(*) from search_candidates('{CONTACT}', ${q}, 50) c where (c.fields->>'email')::int > 0`;
    const seenByA = await failure(asApp(a.tenantId, leaky("x4.example")));
    expect(seenByA).toContain("visible-a@x4.example"); // the predicate does run, on A's row
    expect(seenByA).not.toContain("-b@");
    expect(await failure(asApp(a.tenantId, leaky("secret-b@x4.example")))).toBe("no error");
    // and the other way round
    const seenByB = await failure(asApp(b.tenantId, leaky("x4.example")));
    expect(seenByB).toMatch(/(secret|lead)-b@x4\.example/);
    expect(seenByB).not.toContain("visible-a");
  });

  it("the tables themselves: row level security runs the same predicate on the tenant's rows only", async () => {
    const leaky = (tx: postgres.TransactionSql) => tx`select count(*) from contacts where lower(email) like '%x4.example%' and email::int > 0`;
    const seenByA = await failure(asApp(a.tenantId, leaky));
    expect(seenByA).toContain("visible-a@x4.example");
    expect(seenByA).not.toContain("-b@");
  });

  it("never returns another tenant's records, whatever the query and tier", async () => {
    // prefix, contains, word prefix (short), typo, and an email, over every kind
    for (const q of ["secret", "bravo", "ecret brav", "se", "secrte bravo", "secret-b@x4.example", "bravo ltd"]) {
      const theirs = await asApp(b.tenantId, (tx) => tx<{ id: string }[]>`select id from search_candidates(${ALL}, ${q}, 50)`);
      expect(theirs.length, `B finds its own records for "${q}"`).toBeGreaterThan(0);
      const mine = await asApp(a.tenantId, (tx) => tx<{ id: string }[]>`select id from search_candidates(${ALL}, ${q}, 50)`);
      expect(mine.map((r) => r.id).filter((id) => bIds.includes(id)), q).toEqual([]);
    }
  });

  it("returns nothing when app.tenant_id is unset or empty, and takes no tenant from its caller", async () => {
    expect(await asApp(null, (tx) => tx`select * from search_candidates(${ALL}, 'secret', 50)`)).toHaveLength(0);
    expect(await asApp("", (tx) => tx`select * from search_candidates(${ALL}, 'secret', 50)`)).toHaveLength(0);
    expect(await asApp(b.tenantId, (tx) => tx`select * from search_candidates(${ALL}, 'secret', 50)`)).toHaveLength(5);
  });

  it("refuses kinds it does not search and limits outside 1–50", async () => {
    expect(await failure(asApp(a.tenantId, (tx) => tx`select * from search_candidates('{ACTIVITY}', 'call', 5)`))).toMatch(/ACTIVITY records are not searched/);
    expect(await failure(asApp(a.tenantId, (tx) => tx`select * from search_candidates('{CONTACT}', 'visible', 51)`))).toMatch(/limit must be from 1 to 50/);
  });

  it("reads each tier through the indexes of 0006, not by scanning the tables", async () => {
    // A tenant big enough that scanning its rows costs more than the indexes, as in
    // production. auto_explain prints the plan of every statement the function runs.
    const { tenantId } = await makeTenant("Search Plans");
    const word = (salt: string) => `substr(md5('${salt}' || g), 1, 7)`;
    const rows = (sql: string) => owner.unsafe(`${sql} from generate_series(1, 3000) g`, [tenantId]);
    await rows(`insert into companies (tenant_id, name, domain) select $1, ${word("n")} || ' co', ${word("d")} || '.example'`);
    await rows(`insert into contacts (tenant_id, first_name, last_name, email) select $1, ${word("f")}, ${word("l")}, ${word("e")} || '@x.example'`);
    await rows(`insert into deals (tenant_id, name) select $1, ${word("n")} || ' renewal'`);
    await rows(`insert into leads (tenant_id, first_name, last_name, email, company_name) select $1, ${word("f")}, ${word("l")}, ${word("e")} || '@x.example', ${word("c")}`);
    await rows(`insert into tickets (tenant_id, subject) select $1, 'printer ' || ${word("s")}`);
    // new rows wait in the GIN indexes' pending lists, which the planner prices as a scan of them all
    await owner`select gin_clean_pending_list(c.oid) from pg_class c where c.relname like '%trgm_idx'`;
    await owner`analyze companies, contacts, deals, leads, tickets`;
    const plans: string[] = [];
    const explained = postgres(inject("ownerUrl"), { max: 1, onnotice: (n) => plans.push(String(n.message)) });
    try {
      await explained.begin(async (tx) => {
        await tx`load 'auto_explain'`;
        await tx`select set_config('auto_explain.log_min_duration', '0', true), set_config('auto_explain.log_nested_statements', 'on', true),
                        set_config('auto_explain.log_level', 'notice', true), set_config('enable_seqscan', 'off', true)`;
        await tx`select set_config('app.tenant_id', ${tenantId}, true)`;
        await tx`set local role stageline_app`;
        // a 3-letter query runs every tier's plan; a short one the word-prefix LIKEs; two words the typo tier
        for (const q of ["abc", "ab", "abcdef 1234567"]) await tx`select * from search_candidates(${ALL}, ${q}, 5)`;
      });
    } finally {
      await explained.end();
    }
    const searches = plans.filter((p) => p.includes("Query Text: WITH "));
    expect(searches.length).toBe(15);
    for (const p of searches) expect(p).not.toMatch(/Seq Scan on (contacts|companies|deals|leads|tickets)/);
    const used = new Set(searches.flatMap((p) => [...p.matchAll(/Index Scan (?:using|on) (\w+)/g)].map((m) => m[1]!)));
    for (const index of [
      "contacts_name_prefix_idx", "contacts_last_name_prefix_idx", "contacts_email_prefix_idx", "contacts_name_trgm_idx", "contacts_email_trgm_idx",
      "companies_name_prefix_idx", "companies_domain_prefix_idx", "companies_name_trgm_idx", "companies_domain_trgm_idx",
      "deals_name_trgm_idx", "leads_name_trgm_idx", "leads_email_trgm_idx", "leads_company_name_trgm_idx", "tickets_subject_trgm_idx",
    ]) {
      expect(used, index).toContain(index);
    }
  });
});
