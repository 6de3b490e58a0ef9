// Filter JSON → a Drizzle SQL condition on the object type's table. Pure: no I/O.
//
// Semantics (evaluate.ts implements the same, in memory; compile.test.ts checks they agree):
// - Every value is a bound parameter; field paths only select from the registry (fields.ts).
// - The result is two-valued (never NULL), so a caller may negate it. Each positive op is
//   false on a missing (NULL) value; each negative op is NOT its positive twin (ops.ts), so
//   neq / notContains / notIn / isEmpty / notInList are TRUE on a missing value.
// - Strings compare case-insensitively (lower() on both sides); contains / startsWith /
//   endsWith are LIKE with %, _ and \ in the value escaped. in / notIn likewise.
//   isEmpty on a string is NULL or ''; on tags, an empty (or missing) array. eq "" matches
//   only ''. (Non-ASCII case folding is the database's lower(); the evaluator's
//   toLowerCase() agrees on ASCII and common letters.)
// - Enum values compare exactly; uuids compare as uuids. "me" is ctx.userId; with no user
//   (API key, system) "me" matches nobody.
// - Numbers compare as numeric. Custom NUMBER values count if they are JSON numbers or
//   strings like "-12.5"; anything else is missing (never a cast error).
// - Dates: see values.ts for the value forms. On a timestamp field a day value covers the
//   whole UTC day (eq = within it, gt = after it, lte = up to its end); an instant value
//   is compared as is. Day fields (deals.close_date, custom DATE) compare by UTC day. A
//   custom DATE counts if its string starts with YYYY-MM-DD. between [low, high] is
//   inclusive. withinLastDays n = [now − n days, now]; withinNextDays n = [now, now + n days].
//   Relative values and "me" are resolved here, once, from ctx (now defaults to the clock).
//   Bounds have millisecond precision (timestamps in Postgres have microseconds).
// - Custom CHECKBOX: only JSON true is true; missing counts as false.
// - Tags: hasAny / hasAll compare exact tag names (case-sensitive).
// - inList: EXISTS in list_memberships of this tenant (ctx.tenantId and the row's tenant).
// - company.<field>: EXISTS on the row's company (same tenant, not soft-deleted); a record
//   with no company has every company field missing.
// - {all: []} is TRUE, {any: []} is FALSE. Soft-deleted rows are the caller's business
//   (add deleted_at is null). The SQL names the table itself (no alias).
import { sql, type SQL } from "drizzle-orm";
import { activities, companies, listMemberships } from "@/db/schema";
import { filterableActivityText } from "@/lib/email/private-text";
import { isUuid } from "@/lib/uuid";
import { filterFields, FILTER_TABLES, type FieldDef, type FilterCustomField, type FilterObjectType, type FilterTable } from "./fields";
import { splitOp, type PositiveOp } from "./ops";
import { assertValidFilter, type FilterCondition, type FilterNode, type FilterScalar } from "./schema";
import { DAY_PREFIX_SQL, dayOf, escapeLike, instantSpan, numberText, NUMERIC_TEXT_SQL, resolveDate, resolveUuid, withinWindow } from "./values";

export interface FilterContext {
  tenantId: string;
  /** The acting user, for "me"; null for API keys and the system. */
  userId: string | null;
  /** The time relative dates resolve against; defaults to the current time. */
  now?: Date;
  customFields?: readonly FilterCustomField[];
}

/** Validates `filter` (throws AppError "validation") and compiles it to a WHERE condition. */
export function compileFilter(objectType: FilterObjectType, filter: unknown, ctx: FilterContext): SQL {
  if (!isUuid(ctx.tenantId)) throw new Error("compileFilter: tenantId must be a UUID");
  const valid = assertValidFilter(objectType, filter, { customFields: ctx.customFields });
  const fields = filterFields(objectType, ctx.customFields);
  const table = FILTER_TABLES[objectType];
  const now = ctx.now ?? new Date();

  const node = (n: FilterNode): SQL => {
    if ("all" in n) return n.all.length > 0 ? sql`(${sql.join(n.all.map(node), sql` and `)})` : sql`true`;
    if ("any" in n) return n.any.length > 0 ? sql`(${sql.join(n.any.map(node), sql` or `)})` : sql`false`;
    return condition(fields.get(n.field)!, n, table, { ...ctx, now });
  };
  return node(valid);
}

type Ctx = FilterContext & { now: Date };

function condition(field: FieldDef, c: FilterCondition, table: FilterTable, ctx: Ctx): SQL {
  const { op, negate } = splitOp(c.op);
  let p: SQL;
  if (op === "inList") {
    const m = listMemberships;
    p = sql`exists (select 1 from ${m} where ${m.tenantId} = ${ctx.tenantId}::uuid and ${m.tenantId} = ${table.tenantId} and ${m.listId} = ${c.value as string}::uuid and ${m.memberId} = ${table.id})`;
  } else if (field.source.from === "company") {
    const test = predicate(field, operand(field, table), op, c.value, ctx);
    p = sql`exists (select 1 from ${companies} where ${companies.tenantId} = ${table.tenantId} and ${companies.id} = ${table.companyId} and ${companies.deletedAt} is null and ${test})`;
  } else {
    p = predicate(field, operand(field, table), op, c.value, ctx);
  }
  return negate ? sql`(not ${p})` : p;
}

/** The field's value as SQL, NULL when missing; custom fields are read from jsonb without cast errors. */
function operand(field: FieldDef, table: FilterTable): SQL {
  const s = field.source;
  if (s.from === "column" && (s.column === activities.subject || s.column === activities.body)) return filterableActivityText(s.column);
  if (s.from !== "custom") return field.type.kind === "enum" ? sql`${s.column}::text` : sql`${s.column}`;
  const cf = table.customFields!;
  const json = sql`(${cf} -> ${s.key}::text)`;
  const text = sql`(${cf} ->> ${s.key}::text)`;
  switch (field.type.kind) {
    case "number":
      return sql`(case jsonb_typeof(${json}) when 'number' then ${text}::numeric when 'string' then (case when ${text} ~ ${NUMERIC_TEXT_SQL} then ${text}::numeric end) end)`;
    case "date":
      // compared as 'YYYY-MM-DD' text in byte order, so an impossible date never raises
      return sql`((case when jsonb_typeof(${json}) = 'string' and ${text} ~ ${DAY_PREFIX_SQL} then left(${text}, 10) end) collate "C")`;
    case "boolean":
      return sql`coalesce(jsonb_typeof(${json}) = 'boolean' and ${text} = 'true', false)`;
    case "tags":
      return sql`(case when jsonb_typeof(${json}) = 'array' then ${json} end)`;
    default:
      return sql`(case when jsonb_typeof(${json}) = 'string' then ${text} end)`;
  }
}

const list = (values: SQL[]) => sql.join(values, sql`, `);
const textArray = (values: FilterScalar[]) => sql`array[${list(values.map((v) => sql`${String(v)}::text`))}]::text[]`;

/** A positive op on a non-null value, guarded so a NULL operand gives FALSE (never NULL). */
function predicate(field: FieldDef, x: SQL, op: PositiveOp, value: FilterCondition["value"], ctx: Ctx): SQL {
  const t = field.type;
  // NULL in → FALSE out; custom operands are long expressions, so they are not repeated
  const s = field.source;
  const known = (p: SQL) => (s.from === "custom" ? sql`coalesce(${p}, false)` : s.column.notNull ? sql`(${p})` : sql`(${x} is not null and ${p})`);
  const values = (Array.isArray(value) ? value : [value]) as FilterScalar[];
  if (op === "isNotEmpty") {
    if (t.kind === "string" || t.kind === "enum") return known(sql`${x} <> ''`);
    if (t.kind === "tags") return known(s.from === "custom" ? sql`jsonb_array_length(${x}) > 0` : sql`cardinality(${x}) > 0`);
    return sql`(${x} is not null)`;
  }
  switch (t.kind) {
    case "string": {
      const like = (pattern: string) => known(sql`lower(${x}) like lower(${pattern}) escape '\\'`);
      const v = String(value);
      if (op === "eq") return known(sql`lower(${x}) = lower(${v})`);
      if (op === "contains") return like(`%${escapeLike(v)}%`);
      if (op === "startsWith") return like(`${escapeLike(v)}%`);
      if (op === "endsWith") return like(`%${escapeLike(v)}`);
      if (op === "in") return known(sql`lower(${x}) in (${list(values.map((s) => sql`lower(${String(s)})`))})`);
      break;
    }
    case "enum":
      if (op === "eq") return known(sql`${x} = ${String(value)}`);
      if (op === "in") return known(sql`${x} in (${list(values.map((s) => sql`${String(s)}`))})`);
      break;
    case "boolean":
      if (op === "eq") return known(sql`${x} = ${value as boolean}::boolean`);
      break;
    case "uuid": {
      const ids = values.map((v) => resolveUuid(String(v), ctx.userId)).filter((v): v is string => v !== null);
      if (ids.length === 0) return sql`false`;
      if (op === "eq" || op === "in") return known(sql`${x} in (${list(ids.map((id) => sql`${id}::uuid`))})`);
      break;
    }
    case "number": {
      const n = (v: FilterScalar) => sql`${numberText(v as number | string)}::numeric`;
      const cmp = { eq: sql`=`, gt: sql`>`, gte: sql`>=`, lt: sql`<`, lte: sql`<=` } as const;
      if (op in cmp) return known(sql`${x} ${cmp[op as keyof typeof cmp]} ${n(values[0]!)}`);
      if (op === "between") return known(sql`${x} between ${n(values[0]!)} and ${n(values[1]!)}`);
      if (op === "in") return known(sql`${x} in (${list(values.map(n))})`);
      break;
    }
    case "date":
      return known(datePredicate(field, x, op, values, ctx));
    case "tags": {
      const custom = s.from === "custom";
      if (op === "hasAny") return known(custom ? sql`${x} ?| ${textArray(values)}` : sql`${x} && ${textArray(values)}`);
      if (op === "hasAll") return known(custom ? sql`${x} ?& ${textArray(values)}` : sql`${x} @> ${textArray(values)}`);
      break;
    }
  }
  throw new Error(`compileFilter: ${op} on ${t.kind} (the validator should have refused it)`);
}

function datePredicate(field: FieldDef, x: SQL, op: PositiveOp, values: FilterScalar[], ctx: Ctx): SQL {
  if (field.type.kind !== "date") throw new Error("not a date field");
  const resolve = (v: FilterScalar) => resolveDate(String(v), ctx.now)!;
  if (field.type.dateOnly) {
    const day = (d: string) => (field.source.from === "custom" ? sql`${d}::text` : sql`${d}::date`);
    if (op === "withinLastDays" || op === "withinNextDays") {
      const w = withinWindow(op, values[0] as number, ctx.now);
      return sql`${x} >= ${day(w.loDay)} and ${x} <= ${day(w.hiDay)}`;
    }
    const d = dayOf(resolve(values[0]!));
    if (op === "between") return sql`${x} >= ${day(d)} and ${x} <= ${day(dayOf(resolve(values[1]!)))}`;
    const cmp = { eq: sql`=`, gt: sql`>`, gte: sql`>=`, lt: sql`<`, lte: sql`<=` } as const;
    if (op in cmp) return sql`${x} ${cmp[op as keyof typeof cmp]} ${day(d)}`;
  } else {
    const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;
    if (op === "withinLastDays" || op === "withinNextDays") {
      const w = withinWindow(op, values[0] as number, ctx.now);
      return sql`${x} >= ${at(w.lo)} and ${x} <= ${at(w.hi)}`;
    }
    const s = instantSpan(resolve(values[0]!));
    const upTo = (span: typeof s) => (span.hiInclusive ? sql`${x} <= ${at(span.hi)}` : sql`${x} < ${at(span.hi)}`);
    if (op === "eq") return sql`${x} >= ${at(s.lo)} and ${upTo(s)}`;
    if (op === "gt") return s.hiInclusive ? sql`${x} > ${at(s.hi)}` : sql`${x} >= ${at(s.hi)}`;
    if (op === "gte") return sql`${x} >= ${at(s.lo)}`;
    if (op === "lt") return sql`${x} < ${at(s.lo)}`;
    if (op === "lte") return upTo(s);
    if (op === "between") return sql`${x} >= ${at(s.lo)} and ${upTo(instantSpan(resolve(values[1]!)))}`;
  }
  throw new Error(`compileFilter: ${op} on a date field`);
}
