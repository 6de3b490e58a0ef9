// Tenant isolation, twice over: the services never reach another tenant's rows, and
// even a query that forgets its tenant filter is confined by Row Level Security,
// because the app's role cannot bypass it and withTenant sets app.tenant_id.
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db/client";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/api/keys";
import { emitEvent } from "@/lib/events/emit";
import { createCompany } from "@/lib/records/create-company";
import { withTenant } from "./with-tenant";

type Tenant = Awaited<ReturnType<typeof makeTenant>>;

/** Tables this file puts rows in for both tenants. */
const SEEDED = ["companies", "api_keys", "pipelines", "pipeline_stages", "tenant_users", "domain_events", "record_watchers"] as const;

describe("tenant isolation", () => {
  // The owner (superuser) sees through RLS: it checks what really happened to B's rows.
  let owner: postgres.Sql;
  let a: Tenant;
  let b: Tenant;
  let aCompanyId: string;
  let bCompanyId: string;
  let aKey: Awaited<ReturnType<typeof createApiKey>>;
  let bKey: Awaited<ReturnType<typeof createApiKey>>;
  let tenantTables: string[];

  /** Per table, B's rows as the owner sees them (what A must never change). */
  const snapshotOfB = async () => {
    const out: Record<string, string> = {};
    for (const t of SEEDED) {
      const [row] = await owner.unsafe(`select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x where tenant_id = $1`, [b.tenantId]);
      out[t] = `${row!.n}:${row!.h}`;
    }
    return out;
  };

  beforeAll(async () => {
    owner = postgres(inject("ownerUrl"), { max: 2, onnotice: () => {} });
    [a, b] = await Promise.all([makeTenant("Tenant A"), makeTenant("Tenant B")]);
    aCompanyId = (await createCompany(a.ctx, { name: "A Corp", domain: "a-corp.example" })).id;
    bCompanyId = (await createCompany(b.ctx, { name: "B Corp", domain: "b-corp.example" })).id;
    aKey = await createApiKey(a.ctx, { name: "A key", role: "manager" });
    bKey = await createApiKey(b.ctx, { name: "B key", role: "admin" });
    for (const [t, companyId] of [[a, aCompanyId], [b, bCompanyId]] as const) {
      await withTenant(t.ctx, (tx) =>
        tx.execute(sql`insert into record_watchers (tenant_id, record_type, record_id, principal_type, principal_id) values (${t.tenantId}, 'COMPANY', ${companyId}, 'USER', ${t.userId})`),
      );
    }
    const rows = await owner<{ name: string }[]>`
      select c.relname::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where n.nspname = 'public' and c.relkind = 'r' order by 1`;
    tenantTables = rows.map((r) => r.name);
  });

  afterAll(async () => {
    await owner.end();
  });

  describe("through the services", () => {
    it("lists only the tenant's own API keys", async () => {
      const keys = await listApiKeys(a.ctx);
      expect(keys.map((k) => k.id)).toEqual([aKey.id]);
      expect((await listApiKeys(b.ctx)).map((k) => k.id)).toEqual([bKey.id]);
    });

    it("cannot revoke another tenant's key: not found, and the key keeps working", async () => {
      await expect(revokeApiKey(a.ctx, bKey.id)).rejects.toMatchObject({ code: "not-found" });
      const ctx = await authenticateApiKey(bKey.key);
      expect(ctx).toMatchObject({ tenantId: b.tenantId, actor: { kind: "api_key", role: "admin", apiKeyId: bKey.id } });
    });

    it("authenticates each key into its own tenant only", async () => {
      expect(await authenticateApiKey(aKey.key)).toMatchObject({ tenantId: a.tenantId, actor: { role: "manager" } });
      expect(await authenticateApiKey(bKey.key)).toMatchObject({ tenantId: b.tenantId, actor: { role: "admin" } });
    });

    it("cannot point a record at another tenant's user (tenant-scoped foreign key)", async () => {
      await expect(createCompany(a.ctx, { name: "Sneaky", ownedByUserId: b.userId })).rejects.toThrow();
      const [row] = await owner`select count(*)::int as n from companies where name = 'Sneaky' and tenant_id in (${a.tenantId}, ${b.tenantId})`;
      expect(row!.n).toBe(0);
    });

    it("cannot smuggle a tenant id into a service's input", async () => {
      await expect(createCompany(a.ctx, { name: "Smuggled", tenantId: b.tenantId } as never)).rejects.toThrow();
      const [row] = await owner`select count(*)::int as n from companies where tenant_id = ${b.tenantId}`;
      expect(row!.n).toBe(1);
    });

    it("a revoked key of one tenant does not affect the other", async () => {
      const extra = await createApiKey(a.ctx, { name: "A temp", role: "readonly" });
      await revokeApiKey(a.ctx, extra.id);
      expect(await authenticateApiKey(extra.key)).toBeNull();
      expect(await authenticateApiKey(bKey.key)).toMatchObject({ tenantId: b.tenantId });
    });
  });

  describe("with the tenant filter removed, RLS still confines every query", () => {
    it("raw selects without a tenant filter see only tenant A's rows, in every tenant table", async () => {
      const before = await snapshotOfB();
      const seen = await withTenant(a.ctx, async (tx) => {
        const out: Record<string, { total: number; others: number }> = {};
        for (const t of tenantTables) {
          const [r] = await tx.execute<{ total: number; others: number }>(
            sql`select count(*)::int as total, count(*) filter (where tenant_id <> ${a.tenantId})::int as others from ${sql.identifier(t)}`,
          );
          out[t] = r!;
        }
        return out;
      });
      for (const t of tenantTables) expect(seen[t]!.others, `rows of other tenants visible in ${t}`).toBe(0);
      // ...and A's own rows are there (RLS is not simply hiding everything).
      for (const t of SEEDED) expect(seen[t]!.total, `A's rows in ${t}`).toBeGreaterThan(0);
      expect(await snapshotOfB()).toEqual(before);
    });

    it("looking up B's rows by id (no tenant filter) finds nothing", async () => {
      const rows = await withTenant(a.ctx, async (tx) => ({
        company: await tx.execute(sql`select id from companies where id = ${bCompanyId}`),
        key: await tx.execute(sql`select id from api_keys where id = ${bKey.id}`),
        member: await tx.execute(sql`select user_id from tenant_users where user_id = ${b.userId}`),
        tenant: await tx.execute(sql`select id from tenants where id = ${b.tenantId}`),
        events: await tx.execute(sql`select id from domain_events where entity_id = ${bCompanyId}`),
      }));
      expect(rows.company).toHaveLength(0);
      expect(rows.key).toHaveLength(0);
      expect(rows.member).toHaveLength(0);
      expect(rows.tenant).toHaveLength(0);
      expect(rows.events).toHaveLength(0);
      const tenants = await withTenant(a.ctx, (tx) => tx.execute<{ id: string }>(sql`select id from tenants`));
      expect(tenants.map((t) => t.id)).toEqual([a.tenantId]);
    });

    it("raw updates and deletes without a tenant filter change only tenant A's rows", async () => {
      const before = await snapshotOfB();
      const counts = await withTenant(a.ctx, async (tx) => {
        const upd = async (q: ReturnType<typeof sql>) => (await tx.execute(q)).count;
        return {
          companies: await upd(sql`update companies set name = name || ' (touched)'`),
          pipelines: await upd(sql`update pipelines set description = 'touched'`),
          stages: await upd(sql`update pipeline_stages set color = '#000000'`),
          members: await upd(sql`update tenant_users set is_active = is_active`),
          events: await upd(sql`update domain_events set payload = payload`),
          keys: await upd(sql`update api_keys set name = 'touched'`),
          tenants: await upd(sql`update tenants set settings = settings`),
          watchersDeleted: await upd(sql`delete from record_watchers`),
          keysDeleted: await upd(sql`delete from api_keys`),
        };
      });
      const [own] = await owner`
        select (select count(*)::int from companies where tenant_id = ${a.tenantId}) as companies,
               (select count(*)::int from pipelines where tenant_id = ${a.tenantId}) as pipelines,
               (select count(*)::int from pipeline_stages where tenant_id = ${a.tenantId}) as stages,
               (select count(*)::int from tenant_users where tenant_id = ${a.tenantId}) as members,
               (select count(*)::int from domain_events where tenant_id = ${a.tenantId}) as events`;
      expect(counts).toMatchObject({ companies: own!.companies, pipelines: own!.pipelines, stages: own!.stages, members: own!.members, events: own!.events, tenants: 1, watchersDeleted: 1 });
      expect(counts.keys).toBeGreaterThan(0);
      expect(counts.keysDeleted).toBe(counts.keys);
      // B is untouched, and B's key still authenticates.
      expect(await snapshotOfB()).toEqual(before);
      expect(await authenticateApiKey(bKey.key)).toMatchObject({ tenantId: b.tenantId });
      expect(await authenticateApiKey(aKey.key)).toBeNull();
      const [bName] = await owner`select name from companies where id = ${bCompanyId}`;
      expect(bName!.name).toBe("B Corp");
    });

    it("a targeted update or delete of B's row by id affects nothing", async () => {
      const before = await snapshotOfB();
      const counts = await withTenant(a.ctx, async (tx) => ({
        upd: (await tx.execute(sql`update companies set name = 'pwned' where id = ${bCompanyId}`)).count,
        del: (await tx.execute(sql`delete from companies where id = ${bCompanyId}`)).count,
        key: (await tx.execute(sql`update api_keys set revoked_at = now() where id = ${bKey.id}`)).count,
        member: (await tx.execute(sql`delete from tenant_users where tenant_id = ${b.tenantId}`)).count,
      }));
      expect(counts).toEqual({ upd: 0, del: 0, key: 0, member: 0 });
      expect(await snapshotOfB()).toEqual(before);
    });

    it("inserting a row for tenant B inside A's transaction is refused (WITH CHECK)", async () => {
      const attempts: Record<string, ReturnType<typeof sql>> = {
        companies: sql`insert into companies (tenant_id, name) values (${b.tenantId}, 'Planted')`,
        api_keys: sql`insert into api_keys (tenant_id, name, role, key_prefix, key_hash) values (${b.tenantId}, 'planted', 'admin', 'slk_planted', 'deadbeef')`,
        tenant_users: sql`insert into tenant_users (tenant_id, user_id, role) values (${b.tenantId}, ${a.userId}, 'admin')`,
        pipelines: sql`insert into pipelines (tenant_id, name, object_type, pipeline_key, display_order) values (${b.tenantId}, 'Planted', 'DEAL', 'planted', 99)`,
        domain_events: sql`insert into domain_events (tenant_id, event_type) values (${b.tenantId}, 'record.created')`,
        tenants: sql`insert into tenants (id, name, slug) values (gen_random_uuid(), 'Planted', 'planted-' || gen_random_uuid())`,
      };
      const before = await snapshotOfB();
      for (const [table, q] of Object.entries(attempts)) {
        const err = await withTenant(a.ctx, (tx) => tx.execute(q)).then(() => null, (e: unknown) => e);
        expect(err, `insert into ${table}`).not.toBeNull();
        expect(String((err as { cause?: unknown }).cause ?? err), `insert into ${table}`).toMatch(/row-level security/);
      }
      // Moving A's own row over to B is refused the same way.
      const moved = await withTenant(a.ctx, (tx) => tx.execute(sql`update companies set tenant_id = ${b.tenantId} where id = ${aCompanyId}`)).then(() => null, (e: unknown) => e);
      expect(String((moved as { cause?: unknown })?.cause ?? moved)).toMatch(/row-level security/);
      expect(await snapshotOfB()).toEqual(before);
    });

    it("an event emitted in A's context belongs to A and cannot be written for B", async () => {
      const id = await withTenant(a.ctx, (tx) => emitEvent(tx, a.ctx, { type: "record.updated", entityType: "COMPANY", entityId: aCompanyId }));
      const [row] = await owner`select tenant_id from domain_events where id = ${id}`;
      expect(row!.tenant_id).toBe(a.tenantId);
      const forged = { ...a.ctx, tenantId: b.tenantId };
      // A context claiming B inside A's transaction: the row is for B, so RLS refuses it.
      const err = await withTenant(a.ctx, (tx) => emitEvent(tx, forged, { type: "record.updated", entityType: "COMPANY", entityId: bCompanyId })).then(() => null, (e: unknown) => e);
      expect(String((err as { cause?: unknown })?.cause ?? err)).toMatch(/row-level security/);
    });

    it("a member of A acting in A cannot see B either", async () => {
      const rep = await makeMember(a.tenantId, "sales_rep", "Rep");
      const rows = await withTenant(rep.ctx, (tx) => tx.execute<{ tenant_id: string }>(sql`select distinct tenant_id from tenant_users`));
      expect(rows.map((r) => r.tenant_id)).toEqual([a.tenantId]);
    });
  });

  describe("outside withTenant", () => {
    it("a query with no tenant set sees no tenant rows at all", async () => {
      for (const t of [...tenantTables, "tenants"]) {
        const [r] = await db().execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(t)}`);
        expect(r!.n, t).toBe(0);
      }
      const [ownerView] = await owner`select count(*)::int as n from companies`;
      expect(ownerView!.n).toBeGreaterThan(0);
    });

    it("app.tenant_id does not leak to the next user of a pooled connection", async () => {
      // Fill every pooled connection with a finished tenant transaction, then query bare.
      await Promise.all(Array.from({ length: 20 }, () => withTenant(a.ctx, (tx) => tx.execute(sql`select pg_sleep(0.01)`))));
      const results = await Promise.all(
        Array.from({ length: 20 }, () => db().execute<{ n: number; setting: string | null }>(sql`select count(*)::int as n, current_setting('app.tenant_id', true) as setting from companies`)),
      );
      for (const [r] of results) {
        expect(r!.n).toBe(0);
        expect(r!.setting ?? "").toBe("");
      }
    });

    it("writing tenant rows with no tenant set is refused", async () => {
      const err = await db()
        .execute(sql`insert into companies (tenant_id, name) values (${a.tenantId}, 'No context')`)
        .then(() => null, (e: unknown) => e);
      expect(String((err as { cause?: unknown })?.cause ?? err)).toMatch(/row-level security/);
    });

    it("the app role cannot turn RLS off or reset it", async () => {
      const err = await db()
        .execute(sql`alter table companies disable row level security`)
        .then(() => null, (e: unknown) => e);
      expect(String((err as { cause?: unknown })?.cause ?? err)).toMatch(/must be owner/);
    });
  });
});
