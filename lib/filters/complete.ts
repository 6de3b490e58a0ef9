// Conditions a person has not finished: no field chosen, or an operator that takes a value
// with nothing in it ("", [], a range with an empty end). validateFilter accepts `eq ""`
// (it matches an empty text), but in a builder it is an unfinished condition that would
// silently match nothing, so the builders, the lists and the saved views refuse it and say
// where. Pure; paths as validateFilter's ("filter.all[1].value").
import { validationError, type ValidationIssue } from "@/lib/errors";
import type { FilterObjectType } from "./fields";
import { validateFilter, type FilterOptions, type ValidateFilterResult } from "./schema";

const NO_VALUE = new Set(["isEmpty", "isNotEmpty"]);
const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

export function incompleteConditions(json: unknown, path = "filter"): ValidationIssue[] {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return [];
  const node = json as Record<string, unknown>;
  for (const key of ["all", "any"] as const) {
    if (key in node) return Array.isArray(node[key]) ? (node[key] as unknown[]).flatMap((child, i) => incompleteConditions(child, `${path}.${key}[${i}]`)) : [];
  }
  if (typeof node.field !== "string" || node.field.trim() === "") return [{ path: `${path}.field`, message: "choose a field" }];
  if (typeof node.op !== "string" || NO_VALUE.has(node.op)) return [];
  const value = node.value;
  const empty = Array.isArray(value) ? value.length === 0 || (node.op === "between" && value.some(blank)) : blank(value);
  return empty ? [{ path: `${path}.value`, message: "needs a value" }] : [];
}

/**
 * validateFilter, and no unfinished condition. A missing field says "choose a field"
 * (rather than `unknown field ""`); an empty value keeps the validator's message when it
 * has one ('must be a date ...'), else says "needs a value".
 */
export function validateCompleteFilter(objectType: FilterObjectType, json: unknown, options: FilterOptions = {}): ValidateFilterResult {
  const incomplete = incompleteConditions(json);
  const result = validateFilter(objectType, json, options);
  if (incomplete.length === 0) return result;
  const errors = result.ok ? [] : result.errors;
  const noField = incomplete.filter((i) => i.path.endsWith(".field")).map((i) => i.path.slice(0, -"field".length));
  const kept = errors.filter((e) => !noField.some((node) => e.path.startsWith(node)));
  const added = incomplete.filter((i) => i.path.endsWith(".field") || !kept.some((e) => e.path === i.path));
  return { ok: false, errors: [...added, ...kept].sort((a, b) => compareIndexes(indexesOf(a.path), indexesOf(b.path))) };
}

/** "filter.all[1].any[0].value" → [1, 0]: where the node sits, for document order. */
const indexesOf = (path: string) => [...path.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));

function compareIndexes(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** validateCompleteFilter, throwing a 422 with the paths when the filter is invalid or unfinished. */
export function assertCompleteFilter(objectType: FilterObjectType, json: unknown, options: FilterOptions = {}): void {
  const result = validateCompleteFilter(objectType, json, options);
  if (!result.ok) throw validationError(result.errors);
}
