// Immutable edits of a filter tree, addressed by child indexes from the root group, and
// the validator's error paths ("filter.all[1].any[0].value") for the same nodes. Pure.
import type { ValidationIssue } from "@/lib/errors";
import type { FilterOp } from "@/lib/filters/ops";
import type { FilterCondition, FilterGroup, FilterNode, FilterScalar } from "@/lib/filters/schema";
import type { FilterField } from "./types";

export type NodePath = readonly number[];

export const isGroup = (n: FilterNode): n is FilterGroup => "all" in n || "any" in n;
export const groupMode = (g: FilterGroup): "all" | "any" => ("all" in g ? "all" : "any");
export const childrenOf = (g: FilterGroup): FilterNode[] => ("all" in g ? g.all : g.any);
const withChildren = (g: FilterGroup, children: FilterNode[]): FilterGroup => (groupMode(g) === "all" ? { all: children } : { any: children });

export const EMPTY_FILTER: FilterGroup = { all: [] };

/** The root as a group: a bare condition becomes the only child of an all-group. */
export function asGroup(node: FilterNode | null | undefined): FilterGroup {
  if (!node) return EMPTY_FILTER;
  return isGroup(node) ? node : { all: [node] };
}

/** Replaces the node at `path` with fn(node). */
export function updateAt(root: FilterGroup, path: NodePath, fn: (node: FilterNode) => FilterNode): FilterGroup {
  if (path.length === 0) return asGroup(fn(root));
  const [head, ...rest] = path;
  const kids = childrenOf(root);
  const child = kids[head!];
  if (!child) return root;
  const next = rest.length === 0 ? fn(child) : isGroup(child) ? updateAt(child, rest, fn) : child;
  return withChildren(root, kids.map((k, i) => (i === head ? next : k)));
}

export function removeAt(root: FilterGroup, path: NodePath): FilterGroup {
  if (path.length === 0) return EMPTY_FILTER;
  const parent = path.slice(0, -1);
  const index = path[path.length - 1]!;
  return updateAt(root, parent, (g) => (isGroup(g) ? withChildren(g, childrenOf(g).filter((_, i) => i !== index)) : g));
}

export function appendAt(root: FilterGroup, path: NodePath, node: FilterNode): FilterGroup {
  return updateAt(root, path, (g) => (isGroup(g) ? withChildren(g, [...childrenOf(g), node]) : g));
}

export function setMode(root: FilterGroup, path: NodePath, mode: "all" | "any"): FilterGroup {
  return updateAt(root, path, (g) => (isGroup(g) ? (mode === "all" ? { all: childrenOf(g) } : { any: childrenOf(g) }) : g));
}

/** The validator's path of the node at `path` ("filter", "filter.all[1]", "filter.all[1].any[0]"). */
export function errorPathOf(root: FilterGroup, path: NodePath): string {
  let out = "filter";
  let node: FilterNode = root;
  for (const i of path) {
    if (!isGroup(node)) break;
    out += `.${groupMode(node)}[${i}]`;
    node = childrenOf(node)[i]!;
  }
  return out;
}

/** Errors that belong to the node at `at` itself: its own path, or `at.field` / `at.op` / `at.value...`. */
export function issuesAt(errors: readonly ValidationIssue[] | undefined, at: string): { field: string[]; op: string[]; value: string[]; node: string[] } {
  const out = { field: [] as string[], op: [] as string[], value: [] as string[], node: [] as string[] };
  for (const e of errors ?? []) {
    if (e.path === at) out.node.push(e.message);
    else if (e.path === `${at}.field`) out.field.push(e.message);
    else if (e.path === `${at}.op`) out.op.push(e.message);
    else if (e.path === `${at}.value`) out.value.push(e.message);
    else if (e.path.startsWith(`${at}.value[`)) out.value.push(`item ${Number(e.path.slice(at.length + 7).replace(/\].*/, "")) + 1} ${e.message}`);
    else if (e.path === `${at}.all` || e.path === `${at}.any` || (e.path.startsWith(`${at}.`) && !/^\.(all|any)\[/.test(e.path.slice(at.length)))) out.node.push(e.message);
  }
  return out;
}

const NO_VALUE: readonly FilterOp[] = ["isEmpty", "isNotEmpty"];
const ARRAY_OPS: readonly FilterOp[] = ["in", "notIn", "hasAny", "hasAll"];

export const takesNoValue = (op: FilterOp) => NO_VALUE.includes(op);
export const takesArray = (op: FilterOp) => ARRAY_OPS.includes(op);

/** A sensible starting value for a field and op. */
export function defaultValue(field: FilterField, op: FilterOp): FilterCondition["value"] {
  if (takesNoValue(op)) return undefined;
  if (takesArray(op)) return [];
  if (op === "between") return field.type.kind === "number" ? [0, 0] : ["", ""];
  if (op === "withinLastDays" || op === "withinNextDays") return 7;
  if (op === "inList" || op === "notInList") return "";
  switch (field.type.kind) {
    case "boolean":
      return true;
    case "enum":
      return field.type.values[0] ?? "";
    case "uuid":
      return field.type.user ? "me" : "";
    default:
      return "";
  }
}

/** The value kept when the op changes: scalar ↔ array keep what they can, otherwise the default. */
export function adaptValue(field: FilterField, from: FilterOp, to: FilterOp, value: FilterCondition["value"]): FilterCondition["value"] {
  if (takesNoValue(to)) return undefined;
  const shape = (op: FilterOp) => (takesArray(op) ? "array" : op === "between" ? "pair" : op === "withinLastDays" || op === "withinNextDays" ? "days" : op === "inList" || op === "notInList" ? "list" : "scalar");
  if (shape(from) === shape(to) && value !== undefined) return value;
  if (shape(to) === "array" && shape(from) === "scalar" && value !== undefined && value !== null && value !== "") return [value as FilterScalar];
  if (shape(to) === "scalar" && shape(from) === "array" && Array.isArray(value) && value.length > 0) return value[0];
  return defaultValue(field, to);
}

/**
 * A new condition on `path`, or with no field yet (the person picks one first: starting on
 * the first field, "Record is [id]", was a trap). Unfinished until then (lib/filters/complete.ts).
 */
export function newCondition(fields: readonly FilterField[], path?: string): FilterCondition {
  const field = path === undefined ? undefined : fields.find((f) => f.path === path);
  if (!field) return { field: "", op: "eq" };
  const op = field.ops[0]!;
  const value = defaultValue(field, op);
  return value === undefined ? { field: field.path, op } : { field: field.path, op, value };
}

/** A condition moved to another field: op and value are kept when the new field is of the same kind. */
export function changeField(cond: FilterCondition, from: FilterField | undefined, to: FilterField): FilterCondition {
  const sameKind = !!from && JSON.stringify(from.type) === JSON.stringify(to.type) && to.ops.includes(cond.op);
  const op = sameKind ? cond.op : to.ops.includes(cond.op) && takesNoValue(cond.op) ? cond.op : to.ops[0]!;
  const value = sameKind ? cond.value : defaultValue(to, op);
  return value === undefined ? { field: to.path, op } : { field: to.path, op, value };
}

export function changeOp(cond: FilterCondition, field: FilterField | undefined, op: FilterOp): FilterCondition {
  const value = field ? adaptValue(field, cond.op, op, cond.value) : cond.value;
  return value === undefined ? { field: cond.field, op } : { field: cond.field, op, value };
}

/** How many conditions the tree holds (for "Filter (3)"). */
export function countConditions(node: FilterNode): number {
  return isGroup(node) ? childrenOf(node).reduce((n, c) => n + countConditions(c), 0) : 1;
}
