// The schema's tenant-safety rules (ARCHITECTURE.md → Data model rules), checked against
// the live catalog of the migrated test database rather than against the TypeScript
// schema, so a hand-written migration or a forgotten policy is caught too.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

export type Rule =
  | "global-table"
  | "tenant-id-nullable"
  | "pk-tenant-first"
  | "unique-without-tenant"
  | "fk-without-tenant"
  | "fk-not-indexed"
  | "fk-set-null-tenant"
  | "rls-disabled"
  | "rls-not-forced"
  | "no-tenant-policy"
  | "policy-without-tenant"
  | "role-missing"
  | "role-superuser"
  | "role-bypassrls"
  | "role-owns-table"
  | "view-bypasses-rls"
  | "definer-no-search-path"
  | "definer-public-execute"
  | "append-only-writable"
  | "append-only-no-trigger";

export interface Violation {
  rule: Rule;
  /** `table`, `table.constraint|index|policy`, `view`, `function(args)`, or `role:name`. */
  object: string;
  message: string;
}

export interface CatalogOptions {
  /** Tables allowed to have no tenant_id. */
  globalTables?: readonly string[];
  /** The role the app connects as: not superuser, no BYPASSRLS, owns nothing in the schema. */
  appRole?: string;
  /** Append-only tables (the audit log): the app role may not UPDATE, DELETE or TRUNCATE them, and a BEFORE UPDATE OR DELETE row trigger refuses it to everyone. */
  appendOnlyTables?: readonly string[];
}

type Sql = postgres.ISql;

const TENANT_SETTING = /current_setting\('app\.tenant_id'/;

/** Every tenant-safety rule broken in `schema`; [] when the schema is sound. */
export async function checkCatalog(sql: Sql, schema: string, opts: CatalogOptions = {}): Promise<Violation[]> {
  const globalTables = new Set(opts.globalTables ?? ["tenants", "users", "auth_throttles"]);
  const appRole = opts.appRole ?? "stageline_app";
  const out: Violation[] = [];
  const add = (rule: Rule, object: string, message: string) => out.push({ rule, object, message });

  const tables = await sql<{ name: string; rls: boolean; forced: boolean; hasTenant: boolean; tenantNotNull: boolean | null }[]>`
    select c.relname::text as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
           a.attnum is not null as "hasTenant", a.attnotnull as "tenantNotNull"
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    where n.nspname = ${schema} and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`;

  const constraints = await sql<{
    table: string; name: string; type: "p" | "u" | "f"; columns: string[]; refTable: string | null; refColumns: string[]; refIsTenant: boolean;
    onDelete: string; onUpdate: string; deleteSetColumns: string[] | null;
  }[]>`
    select c.relname::text as table, k.conname::text as name, k.contype::text as type,
      array(select a.attname::text from unnest(k.conkey) with ordinality u(attnum, ord)
            join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.ord) as columns,
      case when k.contype = 'f' then format('%I.%I', fn.nspname, ft.relname) end as "refTable",
      array(select a.attname::text from unnest(k.confkey) with ordinality u(attnum, ord)
            join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.ord) as "refColumns",
      exists(select 1 from pg_attribute a where a.attrelid = k.confrelid and a.attname = 'tenant_id' and not a.attisdropped) as "refIsTenant",
      k.confdeltype::text as "onDelete", k.confupdtype::text as "onUpdate",
      case when k.confdelsetcols is not null then array(select a.attname::text from unnest(k.confdelsetcols) u(attnum)
            join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum) end as "deleteSetColumns"
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_class ft on ft.oid = k.confrelid
    left join pg_namespace fn on fn.oid = ft.relnamespace
    where n.nspname = ${schema} and k.contype in ('p', 'u', 'f')
    order by c.relname, k.conname`;

  // Key columns only (not INCLUDE columns); an expression is "(expr)".
  const indexes = await sql<{ table: string; name: string; unique: boolean; usable: boolean; predicate: string | null; backsConstraint: boolean; columns: string[] }[]>`
    select c.relname::text as table, ic.relname::text as name, i.indisunique as unique,
      (i.indisvalid and i.indpred is null) as usable,
      case when i.indisvalid and i.indpred is not null then pg_get_expr(i.indpred, i.indrelid) end as predicate,
      exists(select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x')) as "backsConstraint",
      array(select coalesce(a.attname::text, '(expr)') from unnest(i.indkey::int2[]) with ordinality u(attnum, ord)
            left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = u.attnum and u.attnum > 0
            where u.ord <= i.indnkeyatts order by u.ord) as columns
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_class ic on ic.oid = i.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema}
    order by c.relname, ic.relname`;

  const policies = await sql<{ table: string; name: string; permissive: boolean; using: string; check: string }[]>`
    select c.relname::text as table, p.polname::text as name, p.polpermissive as permissive,
      coalesce(pg_get_expr(p.polqual, p.polrelid), '') as using,
      coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') as check
    from pg_policy p
    join pg_class c on c.oid = p.polrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema}
    order by c.relname, p.polname`;

  for (const t of tables) {
    if (!t.hasTenant) {
      if (!globalTables.has(t.name)) add("global-table", t.name, `${t.name} has no tenant_id column and is not one of the global tables (${[...globalTables].join(", ")})`);
      continue;
    }
    if (!t.tenantNotNull) add("tenant-id-nullable", t.name, `${t.name}.tenant_id is nullable`);

    const pk = constraints.find((k) => k.table === t.name && k.type === "p");
    if (!pk) add("pk-tenant-first", t.name, `${t.name} has no primary key (it must be (tenant_id, ...))`);
    else if (pk.columns[0] !== "tenant_id") add("pk-tenant-first", `${t.name}.${pk.name}`, `primary key ${pk.name} of ${t.name} is (${pk.columns.join(", ")}): tenant_id must come first`);

    for (const k of constraints.filter((k) => k.table === t.name && k.type === "u")) {
      if (!k.columns.includes("tenant_id")) add("unique-without-tenant", `${t.name}.${k.name}`, `unique constraint ${k.name} on ${t.name} (${k.columns.join(", ")}) does not include tenant_id`);
    }
    for (const i of indexes.filter((i) => i.table === t.name && i.unique && !i.backsConstraint)) {
      if (!i.columns.includes("tenant_id")) add("unique-without-tenant", `${t.name}.${i.name}`, `unique index ${i.name} on ${t.name} (${i.columns.join(", ")}) does not include tenant_id among its key columns`);
    }

    for (const fk of constraints.filter((k) => k.table === t.name && k.type === "f" && k.refIsTenant)) {
      const paired = fk.columns.some((c, i) => c === "tenant_id" && fk.refColumns[i] === "tenant_id");
      if (!paired) {
        add("fk-without-tenant", `${t.name}.${fk.name}`,
          `foreign key ${fk.name}: ${t.name} (${fk.columns.join(", ")}) → ${fk.refTable} (${fk.refColumns.join(", ")}) does not match tenant_id to tenant_id`);
      }
    }

    // ON DELETE SET NULL on (tenant_id, x) nulls tenant_id too: the delete fails on NOT NULL
    // (or orphans the row). Postgres 15+ can name the columns: SET NULL (x).
    for (const fk of constraints.filter((k) => k.table === t.name && k.type === "f" && k.columns.includes("tenant_id"))) {
      const deleteNullsTenant = (fk.onDelete === "n" || fk.onDelete === "d") && (fk.deleteSetColumns ?? fk.columns).includes("tenant_id");
      const updateNullsTenant = fk.onUpdate === "n" || fk.onUpdate === "d";
      if (deleteNullsTenant || updateNullsTenant) {
        const others = fk.columns.filter((c) => c !== "tenant_id").join(", ");
        const detail = deleteNullsTenant
          ? `ON DELETE ${fk.onDelete === "n" ? "SET NULL" : "SET DEFAULT"} that includes tenant_id: name only the other columns, e.g. ON DELETE SET NULL (${others})`
          : `ON UPDATE ${fk.onUpdate === "n" ? "SET NULL" : "SET DEFAULT"}, which includes tenant_id`;
        add("fk-set-null-tenant", `${t.name}.${fk.name}`, `foreign key ${fk.name} on ${t.name} (${fk.columns.join(", ")}) has ${detail}`);
      }
    }

    if (!t.rls) add("rls-disabled", t.name, `row level security is not enabled on ${t.name}`);
    if (!t.forced) add("rls-not-forced", t.name, `row level security is not forced on ${t.name} (its owner would bypass it)`);
    const own = policies.filter((p) => p.table === t.name);
    if (!own.some((p) => p.permissive && TENANT_SETTING.test(p.using))) {
      add("no-tenant-policy", t.name, `${t.name} has no permissive policy whose USING expression reads current_setting('app.tenant_id')`);
    }
    // Permissive policies are OR-ed: one that ignores the tenant opens the table.
    for (const p of own.filter((p) => p.permissive)) {
      const exprs = [p.using, p.check].filter(Boolean);
      if (exprs.some((e) => !TENANT_SETTING.test(e))) {
        add("policy-without-tenant", `${t.name}.${p.name}`, `permissive policy ${p.name} on ${t.name} (${exprs.join(" / ")}) does not restrict by app.tenant_id`);
      }
    }
  }

  // Every foreign key (tenant or global) is served by an index led by its columns. A partial
  // index serves it too when its predicate only says that key columns are set ("x IS NOT
  // NULL"): a row with a NULL key references nothing, and the checks' `col = $n` implies
  // the predicate, so their generic plans use it (migration 0044's activity indexes).
  const onlySetKeys = (predicate: string | null, columns: string[]) =>
    predicate !== null &&
    predicate
      .replace(/^\((.*)\)$/, "$1")
      .split(" AND ")
      .every((part) => columns.includes(part.replace(/^\((\w+) IS NOT NULL\)$|^(\w+) IS NOT NULL$/, "$1$2")));
  for (const fk of constraints.filter((k) => k.type === "f")) {
    const want = [...fk.columns].sort().join(",");
    const covered = indexes.some(
      (i) => i.table === fk.table && (i.usable || onlySetKeys(i.predicate, fk.columns)) && i.columns.slice(0, fk.columns.length).sort().join(",") === want,
    );
    if (!covered) {
      add("fk-not-indexed", `${fk.table}.${fk.name}`, `foreign key ${fk.name} on ${fk.table} (${fk.columns.join(", ")}) has no non-partial index whose leading columns are its columns`);
    }
  }

  // Views read their tables with their owner's rights unless security_invoker is on: an
  // owner that bypasses row level security (a superuser, BYPASSRLS, or the table's owner
  // where RLS is not forced) lets the view's readers past every policy, and a leaky
  // function in their query sees other tenants' rows before the view's own filter runs.
  // security_barrier does not help enough: the tables' policies are still skipped. A
  // materialized view holds a copy that no policy guards. Views of views count: what an
  // inner view reads, the outer one reads too.
  const views = await sql<{ name: string; kind: "v" | "m"; invoker: boolean; owner: string; ownerBypasses: boolean; reads: string[] }[]>`
    with recursive reads (view_oid, rel_oid) as (
      select r.ev_class, d.refobjid from pg_rewrite r
      join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid and d.refclassid = 'pg_class'::regclass
      where d.refobjid <> r.ev_class
      union
      select reads.view_oid, d.refobjid from reads
      join pg_rewrite r on r.ev_class = reads.rel_oid
      join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid and d.refclassid = 'pg_class'::regclass
      where d.refobjid <> r.ev_class
    )
    select v.relname::text as name, v.relkind::text as kind,
      coalesce((select option_value::bool from pg_options_to_table(v.reloptions) where option_name = 'security_invoker'), false) as invoker,
      o.rolname::text as owner,
      o.rolsuper or o.rolbypassrls or bool_or(t.relowner = v.relowner and not t.relforcerowsecurity) as "ownerBypasses",
      array_agg(distinct t.relname::text order by t.relname::text) as reads
    from pg_class v
    join pg_namespace n on n.oid = v.relnamespace
    join pg_roles o on o.oid = v.relowner
    join reads on reads.view_oid = v.oid
    join pg_class t on t.oid = reads.rel_oid and t.relkind in ('r', 'p')
    where n.nspname = ${schema} and v.relkind in ('v', 'm')
      and (t.relrowsecurity or exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id' and not a.attisdropped))
    group by v.oid, v.relname, v.relkind, v.reloptions, v.relowner, o.rolname, o.rolsuper, o.rolbypassrls
    order by v.relname`;
  for (const v of views) {
    if (v.kind === "m") {
      add("view-bypasses-rls", v.name, `materialized view ${v.name} copies ${v.reads.join(", ")} where no row level security applies: keep such data in a tenant table with its policy`);
    } else if (!v.invoker && v.ownerBypasses) {
      add("view-bypasses-rls", v.name,
        `view ${v.name} reads ${v.reads.join(", ")} with the rights of its owner ${v.owner}, who bypasses row level security: make it security_invoker, or own it by a role subject to RLS`);
    }
  }

  // SECURITY DEFINER functions run with their owner's rights, past row level security
  // (global search, the auth look-ups): each fixes its search_path, so that objects of
  // the caller cannot stand in for the ones it names, and only the roles it is granted to
  // may call it (Postgres grants EXECUTE to PUBLIC unless revoked).
  const definers = await sql<{ name: string; config: string[] | null; publicExecute: boolean }[]>`
    select p.proname::text || '(' || pg_get_function_identity_arguments(p.oid) || ')' as name, p.proconfig as config,
      has_function_privilege('public', p.oid, 'execute') as "publicExecute"
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = ${schema} and p.prosecdef
    order by 1`;
  for (const f of definers) {
    // pg_temp named last: left out, a caller's temporary tables are searched first
    if (!(f.config ?? []).some((c) => c.startsWith("search_path=") && /pg_temp"?$/.test(c))) {
      add("definer-no-search-path", f.name, `SECURITY DEFINER function ${f.name} does not set search_path (SET search_path = pg_catalog, public, pg_temp)`);
    }
    if (f.publicExecute) add("definer-public-execute", f.name, `SECURITY DEFINER function ${f.name} is executable by PUBLIC: REVOKE ALL ... FROM PUBLIC and grant it to the app role`);
  }

  // Nobody edits or deletes an audit entry through the product: no grant lets the app do
  // it, and a trigger refuses it even to the owner.
  for (const name of (opts.appendOnlyTables ?? ["audit_log"]).filter((n) => tables.some((t) => t.name === n))) {
    const [a] = await sql<{ writable: boolean; guarded: boolean }[]>`
      select case when exists (select 1 from pg_roles where rolname = ${appRole})
               then has_table_privilege(${appRole}, c.oid, 'UPDATE') or has_table_privilege(${appRole}, c.oid, 'DELETE') or has_table_privilege(${appRole}, c.oid, 'TRUNCATE')
               else false end as writable,
        exists (select 1 from pg_trigger g where g.tgrelid = c.oid and not g.tgisinternal and g.tgenabled <> 'D'
                and (g.tgtype & 1) = 1 and (g.tgtype & 2) = 2 and (g.tgtype & 8) = 8 and (g.tgtype & 16) = 16) as guarded
      from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ${schema} and c.relname = ${name}`;
    if (a?.writable) add("append-only-writable", name, `the app role ${appRole} may UPDATE, DELETE or TRUNCATE the append-only table ${name}: grant it SELECT and INSERT only`);
    if (!a?.guarded) add("append-only-no-trigger", name, `append-only table ${name} has no enabled BEFORE UPDATE OR DELETE row trigger refusing changes`);
  }

  const [role] = await sql<{ super: boolean; bypass: boolean }[]>`select rolsuper as super, rolbypassrls as bypass from pg_roles where rolname = ${appRole}`;
  if (!role) add("role-missing", `role:${appRole}`, `the app role ${appRole} does not exist`);
  else {
    if (role.super) add("role-superuser", `role:${appRole}`, `the app role ${appRole} is a superuser`);
    if (role.bypass) add("role-bypassrls", `role:${appRole}`, `the app role ${appRole} has BYPASSRLS`);
    const owned = await sql<{ name: string }[]>`
      select c.relname::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and pg_get_userbyid(c.relowner) = ${appRole}
      order by c.relname`;
    for (const o of owned) add("role-owns-table", `${o.name}`, `the app role ${appRole} owns ${schema}.${o.name} (an owner can disable its row level security)`);
  }

  return out;
}

const summary = (vs: Violation[]) => vs.map((v) => `${v.rule} ${v.object}`).sort();

/** The seed's twelve enumerations, with exactly its values, in its order. */
const SEED_ENUMS: Record<string, string[]> = {
  crm_record_type: ["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET", "ACTIVITY", "PIPELINE", "LIST"],
  automation_scope_type: ["RECORD", "PIPELINE", "PIPELINE_STAGE", "LIST", "ENTITY"],
  automation_action_type: ["WEBHOOK", "WORKFLOW", "EVENT", "AIWORKER"],
  action_execution_status: ["PENDING", "IN_PROGRESS", "SUCCEEDED", "FAILED"],
  pipeline_object_type: ["COMPANY", "CONTACT", "DEAL", "LEAD", "TICKET"],
  pipeline_movement_mode: ["FLEXIBLE", "ENFORCED"],
  pipeline_stage_state: ["NOT_STARTED", "IN_PROGRESS", "DONE_SUCCESS", "DONE_FAILED"],
  pipeline_stage_type: ["OPEN", "SUCCESS", "FAILED"],
  list_processing_type: ["STATIC", "DYNAMIC"],
  deal_type: ["NEW", "RENEWAL", "UPSELL", "OTHER"],
  principal_type: ["USER", "GROUP"],
  list_object_type: ["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET", "ACTIVITY"],
};

/**
 * Violations reported and awaiting a schema fix (a new migration). Listed so the suite
 * stays green meanwhile; the test fails on any other violation, and when a listed one
 * is fixed (so the entry gets removed).
 */
const KNOWN_VIOLATIONS: string[] = [];

describe("database catalog", () => {
  let sql: postgres.Sql;
  beforeAll(() => {
    sql = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql.end();
  });

  it("public breaks no tenant-safety rule", async () => {
    const violations = await checkCatalog(sql, "public");
    const key = (v: Violation) => `${v.rule} ${v.object}`;
    expect(violations.filter((v) => !KNOWN_VIOLATIONS.includes(key(v))).map((v) => v.message)).toEqual([]);
    expect(KNOWN_VIOLATIONS.filter((k) => !violations.some((v) => key(v) === k)), "fixed now: remove them from KNOWN_VIOLATIONS").toEqual([]);
  });

  it("has the tenant tables it should (the checker is not looking at an empty schema)", async () => {
    const rows = await sql<{ name: string }[]>`
      select c.relname::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id'
      where n.nspname = 'public' and c.relkind = 'r'`;
    const names = rows.map((r) => r.name);
    for (const t of ["tenant_users", "api_keys", "companies", "contacts", "deals", "pipelines", "pipeline_stages", "domain_events", "event_deliveries", "record_watchers", "notifications"]) {
      expect(names).toContain(t);
    }
  });

  it("applies the access policy (issue 15) to every tenant table with owner columns: restrictive SELECT, UPDATE and DELETE policies through access_scope_ids", async () => {
    const tables = await sql<{ name: string; cols: string[] }[]>`
      select c.relname::text as name, array_agg(a.attname::text order by a.attname) as cols
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname in ('owned_by_user_id', 'owned_by_group_id', 'assigned_user_id', 'assigned_group_id') and not a.attisdropped
      where n.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from pg_attribute o where o.attrelid = c.oid and o.attname = 'owned_by_user_id' and not o.attisdropped)
      group by c.relname order by 1`;
    // analytics_record_counts (migration analytics_record_counts) counts records by these
    // columns: read through the same rule, with its record_type column naming the kind
    expect(tables.map((t) => t.name)).toEqual(["analytics_record_counts", "companies", "contacts", "deals", "leads", "tickets"]);
    const [counts] = await sql<{ using: string }[]>`
      select pg_get_expr(p.polqual, p.polrelid) as using from pg_policy p
      where p.polrelid = 'public.analytics_record_counts'::regclass and not p.polpermissive and p.polcmd = 'r'`;
    expect(counts?.using).toMatch(/access_scope_ids\(analytics_record_counts\.record_type, false\)|access_scope_ids\(record_type, false\)/);
    for (const col of tables[0]!.cols) expect(counts!.using, `analytics_record_counts.${col} in its read policy`).toContain(col);
    for (const t of tables.slice(1)) {
      const pols = await sql<{ cmd: string; using: string }[]>`
        select p.polcmd::text as cmd, pg_get_expr(p.polqual, p.polrelid) as using from pg_policy p
        where p.polrelid = ${`public.${t.name}`}::regclass and not p.polpermissive`;
      for (const [cmd, write] of [["r", "false"], ["w", "true"], ["d", "true"]] as const) {
        const pol = pols.find((p) => p.cmd === cmd);
        expect(pol?.using, `${t.name}: restrictive ${cmd} policy`).toMatch(new RegExp(`access_scope_ids\\('[A-Z]+'::crm_record_type, ${write}\\)`));
        // every owner and assignee column counts
        for (const col of t.cols) expect(pol!.using, `${t.name}.${col} in the ${cmd} policy`).toContain(col);
      }
    }
  });

  it("makes every row that hangs off a record follow the record's visibility (issue 15): a restrictive SELECT policy through access_all_types", async () => {
    // Tables that name a record (record_id, entity_id, member_id), or have owner or assignee
    // columns without the records' owned_by_user_id (activities: the test above covers
    // those with it) — except these, each for its reason:
    const exempt: Record<string, string> = {
      audit_log: "admins only (Settings → Audit log), and admins see every record",
      automation_actions: "configuration, read and written by the roles that manage automations",
      analytics_activity_days: "counts per day, logger, group and type, no record ids: read only for viewers whose scope is every record (lib/dashboards/rollup.ts); written by a trigger as any writer",
    };
    const rows = await sql<{ name: string }[]>`
      select distinct c.relname::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and not a.attisdropped
      where n.nspname = 'public' and c.relkind = 'r'
        and (a.attname in ('record_id', 'entity_id', 'member_id')
          or (a.attname in ('owned_by_group_id', 'assigned_user_id', 'assigned_group_id')
            and not exists (select 1 from pg_attribute o where o.attrelid = c.oid and o.attname = 'owned_by_user_id' and not o.attisdropped)))
      order by 1`;
    const children = rows.map((r) => r.name).filter((n) => !(n in exempt));
    expect(children).toEqual(expect.arrayContaining(["activities", "activity_links", "automation_action_executions", "domain_events", "import_rows", "list_memberships", "notifications", "published_events", "record_assignments", "record_changes", "record_watchers", "stage_history"]));
    for (const t of [...children, "list_membership_log", "imports", "record_merges"]) {
      const pols = await sql<{ using: string }[]>`
        select pg_get_expr(p.polqual, p.polrelid) as using from pg_policy p
        where p.polrelid = ${`public.${t}`}::regclass and not p.polpermissive and p.polcmd = 'r'`;
      expect(pols.some((p) => /access_all_types\(false\)/.test(p.using)), `${t}: a restrictive SELECT policy through access_all_types(false)`).toBe(true);
    }
    // an activity is written only within its record's write scope
    const writes = await sql<{ cmd: string; expr: string }[]>`
      select p.polcmd::text as cmd, coalesce(pg_get_expr(p.polwithcheck, p.polrelid), pg_get_expr(p.polqual, p.polrelid)) as expr from pg_policy p
      where p.polrelid = 'public.activities'::regclass and not p.polpermissive and p.polcmd in ('a', 'w', 'd')`;
    expect(writes.map((p) => p.cmd).sort()).toEqual(["a", "d", "w"]);
    for (const p of writes) expect(p.expr, `activities ${p.cmd}`).toMatch(/access_all_types\(true\)/);
  });

  it("protects the tenants table by its own id", async () => {
    const [t] = await sql<{ rls: boolean; forced: boolean }[]>`select relrowsecurity as rls, relforcerowsecurity as forced from pg_class where oid = 'public.tenants'::regclass`;
    expect(t).toEqual({ rls: true, forced: true });
    const pols = await sql<{ using: string }[]>`select pg_get_expr(polqual, polrelid) as using from pg_policy where polrelid = 'public.tenants'::regclass`;
    expect(pols.some((p) => /\bid = /.test(p.using) && TENANT_SETTING.test(p.using))).toBe(true);
  });

  it("has the seed's twelve enumerations with exactly their values", async () => {
    const rows = await sql<{ name: string; labels: string[] }[]>`
      select t.typname::text as name, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
      from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
      where n.nspname = 'public' group by t.typname`;
    const actual = Object.fromEntries(rows.map((r) => [r.name, r.labels]));
    for (const [name, labels] of Object.entries(SEED_ENUMS)) {
      expect(actual[name], `enum ${name}`).toEqual(labels);
    }
  });

  it("finds every broken rule in a deliberately bad schema (rolled back)", async () => {
    const suffix = randomBytes(4).toString("hex");
    const schema = `catalog_scratch_${suffix}`;
    const role = `catalog_scratch_app_${suffix}`;
    const plainOwner = `catalog_scratch_owner_${suffix}`;
    const secure = (table: string) => `
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy tenant_isolation on ${table}
        using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
        with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);`;
    const tenantTables = [
      "good_parent", "good_child", "nullable_tenant", "pk_order", "no_pk", "uniq", "fk_target", "fk_bad", "fk_unindexed", "fk_where_set",
      "fk_set_null", "rls_off", "rls_unforced", "rls_no_policy", "rls_leaky", "owned_by_app", "audit_log", "good_log",
    ];
    const ROLLBACK = new Error("rollback");
    let found: Violation[] = [];
    let foundWithAppRole: Violation[] = [];
    await sql
      .begin(async (tx) => {
        await tx.unsafe(`
          create role ${role} nologin superuser bypassrls;
          create role ${plainOwner} nologin nosuperuser nobypassrls;
          create schema ${schema};
          set local search_path = ${schema};
          create table tenants (id uuid primary key);
          create table orphan (id uuid primary key);
          create table good_parent (tenant_id uuid not null references tenants (id), id uuid not null, code text,
            primary key (tenant_id, id), unique (tenant_id, code));
          create table good_child (tenant_id uuid not null, id uuid not null, parent_id uuid, primary key (tenant_id, id),
            foreign key (tenant_id, parent_id) references good_parent (tenant_id, id));
          create index on good_child (parent_id, tenant_id);
          create table nullable_tenant (tenant_id uuid, id uuid primary key);
          create table pk_order (tenant_id uuid not null, id uuid not null, primary key (id, tenant_id));
          create table no_pk (tenant_id uuid not null, id uuid not null);
          create table uniq (tenant_id uuid not null, id uuid not null, code text, email text, slug text,
            primary key (tenant_id, id), constraint uniq_code_key unique (code));
          create unique index uniq_email_key on uniq (lower(email));
          create unique index uniq_slug_key on uniq (slug) include (tenant_id);
          create unique index uniq_tenant_email_key on uniq (tenant_id, lower(email));
          create table fk_target (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id),
            constraint fk_target_id_key unique (id), constraint fk_target_id_tenant_key unique (id, tenant_id));
          create table fk_bad (tenant_id uuid not null, id uuid not null, target_id uuid, other_id uuid, primary key (tenant_id, id),
            constraint fk_bad_target_fk foreign key (target_id) references fk_target (id),
            constraint fk_bad_crossed_fk foreign key (tenant_id, other_id) references fk_target (id, tenant_id));
          create index on fk_bad (target_id);
          create index on fk_bad (tenant_id, other_id);
          create table fk_unindexed (tenant_id uuid not null, id uuid not null, a_id uuid, b_id uuid, c_id uuid,
            created_at timestamptz, primary key (tenant_id, id),
            constraint fk_unindexed_a_fk foreign key (tenant_id, a_id) references good_parent (tenant_id, id),
            constraint fk_unindexed_b_fk foreign key (tenant_id, b_id) references good_parent (tenant_id, id),
            constraint fk_unindexed_c_fk foreign key (tenant_id, c_id) references good_parent (tenant_id, id));
          create index on fk_unindexed (tenant_id, created_at, b_id);
          create index on fk_unindexed (tenant_id, c_id) where created_at is not null;
          create table fk_where_set (tenant_id uuid not null, id uuid not null, a_id uuid, primary key (tenant_id, id),
            constraint fk_where_set_a_fk foreign key (tenant_id, a_id) references good_parent (tenant_id, id));
          create index on fk_where_set (tenant_id, a_id) where a_id is not null;
          create table fk_set_null (tenant_id uuid not null, id uuid not null, p_id uuid, q_id uuid, primary key (tenant_id, id),
            constraint fk_set_null_p_fk foreign key (tenant_id, p_id) references good_parent (tenant_id, id) on delete set null,
            constraint fk_set_null_q_fk foreign key (tenant_id, q_id) references good_parent (tenant_id, id) on delete set null (q_id));
          create index on fk_set_null (tenant_id, p_id);
          create index on fk_set_null (tenant_id, q_id);
          create table rls_off (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id));
          create table rls_unforced (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id));
          create table rls_no_policy (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id));
          create table rls_leaky (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id));
          create table owned_by_app (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id));
          create table audit_log (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id));
          grant select, insert, update on audit_log to stageline_app;
          create table good_log (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id));
          grant select, insert on good_log to stageline_app;
          create function refuse() returns trigger language plpgsql as 'begin raise exception ''append-only''; end';
          create trigger good_log_append_only before update or delete on good_log for each row execute function refuse();
          ${tenantTables.map(secure).join("\n")}
          alter table rls_off disable row level security;
          alter table rls_unforced no force row level security;
          drop policy tenant_isolation on rls_no_policy;
          create policy open_read on rls_leaky for select using (true);
          alter table owned_by_app owner to ${role};
          create view view_invoker with (security_invoker = true) as select tenant_id, id from good_parent;
          create view view_plain_owner as select tenant_id, id from good_parent;
          alter view view_plain_owner owner to ${plainOwner};
          create view view_global as select id from orphan;
          create view view_owner_rights as select tenant_id, id from good_parent;
          create view view_barrier with (security_barrier = true) as select tenant_id, id from good_parent
            where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid;
          create view view_over_invoker as select tenant_id, id from view_invoker;
          create view view_unforced_owner as select tenant_id, id from rls_unforced;
          alter table rls_unforced owner to ${plainOwner};
          alter view view_unforced_owner owner to ${plainOwner};
          create materialized view matview_parent as select tenant_id, id from good_parent;
          create function definer_ok(p uuid) returns bigint language sql stable security definer set search_path = pg_catalog, ${schema}, pg_temp
            as 'select count(*) from good_parent where tenant_id = p';
          revoke all on function definer_ok(uuid) from public;
          create function definer_no_path() returns bigint language sql stable security definer as 'select count(*) from good_parent';
          revoke all on function definer_no_path() from public;
          create function definer_public() returns bigint language sql stable security definer set search_path = pg_catalog, ${schema}, pg_temp
            as 'select count(*) from good_parent';
          create function definer_temp_first() returns bigint language sql stable security definer set search_path = pg_catalog, ${schema}
            as 'select count(*) from good_parent';
          revoke all on function definer_temp_first() from public;
          create function invoker_fn() returns bigint language sql stable as 'select count(*) from good_parent';
        `);
        const appendOnlyTables = ["audit_log", "good_log"];
        found = await checkCatalog(tx, schema, { globalTables: ["tenants"], appRole: "stageline_app", appendOnlyTables });
        foundWithAppRole = await checkCatalog(tx, schema, { globalTables: ["tenants"], appRole: role, appendOnlyTables });
        throw ROLLBACK;
      })
      .catch((err: unknown) => {
        if (err !== ROLLBACK) throw err;
      });

    const expected = [
      "global-table orphan",
      "tenant-id-nullable nullable_tenant",
      "pk-tenant-first nullable_tenant.nullable_tenant_pkey",
      "pk-tenant-first pk_order.pk_order_pkey",
      "pk-tenant-first no_pk",
      "unique-without-tenant uniq.uniq_code_key",
      "unique-without-tenant uniq.uniq_email_key",
      "unique-without-tenant uniq.uniq_slug_key",
      "unique-without-tenant fk_target.fk_target_id_key",
      "fk-without-tenant fk_bad.fk_bad_target_fk",
      "fk-without-tenant fk_bad.fk_bad_crossed_fk",
      "fk-not-indexed fk_unindexed.fk_unindexed_a_fk",
      "fk-not-indexed fk_unindexed.fk_unindexed_b_fk",
      "fk-not-indexed fk_unindexed.fk_unindexed_c_fk",
      "fk-set-null-tenant fk_set_null.fk_set_null_p_fk",
      "rls-disabled rls_off",
      "rls-not-forced rls_unforced",
      "no-tenant-policy rls_no_policy",
      "policy-without-tenant rls_leaky.open_read",
      "view-bypasses-rls view_owner_rights",
      "view-bypasses-rls view_barrier",
      "view-bypasses-rls view_over_invoker",
      "view-bypasses-rls view_unforced_owner",
      "view-bypasses-rls matview_parent",
      "definer-no-search-path definer_no_path()",
      "definer-no-search-path definer_temp_first()",
      "definer-public-execute definer_public()",
      "append-only-writable audit_log",
      "append-only-no-trigger audit_log",
    ];
    expect(summary(found)).toEqual([...expected].sort());
    expect(summary(foundWithAppRole)).toEqual(
      [...expected, `role-superuser role:${role}`, `role-bypassrls role:${role}`, "role-owns-table owned_by_app", "append-only-writable good_log"].sort(),
    );
    // Messages name the table and the constraint.
    expect(found.find((v) => v.rule === "fk-without-tenant" && v.object.endsWith("crossed_fk"))?.message).toMatch(/fk_bad_crossed_fk: fk_bad \(tenant_id, other_id\) → catalog_scratch_\w+\.fk_target \(id, tenant_id\)/);

    // A view of a view names the tenant table it reaches.
    expect(found.find((v) => v.object === "view_over_invoker")?.message).toMatch(/reads good_parent with the rights of its owner \w+, who bypasses/);

    // Nothing of the scratch schema or role survived.
    const [left] = await sql<{ schemas: number; roles: number }[]>`
      select (select count(*)::int from pg_namespace where nspname = ${schema}) as schemas,
             (select count(*)::int from pg_roles where rolname in (${role}, ${plainOwner})) as roles`;
    expect(left).toEqual({ schemas: 0, roles: 0 });
  });
});
