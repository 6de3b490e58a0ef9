// The widget query builder (issue 18): a widget definition → ONE SQL aggregate. The
// definition is parsed with zod (schemas.ts) and every field it names is looked up in the
// record type's whitelist (catalog.ts); values are bound parameters and field paths only
// select Drizzle columns, so user input never becomes SQL text. The filter is the shared
// filter compiler's (lib/filters). Runs in withTenant, so RLS keeps it to the tenant and the
// reader's access scope. Definitions:
// - count: records (grouped by tag or a multi-select field, a record counts once in each of
//   its values' groups); sum / avg / min / max: of a number or money field, missing values
//   skipped; weighted (deals): Σ amount × (forecast probability, else the stage's);
// - a date group-by buckets the field by day / week (Monday) / month / quarter in the
//   workspace's time zone (a `date` column such as closeDate by its calendar day);
// - a period keeps the records whose date field falls in the preset's whole days there.
// Soft-deleted records count nowhere.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { activities, deals, leads, pipelines, pipelineStages, tenantGroups, users } from "@/db/schema";
import { validationError, type ValidationIssue } from "@/lib/errors";
import type { FieldDef, FilterCustomField } from "@/lib/filters/fields";
import { compileFilter } from "@/lib/filters/compile";
import { NUMERIC_TEXT_SQL } from "@/lib/filters/values";
import type { TenantContext } from "@/lib/tenancy/context";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { zonedDayOf, zonedDayStart } from "@/lib/workspace/zone";
import { catalogOf, RECORD_COLUMNS, type Catalog } from "./catalog";
import { drillFilter, drillHref } from "./drill";
import { rollupAggregate, rollupAllowed, rollupAnswers } from "./rollup";
import { widgetFieldLabel } from "./labels";
import { labelFor } from "@/lib/format/labels";
import { bucketLabel, OBJECT_TYPE_OF, presetDays, widgetQuerySchema, type GroupBy, type WidgetQuery, type WidgetRecordType } from "./schemas";

export interface WidgetRow {
  key1: string | null;
  label1: string;
  key2: string | null;
  label2: string;
  /** null: nothing to average (no records, or none with the field). */
  value: number | null;
  /** The matching records as a filtered table, or null (activities have no table). */
  href: string | null;
}

export interface WidgetResult {
  recordType: WidgetRecordType;
  measureLabel: string;
  /** The group-bys' names ("Owner", "Created (month)"). */
  dimensions: string[];
  rows: WidgetRow[];
  /** The measure is an amount of money (sum of amount, weighted...). */
  money: boolean;
  timeZone: string;
}

export const MAX_WIDGET_ROWS = 1000;

/** Whether each field the query names exists for its record type; issues point at the node ("query.groupBy[1].field"). */
export function checkWidgetQuery(q: WidgetQuery, cat: Catalog, base = "query"): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const m = q.measure;
  if (m.fn === "weighted") {
    if (!cat.weighted) issues.push({ path: `${base}.measure.fn`, message: "weighted applies to deals only" });
  } else if (m.fn !== "count") {
    if (!m.field) issues.push({ path: `${base}.measure.field`, message: `${m.fn} needs a number field` });
    else if (!cat.numberFields.has(m.field)) issues.push({ path: `${base}.measure.field`, message: `not a number field of ${q.recordType}: ${m.field}; expected one of ${[...cat.numberFields.keys()].join(", ")}` });
  } else if (m.field) issues.push({ path: `${base}.measure.field`, message: "count takes no field" });
  if (q.period && !cat.dateFields.has(q.period.field)) issues.push({ path: `${base}.period.field`, message: `not a date field of ${q.recordType}: ${q.period.field}` });
  const seen = new Set<string>();
  q.groupBy.forEach((g, i) => {
    const at = `${base}.groupBy[${i}]`;
    if (!cat.groupBys.includes(g.by)) issues.push({ path: `${at}.by`, message: `${q.recordType} cannot be grouped by ${g.by}; expected one of ${cat.groupBys.join(", ")}` });
    if (g.by === "date" && (!g.field || !cat.dateFields.has(g.field))) issues.push({ path: `${at}.field`, message: `must be a date field of ${q.recordType}` });
    if (g.by === "custom" && (!g.field || !cat.choiceFields.has(g.field))) issues.push({ path: `${at}.field`, message: `must be a choice (select) custom field of ${q.recordType}` });
    if ((g.by === "date" || g.by === "custom") === false && g.field) issues.push({ path: `${at}.field`, message: `${g.by} takes no field` });
    if (g.by !== "date" && g.bucket) issues.push({ path: `${at}.bucket`, message: "only a date group-by has a bucket" });
    const key = `${g.by}:${g.field ?? ""}`;
    if (seen.has(key)) issues.push({ path: at, message: "the same group-by twice" });
    seen.add(key);
  });
  return issues;
}

/** A custom NUMBER value as numeric, or NULL (never a cast error), as lib/filters/compile.ts reads it. */
function customNumber(cf: AnyPgColumn, key: string): SQL {
  const json = sql`(${cf} -> ${key}::text)`;
  const text = sql`(${cf} ->> ${key}::text)`;
  return sql`(case jsonb_typeof(${json}) when 'number' then ${text}::numeric when 'string' then (case when ${text} ~ ${NUMERIC_TEXT_SQL} then ${text}::numeric end) end)`;
}

function columnOf(f: FieldDef): AnyPgColumn {
  if (f.source.from === "custom") throw new Error("not a column");
  return f.source.column;
}

interface Dim {
  /** The group key in its own type (NULL: none): rows are grouped by it, which is cheaper than by its text. */
  key: SQL;
  /** The key of a group as text (the result's key1/key2), from the grouped `key`. */
  text: (k: SQL) => SQL;
  /** A lateral join the key reads from (tags, multi-select). */
  join: SQL | null;
  label: (k: SQL) => SQL;
  /** A sort key for a natural order (stages, dates); null: by value. */
  order: ((k: SQL) => SQL) | null;
  name: string;
}

function dimension(g: GroupBy, i: number, q: WidgetQuery, cat: Catalog, tenantId: string, timeZone: string): Dim {
  const c = RECORD_COLUMNS[q.recordType];
  const alias = sql.raw(`g${i + 1}`);
  const none = (text: string) => sql`${text}::text`;
  const asText = (k: SQL) => sql`${k}::text`;
  const same = (k: SQL) => k;
  switch (g.by) {
    case "owner":
      return { key: sql`${c.owner}`, text: asText, join: null, name: q.recordType === "activities" ? "Logged by" : "Owner", order: null, label: (k) => sql`coalesce((select u.name from ${users} u where u.id = ${k}::uuid), ${none("No owner")})` };
    case "group":
      return { key: sql`${c.group}`, text: asText, join: null, name: "Group", order: null, label: (k) => sql`coalesce((select tg.name from ${tenantGroups} tg where tg.tenant_id = ${tenantId}::uuid and tg.id = ${k}::uuid), ${none("No group")})` };
    case "stage":
      return {
        key: sql`${c.stage!}`,
        text: asText,
        join: null,
        name: "Stage",
        label: (k) => sql`coalesce((select ps.name from ${pipelineStages} ps where ps.tenant_id = ${tenantId}::uuid and ps.id = ${k}::uuid), ${none("No stage")})`,
        order: (k) => sql`(select p.display_order * 10000 + ps.display_order from ${pipelineStages} ps join ${pipelines} p on p.tenant_id = ps.tenant_id and p.id = ps.pipeline_id where ps.tenant_id = ${tenantId}::uuid and ps.id = ${k}::uuid)`,
      };
    case "pipeline":
      return {
        key: sql`${c.pipeline!}`,
        text: asText,
        join: null,
        name: "Pipeline",
        label: (k) => sql`coalesce((select p.name from ${pipelines} p where p.tenant_id = ${tenantId}::uuid and p.id = ${k}::uuid), ${none("No pipeline")})`,
        order: (k) => sql`(select p.display_order from ${pipelines} p where p.tenant_id = ${tenantId}::uuid and p.id = ${k}::uuid)`,
      };
    case "source":
      return { key: sql`nullif(${leads.source}, '')`, text: same, join: null, name: "Source", order: null, label: (k) => sql`coalesce(${k}, ${none("No source")})` };
    case "dealType":
      return { key: sql`${deals.dealType}`, text: asText, join: null, name: "Deal type", order: null, label: (k) => sql`coalesce(${k}, ${none("No type")})` };
    case "activityType":
      return { key: sql`${activities.activityType}`, text: asText, join: null, name: "Activity type", order: null, label: (k) => sql`coalesce(${k}, ${none("No type")})` };
    case "tag":
      return { key: sql`${alias}.v`, text: same, join: sql`left join lateral unnest(${c.tags!}) as ${alias}(v) on true`, name: "Tag", order: null, label: (k) => sql`coalesce(${k}, ${none("No tag")})` };
    case "custom": {
      const f = cat.choiceFields.get(g.field!)!;
      const key = f.source.from === "custom" ? f.source.key : "";
      const json = sql`(${c.customFields!} -> ${key}::text)`;
      const name = widgetFieldLabel(g.field!);
      if (f.source.from === "custom" && f.source.fieldType === "MULTI_SELECT") {
        return { key: sql`${alias}.v`, text: same, join: sql`left join lateral jsonb_array_elements_text(case when jsonb_typeof(${json}) = 'array' then ${json} else '[]'::jsonb end) as ${alias}(v) on true`, name, order: null, label: (k) => sql`coalesce(${k}, ${none("Not set")})` };
      }
      return { key: sql`(case when jsonb_typeof(${json}) = 'string' then ${c.customFields!} ->> ${key}::text end)`, text: same, join: null, name, order: null, label: (k) => sql`coalesce(${k}, ${none("Not set")})` };
    }
    case "date": {
      const f = cat.dateFields.get(g.field!)!;
      const bucket = g.bucket ?? "month";
      const col = columnOf(f);
      const local = f.type.kind === "date" && f.type.dateOnly ? sql`${col}::timestamp` : sql`(${col} at time zone ${timeZone}::text)`;
      return {
        key: sql`date_trunc(${bucket}::text, ${local})`,
        text: (k) => sql`to_char(${k}, 'YYYY-MM-DD')`,
        join: null,
        name: `${widgetFieldLabel(g.field!)} (${bucket})`,
        order: (k) => k,
        // labelled in TypeScript (bucketLabel): the SQL returns the bucket's first day
        label: (k) => sql`coalesce(${k}, ${none("No date")})`,
      };
    }
  }
}

function measureSql(q: WidgetQuery, cat: Catalog): { expr: SQL; join: SQL | null; label: string; money: boolean } {
  const m = q.measure;
  if (m.fn === "count") return { expr: sql`count(*)`, join: null, label: "Count", money: false };
  if (m.fn === "weighted") {
    const d = deals;
    return {
      expr: sql`sum(${d.amount} * coalesce(${d.forecastProbability}, wst.probability))`,
      join: sql`left join ${pipelineStages} wst on wst.tenant_id = ${d.tenantId} and wst.id = ${d.stageId}`,
      label: "Weighted amount",
      money: true,
    };
  }
  const f = cat.numberFields.get(m.field!)!;
  const x = f.source.from === "custom" ? customNumber(RECORD_COLUMNS[q.recordType].customFields!, f.source.key) : sql`${columnOf(f)}`;
  const fn = sql.raw(m.fn);
  const label = `${{ sum: "Sum", avg: "Average", min: "Minimum", max: "Maximum" }[m.fn]} of ${widgetFieldLabel(m.field!).toLowerCase()}`;
  return { expr: sql`${fn}(${x})`, join: null, label, money: m.field === "amount" || m.field === "annualRevenue" };
}

/** The period's condition on its date field: whole days of the workspace's zone. */
export function periodBounds(q: WidgetQuery, timeZone: string, now: Date): { field: string; from: string; toExclusive: string; start: Date; end: Date } | null {
  if (!q.period) return null;
  const days = presetDays(q.period.preset, zonedDayOf(now, timeZone));
  return { field: q.period.field, ...days, start: zonedDayStart(days.from, timeZone), end: zonedDayStart(days.toExclusive, timeZone) };
}

export interface QueryEnv {
  tenantId: string;
  userId: string | null;
  timeZone: string;
  customFields: readonly FilterCustomField[];
  now?: Date;
  /** A query the triggers' counts answer reads them (rollup.ts: the viewer may read them). */
  rollup?: boolean;
}

/** The one statement of a widget (exported for the bench's EXPLAIN and the tests). */
export function widgetSql(input: unknown, env: QueryEnv): { query: WidgetQuery; statement: SQL; dims: Dim[]; measure: ReturnType<typeof measureSql>; cat: Catalog } {
  const parsed = widgetQuerySchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues.map((i) => ({ path: ["query", ...i.path].join("."), message: i.message })));
  const q = parsed.data;
  const cat = catalogOf(q.recordType, env.customFields);
  const issues = checkWidgetQuery(q, cat);
  if (issues.length) throw validationError(issues);
  const now = env.now ?? new Date();
  const c = RECORD_COLUMNS[q.recordType];
  const where: SQL[] = [sql`${c.tenantId} = ${env.tenantId}::uuid`, sql`${c.deletedAt} is null`];
  if (q.filter) {
    try {
      where.push(compileFilter(OBJECT_TYPE_OF[q.recordType], q.filter, { tenantId: env.tenantId, userId: env.userId, now, customFields: env.customFields }));
    } catch (err) {
      const e = err as { code?: string; extensions?: { errors?: ValidationIssue[] } };
      if (e.code === "validation" && e.extensions?.errors) throw validationError(e.extensions.errors.map((i) => ({ ...i, path: `query.${i.path}` })));
      throw err;
    }
  }
  const p = periodBounds(q, env.timeZone, now);
  if (p) {
    const f = cat.dateFields.get(p.field)!;
    const col = columnOf(f);
    where.push(f.type.kind === "date" && f.type.dateOnly ? sql`${col} >= ${p.from}::date and ${col} < ${p.toExclusive}::date` : sql`${col} >= ${p.start.toISOString()}::timestamptz and ${col} < ${p.end.toISOString()}::timestamptz`);
  }
  const dims = q.groupBy.map((g, i) => dimension(g, i, q, cat, env.tenantId, env.timeZone));
  const measure = measureSql(q, cat);
  const joins = [measure.join, ...dims.map((d) => d.join)].filter((j): j is SQL => j !== null);
  const k1 = dims[0]?.key ?? sql`null::text`;
  const k2 = dims[1]?.key ?? sql`null::text`;
  const groupBy = dims.length === 2 ? sql`group by 1, 2` : dims.length === 1 ? sql`group by 1` : sql``;
  const K1 = sql.raw("agg.k1");
  const K2 = sql.raw("agg.k2");
  const label = (d: Dim | undefined, k: SQL) => (d ? d.label(k) : sql`''::text`);
  const order = (d: Dim | undefined, k: SQL) => (d?.order ? d.order(k) : sql`null::bigint`);
  const orderBy = dims.length === 0 ? sql`` : dims[0]!.order ? sql`order by o1 nulls last, agg.k1 nulls last, o2 nulls last, agg.k2 nulls last` : sql`order by sum(agg.v) over (partition by agg.k1) desc nulls last, agg.k1 nulls last, o2 nulls last, agg.k2 nulls last`;
  const grouped = sql.raw("g");
  const raw = sql`select ${dims[0]?.text(sql`${grouped}.k1`) ?? sql`null::text`} as k1, ${dims[1]?.text(sql`${grouped}.k2`) ?? sql`null::text`} as k2, ${grouped}.v
    from (select ${k1} as k1, ${k2} as k2, ${measure.expr} as v
      from ${c.table} ${sql.join(joins, sql` `)}
      where ${sql.join(where, sql` and `)}
      ${groupBy}) ${grouped}`;
  const statement = sql`with agg as (${env.rollup && rollupAnswers(q) ? rollupAggregate(q, env.tenantId, p) : raw})
    select agg.k1, agg.k2, agg.v::float8 as v, ${label(dims[0], K1)} as l1, ${label(dims[1], K2)} as l2, ${order(dims[0], K1)} as o1, ${order(dims[1], K2)} as o2
    from agg ${orderBy} limit ${MAX_WIDGET_ROWS}`;
  return { query: q, statement, dims, measure, cat };
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Runs a widget's query in `tx` (a withTenant transaction of `ctx`). */
export async function runWidgetQuery(tx: Tx, ctx: TenantContext, input: unknown, env: { timeZone: string; customFields: readonly FilterCustomField[]; now?: Date; rollup?: boolean }): Promise<WidgetResult> {
  const now = env.now ?? new Date();
  const shape = widgetQuerySchema.safeParse(input);
  const answers = shape.success ? rollupAnswers(shape.data) : null;
  const rollup = (env.rollup ?? true) && answers !== null && (await rollupAllowed(tx, answers));
  const { query, statement, dims, measure, cat } = widgetSql(input, { tenantId: ctx.tenantId, userId: ctx.actor.userId, ...env, now, rollup });
  const multi = new Set([...cat.choiceFields.values()].filter((f) => f.source.from === "custom" && f.source.fieldType === "MULTI_SELECT").map((f) => f.path));
  const rows = await tx.execute<{ k1: string | null; k2: string | null; v: number | null; l1: string; l2: string }>(statement);
  const labelOf = (i: 0 | 1, key: string | null, sqlLabel: string) => {
    const g = query.groupBy[i];
    if (g?.by === "date" && key) return bucketLabel(key, g.bucket ?? "month");
    if (g?.by === "dealType" && key) return labelFor("DEAL_TYPES", key);
    if (g?.by === "activityType" && key) return labelFor("ACTIVITY_TYPES", key);
    return sqlLabel;
  };
  return {
    recordType: query.recordType,
    measureLabel: measure.label,
    dimensions: dims.map((d) => d.name),
    money: measure.money,
    timeZone: env.timeZone,
    rows: rows.map((r) => {
      const row = { key1: r.k1, key2: r.k2 };
      const filter = drillFilter(query, row, env.timeZone, now, multi);
      return { ...row, label1: labelOf(0, r.k1, r.l1), label2: labelOf(1, r.k2, r.l2), value: r.v === null ? null : round(Number(r.v)), href: drillHref(query.recordType, filter) };
    }),
  };
}
