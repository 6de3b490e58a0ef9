// The operators of filter JSON (API.md → "Filter JSON") and the field kinds they apply to.

export const FILTER_OPS = [
  "eq",
  "neq",
  "contains",
  "notContains",
  "startsWith",
  "endsWith",
  "in",
  "notIn",
  "isEmpty",
  "isNotEmpty",
  "gt",
  "gte",
  "lt",
  "lte",
  "between",
  "withinLastDays",
  "withinNextDays",
  "hasAny",
  "hasAll",
  "inList",
  "notInList",
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/**
 * Each negative op is exactly NOT its positive twin. Positive ops are false on a missing
 * (NULL) value, so a missing value satisfies every negative op: a contact without an
 * email "does not contain @acme". The compiler and the evaluator both go through this map.
 */
const NEGATIONS = { neq: "eq", notContains: "contains", notIn: "in", isEmpty: "isNotEmpty", notInList: "inList" } as const;
export type NegativeOp = keyof typeof NEGATIONS;
export type PositiveOp = Exclude<FilterOp, NegativeOp>;

export function splitOp(op: FilterOp): { op: PositiveOp; negate: boolean } {
  return op in NEGATIONS ? { op: NEGATIONS[op as NegativeOp], negate: true } : { op: op as PositiveOp, negate: false };
}

export const FIELD_KINDS = ["string", "number", "date", "boolean", "enum", "uuid", "tags"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const OPS_BY_KIND: Record<FieldKind, readonly FilterOp[]> = {
  string: ["eq", "neq", "contains", "notContains", "startsWith", "endsWith", "in", "notIn", "isEmpty", "isNotEmpty"],
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "in", "notIn", "isEmpty", "isNotEmpty"],
  date: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "withinLastDays", "withinNextDays", "isEmpty", "isNotEmpty"],
  boolean: ["eq", "neq"],
  enum: ["eq", "neq", "in", "notIn", "isEmpty", "isNotEmpty"],
  uuid: ["eq", "neq", "in", "notIn", "isEmpty", "isNotEmpty"],
  tags: ["hasAny", "hasAll", "isEmpty", "isNotEmpty"],
};

/** Membership ops apply to the record itself, written as the field `id`. */
export const LIST_OPS: readonly FilterOp[] = ["inList", "notInList"];
