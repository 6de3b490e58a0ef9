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
 * validateFilter, and no unfinished condition. An unfinished condition's message replaces
 * the validator's for the same part ("choose a field" rather than `unknown field ""`).
 */
export function validateCompleteFilter(objectType: FilterObjectType, json: unknown, options: FilterOptions = {}): ValidateFilterResult {
  const incomplete = incompleteConditions(json);
  const result = validateFilter(objectType, json, options);
  if (incomplete.length === 0) return result;
  const covered = new Set(incomplete.map((i) => i.path));
  const rest = result.ok ? [] : result.errors.filter((e) => !covered.has(e.path) && ![...covered].some((c) => c.endsWith(".field") && e.path.startsWith(c.slice(0, -".field".length))));
  return { ok: false, errors: [...incomplete, ...rest] };
}

/** validateCompleteFilter, throwing a 422 with the paths when the filter is invalid or unfinished. */
export function assertCompleteFilter(objectType: FilterObjectType, json: unknown, options: FilterOptions = {}): void {
  const result = validateCompleteFilter(objectType, json, options);
  if (!result.ok) throw validationError(result.errors);
}
