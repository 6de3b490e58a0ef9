// Filter JSON tested against one record in memory (automation conditions), with exactly
// the semantics of compile.ts (read the comment there); compile.test.ts checks they agree.
import { filterFields, type FieldDef, type FilterObjectType } from "./fields";
import { splitOp, type PositiveOp } from "./ops";
import { assertValidFilter, type FilterCondition, type FilterNode, type FilterScalar } from "./schema";
import type { FilterContext } from "./compile";
import { compareDecimal, DAY_PREFIX, dayOf, dayOfMs, instantSpan, numberText, NUMERIC_TEXT, resolveDate, resolveUuid, withinWindow } from "./values";

/**
 * A record as Drizzle returns it (camelCase; timestamps as Date; numeric as string; tags
 * string[]; customFields object), plus what lives in other tables:
 * - listIds: the lists it is a member of — required when the filter uses inList/notInList;
 * - company: its company row (null: none) — required when it has a companyId and the
 *   filter names company.* fields. A soft-deleted company (deletedAt set) counts as none.
 */
export type FilterRecord = { [key: string]: unknown; listIds?: readonly string[]; company?: Record<string, unknown> | null };

export type EvaluateContext = Omit<FilterContext, "tenantId">;

/** Validates `filter` (throws AppError "validation") and tests it against `record`. */
export function evaluateFilter(objectType: FilterObjectType, filter: unknown, record: FilterRecord, ctx: EvaluateContext): boolean {
  return filterPredicate(objectType, filter, ctx)(record);
}

/** Validates once, then tests any number of records (relative dates fixed at ctx.now or now). */
export function filterPredicate(objectType: FilterObjectType, filter: unknown, ctx: EvaluateContext): (record: FilterRecord) => boolean {
  const valid = assertValidFilter(objectType, filter, { customFields: ctx.customFields });
  const fields = filterFields(objectType, ctx.customFields);
  const c: Ctx = { ...ctx, now: ctx.now ?? new Date() };
  return (record) => {
    const node = (n: FilterNode): boolean => {
      if ("all" in n) return n.all.every(node);
      if ("any" in n) return n.any.some(node);
      return condition(fields.get(n.field)!, n, record, c);
    };
    return node(valid);
  };
}

/** What a record must carry besides its own columns for this filter: listIds, company. */
export function filterDependencies(filter: FilterNode): { listIds: boolean; company: boolean } {
  const needs = { listIds: false, company: false };
  const walk = (n: FilterNode): void => {
    if ("all" in n) return n.all.forEach(walk);
    if ("any" in n) return n.any.forEach(walk);
    if (n.op === "inList" || n.op === "notInList") needs.listIds = true;
    if (n.field.startsWith("company.")) needs.company = true;
  };
  walk(filter);
  return needs;
}

type Ctx = EvaluateContext & { now: Date };

function condition(field: FieldDef, c: FilterCondition, record: FilterRecord, ctx: Ctx): boolean {
  const { op, negate } = splitOp(c.op);
  let result: boolean;
  if (op === "inList") {
    if (!record.listIds) throw new Error("evaluateFilter: record.listIds is required for inList / notInList");
    const listId = String(c.value).toLowerCase();
    result = record.listIds.some((id) => id.toLowerCase() === listId);
  } else {
    const value = read(field, record);
    result = value !== null && value !== undefined && test(field, value, op, c.value, ctx);
  }
  return negate ? !result : result;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The field's value, or null when missing — custom values read as the SQL reads jsonb. */
function read(field: FieldDef, record: FilterRecord): unknown {
  const s = field.source;
  if (s.from === "column") return record[s.key] ?? null;
  if (s.from === "company") {
    if (record.company === undefined) {
      if (record.companyId) throw new Error("evaluateFilter: record.company is required for company.* fields");
      return null;
    }
    if (!record.company || record.company.deletedAt) return null;
    return record.company[s.key] ?? null;
  }
  const cf = record.customFields;
  const v = isPlainObject(cf) && Object.hasOwn(cf, s.key) ? cf[s.key] : undefined;
  switch (field.type.kind) {
    case "number":
      if (typeof v === "number") return Number.isFinite(v) ? String(v) : null;
      return typeof v === "string" && NUMERIC_TEXT.test(v) ? v : null;
    case "date":
      return typeof v === "string" && DAY_PREFIX.test(v) ? v.slice(0, 10) : null;
    case "boolean":
      return v === true;
    case "tags":
      return Array.isArray(v) ? v : null;
    default:
      return typeof v === "string" ? v : null;
  }
}

const ordered = (c: number, op: PositiveOp): boolean =>
  op === "eq" ? c === 0 : op === "gt" ? c > 0 : op === "gte" ? c >= 0 : op === "lt" ? c < 0 : op === "lte" ? c <= 0 : false;

/** A positive op on a present value. */
function test(field: FieldDef, v: unknown, op: PositiveOp, value: FilterCondition["value"], ctx: Ctx): boolean {
  const values = (Array.isArray(value) ? value : [value]) as FilterScalar[];
  const t = field.type;
  switch (t.kind) {
    case "string": {
      const s = String(v).toLowerCase();
      const q = String(value).toLowerCase();
      if (op === "isNotEmpty") return s !== "";
      if (op === "eq") return s === q;
      if (op === "contains") return s.includes(q);
      if (op === "startsWith") return s.startsWith(q);
      if (op === "endsWith") return s.endsWith(q);
      if (op === "in") return values.some((x) => String(x).toLowerCase() === s);
      break;
    }
    case "enum": {
      const s = String(v);
      if (op === "isNotEmpty") return s !== "";
      if (op === "eq" || op === "in") return values.some((x) => x === s);
      break;
    }
    case "boolean":
      if (op === "eq") return v === value;
      break;
    case "uuid": {
      if (op === "isNotEmpty") return true;
      const s = String(v).toLowerCase();
      if (op === "eq" || op === "in") return values.some((x) => resolveUuid(String(x), ctx.userId) === s);
      break;
    }
    case "number": {
      const n = String(v);
      const cmp = (x: FilterScalar) => compareDecimal(n, numberText(x as number | string));
      if (op === "isNotEmpty") return true;
      if (op === "in") return values.some((x) => cmp(x) === 0);
      if (op === "between") return cmp(values[0]!) >= 0 && cmp(values[1]!) <= 0;
      return ordered(cmp(values[0]!), op);
    }
    case "date":
      return op === "isNotEmpty" || testDate(t.dateOnly, v, op, values, ctx);
    case "tags": {
      const tags = (v as unknown[]).filter((x): x is string => typeof x === "string");
      if (op === "isNotEmpty") return (v as unknown[]).length > 0;
      if (op === "hasAny") return values.some((x) => tags.includes(String(x)));
      if (op === "hasAll") return values.every((x) => tags.includes(String(x)));
      break;
    }
  }
  throw new Error(`evaluateFilter: ${op} on ${t.kind} (the validator should have refused it)`);
}

function testDate(dateOnly: boolean, v: unknown, op: PositiveOp, values: FilterScalar[], ctx: Ctx): boolean {
  const resolve = (x: FilterScalar) => resolveDate(String(x), ctx.now)!;
  if (dateOnly) {
    // a `date` column arrives as "YYYY-MM-DD" (or a Date at UTC midnight); custom DATEs are already sliced
    const day = v instanceof Date ? dayOfMs(v.getTime()) : String(v).slice(0, 10);
    if (op === "withinLastDays" || op === "withinNextDays") {
      const w = withinWindow(op, values[0] as number, ctx.now);
      return day >= w.loDay && day <= w.hiDay;
    }
    if (op === "between") return day >= dayOf(resolve(values[0]!)) && day <= dayOf(resolve(values[1]!));
    const d = dayOf(resolve(values[0]!));
    return ordered(day < d ? -1 : day > d ? 1 : 0, op);
  }
  const ms = v instanceof Date ? v.getTime() : Date.parse(String(v));
  if (Number.isNaN(ms)) return false;
  if (op === "withinLastDays" || op === "withinNextDays") {
    const w = withinWindow(op, values[0] as number, ctx.now);
    return ms >= w.lo && ms <= w.hi;
  }
  const s = instantSpan(resolve(values[0]!));
  const upTo = (span: typeof s) => (span.hiInclusive ? ms <= span.hi : ms < span.hi);
  if (op === "eq") return ms >= s.lo && upTo(s);
  if (op === "gt") return !upTo(s);
  if (op === "gte") return ms >= s.lo;
  if (op === "lt") return ms < s.lo;
  if (op === "lte") return upTo(s);
  if (op === "between") return ms >= s.lo && upTo(instantSpan(resolve(values[1]!)));
  throw new Error(`evaluateFilter: ${op} on a date field`);
}
