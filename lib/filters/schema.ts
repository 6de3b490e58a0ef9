// Filter JSON (API.md → "Filter JSON"): its types, and the validator that checks a filter
// against the fields of one object type, pointing each error at the exact bad node.
import { z } from "zod";
import { validationError, type ValidationIssue } from "@/lib/errors";
import { isUuid } from "@/lib/uuid";
import { filterFields, type FieldDef, type FilterCustomField, type FilterObjectType } from "./fields";
import { FILTER_OPS, type FilterOp } from "./ops";
import { ME, NUMERIC_TEXT, resolveDate } from "./values";

export type FilterScalar = string | number | boolean;
export interface FilterCondition {
  field: string;
  op: FilterOp;
  value?: FilterScalar | FilterScalar[] | null;
}
export type FilterGroup = { all: FilterNode[] } | { any: FilterNode[] };
export type FilterNode = FilterGroup | FilterCondition;
/** A whole filter: usually a group, but a single condition is a filter too. */
export type Filter = FilterNode;

export const FILTER_LIMITS = { maxDepth: 6, maxConditions: 100, maxValues: 500, maxStringLength: 1000, maxDays: 36_500 } as const;

/**
 * The shape only, for OpenAPI and request parsing; whether fields, ops and values fit the
 * object type is decided by validateFilter, which needs the tenant's custom fields.
 */
export const filterSchema: z.ZodType<FilterNode> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(filterSchema) }),
    z.strictObject({ any: z.array(filterSchema) }),
    z.strictObject({
      field: z.string(),
      op: z.enum(FILTER_OPS),
      value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]).nullable().optional(),
    }),
  ]),
).meta({ id: "Filter", description: "A group `{ all: [...] }` / `{ any: [...] }` (nestable) or a condition `{ field, op, value }` (API.md, Filter JSON)" });

export interface FilterOptions {
  customFields?: readonly FilterCustomField[];
}
export type ValidateFilterResult = { ok: true; filter: Filter } | { ok: false; errors: ValidationIssue[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const DATE_HINT = 'must be a date ("2024-05-01"), a date-time ("2024-05-01T09:00:00Z") or relative ("now", "now-2h", "today", "today-7d", "today+1w")';

/** Why `value` is not a valid single value for the field, or null when it is. */
function scalarProblem(field: FieldDef, value: unknown): string | null {
  const t = field.type;
  switch (t.kind) {
    case "string":
    case "tags":
      if (typeof value !== "string") return "must be a string";
      if (value.length > FILTER_LIMITS.maxStringLength) return `must be at most ${FILTER_LIMITS.maxStringLength} characters`;
      // Postgres text cannot hold NUL; refusing it here keeps the query from failing later.
      return value.includes("\u0000") ? "must not contain NUL characters" : null;
    case "number":
      if (typeof value === "number") return Number.isFinite(value) ? null : "must be a finite number";
      return typeof value === "string" && NUMERIC_TEXT.test(value) ? null : "must be a number";
    case "date":
      return typeof value === "string" && resolveDate(value, new Date()) ? null : DATE_HINT;
    case "boolean":
      return typeof value === "boolean" ? null : "must be true or false";
    case "enum":
      return typeof value === "string" && t.values.includes(value) ? null : `must be one of ${t.values.join(", ")}`;
    case "uuid":
      if (t.user && value === ME) return null;
      return typeof value === "string" && isUuid(value) ? null : t.user ? 'must be a user id or "me"' : "must be a uuid";
  }
}

function valueProblems(field: FieldDef, op: FilterOp, value: unknown, path: string): ValidationIssue[] {
  const at = (message: string, p = path): ValidationIssue[] => [{ path: p, message }];
  if (op === "isEmpty" || op === "isNotEmpty") return value === undefined || value === null ? [] : at(`${op} takes no value`);
  if (value === undefined) return at("is required");
  if (op === "withinLastDays" || op === "withinNextDays") {
    return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= FILTER_LIMITS.maxDays ? [] : at(`must be a whole number of days from 0 to ${FILTER_LIMITS.maxDays}`);
  }
  if (op === "inList" || op === "notInList") return typeof value === "string" && isUuid(value) ? [] : at("must be a list id (uuid)");
  if (op === "in" || op === "notIn" || op === "hasAny" || op === "hasAll" || op === "between") {
    if (!Array.isArray(value)) return at(op === "between" ? "must be [low, high]" : "must be an array");
    if (op === "between" ? value.length !== 2 : value.length === 0 || value.length > FILTER_LIMITS.maxValues) {
      return at(op === "between" ? "must be [low, high]" : `must hold 1 to ${FILTER_LIMITS.maxValues} values`);
    }
    return value.flatMap((v, i) => {
      const problem = scalarProblem(field, v);
      return problem ? at(problem, `${path}[${i}]`) : [];
    });
  }
  const problem = scalarProblem(field, value);
  return problem ? at(problem) : [];
}

/**
 * Checks filter JSON against the fields of `objectType` (with the tenant's custom fields).
 * Error paths start at "filter" and name the bad node: "filter.all[1].value",
 * "filter.any[0].all[2].op", "filter.all[0].value[1]".
 */
export function validateFilter(objectType: FilterObjectType, json: unknown, options: FilterOptions = {}): ValidateFilterResult {
  const fields = filterFields(objectType, options.customFields);
  const errors: ValidationIssue[] = [];
  let conditions = 0;

  const walk = (node: unknown, path: string, depth: number): void => {
    if (!isObject(node)) {
      errors.push({ path, message: "must be a group ({ all: [...] } or { any: [...] }) or a condition ({ field, op, value })" });
      return;
    }
    const groupKeys = ["all", "any"].filter((k) => k in node);
    if (groupKeys.length > 0) {
      if (groupKeys.length > 1) return void errors.push({ path, message: "a group has either all or any, not both" });
      const key = groupKeys[0]!;
      for (const extra of Object.keys(node).filter((k) => k !== key)) errors.push({ path: `${path}.${extra}`, message: "is not allowed in a group" });
      if (depth > FILTER_LIMITS.maxDepth) return void errors.push({ path, message: `groups may nest at most ${FILTER_LIMITS.maxDepth} deep` });
      const children = node[key];
      if (!Array.isArray(children)) return void errors.push({ path: `${path}.${key}`, message: "must be an array" });
      children.forEach((child, i) => walk(child, `${path}.${key}[${i}]`, depth + 1));
      return;
    }
    if (++conditions === FILTER_LIMITS.maxConditions + 1) errors.push({ path, message: `a filter may have at most ${FILTER_LIMITS.maxConditions} conditions` });
    for (const extra of Object.keys(node).filter((k) => k !== "field" && k !== "op" && k !== "value")) {
      errors.push({ path: `${path}.${extra}`, message: "is not allowed in a condition" });
    }
    const { field: fieldPath, op } = node;
    const field = typeof fieldPath === "string" ? fields.get(fieldPath) : undefined;
    if (fieldPath === undefined) errors.push({ path: `${path}.field`, message: "is required" });
    else if (!field) errors.push({ path: `${path}.field`, message: `unknown field ${JSON.stringify(fieldPath)} for ${objectType}` });
    if (op === undefined) return void errors.push({ path: `${path}.op`, message: "is required" });
    if (typeof op !== "string" || !(FILTER_OPS as readonly string[]).includes(op)) {
      return void errors.push({ path: `${path}.op`, message: `unknown op ${JSON.stringify(op)}; expected one of ${FILTER_OPS.join(", ")}` });
    }
    if (!field) return;
    if (!field.ops.includes(op as FilterOp)) {
      return void errors.push({ path: `${path}.op`, message: `${op} does not apply to ${field.type.kind} field ${field.path}; expected one of ${field.ops.join(", ")}` });
    }
    errors.push(...valueProblems(field, op as FilterOp, node.value, `${path}.value`));
  };

  walk(json, "filter", 1);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, filter: json as Filter };
}

/** The groups combined with AND (a null or empty one adds nothing); null when none is left. */
export function allOf(...nodes: (FilterNode | null | undefined)[]): FilterGroup | null {
  const kept = nodes.filter((n): n is FilterNode => !!n && !("all" in n && n.all.length === 0));
  if (kept.length === 0) return null;
  return kept.length === 1 && ("all" in kept[0]! || "any" in kept[0]!) ? (kept[0] as FilterGroup) : { all: kept };
}

/** validateFilter, throwing AppError("validation", ..., { errors }) (a 422) when invalid. */
export function assertValidFilter(objectType: FilterObjectType, json: unknown, options: FilterOptions = {}): Filter {
  const result = validateFilter(objectType, json, options);
  if (!result.ok) throw validationError(result.errors);
  return result.filter;
}
