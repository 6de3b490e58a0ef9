// Pure checks of custom field values against their definitions (no I/O, client-safe):
// the service runs them inside record writes, forms may run them before sending.
import type { ValidationIssue } from "@/lib/errors";
import { MAX_TEXT_LENGTH, type CustomFieldType } from "./schemas";

export interface FieldDefinitionLike {
  key: string;
  label: string;
  fieldType: CustomFieldType;
  options: readonly string[];
  isRequired: boolean;
}

export interface CheckOptions {
  /** An update: required fields need not be sent, only not cleared. */
  partial?: boolean;
  /** The record's stored values (updates): an unchanged value is kept as it is. */
  current?: Record<string, unknown> | null;
  /** Names the record kind in messages ("is not a custom field of contacts"). */
  plural?: string;
}

/** null, "", [] and undefined mean "no value": such keys are dropped, not stored. */
export const isEmptyValue = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function isValidDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname;
  } catch {
    return false;
  }
}

const quoteList = (o: readonly string[]) => o.map((x) => `"${x}"`).join(", ");

/** One value of one field: the value to store, or the message saying what is wrong. */
export function checkValue(def: FieldDefinitionLike, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  switch (def.fieldType) {
    case "TEXT":
      if (typeof value !== "string") return fail("must be text");
      if (value.length > MAX_TEXT_LENGTH) return fail(`must be at most ${MAX_TEXT_LENGTH} characters`);
      return { ok: true, value: value.trim() };
    case "NUMBER":
      return typeof value === "number" && Number.isFinite(value) ? { ok: true, value } : fail("must be a number");
    case "DATE":
      return typeof value === "string" && isValidDate(value) ? { ok: true, value } : fail("must be a date YYYY-MM-DD");
    case "CHECKBOX":
      return typeof value === "boolean" ? { ok: true, value } : fail("must be true or false");
    case "URL": {
      if (typeof value !== "string") return fail("must be a URL");
      const v = value.trim();
      if (v.length > MAX_TEXT_LENGTH) return fail(`must be at most ${MAX_TEXT_LENGTH} characters`);
      return isHttpUrl(v) ? { ok: true, value: v } : fail("must be a URL starting with http:// or https://");
    }
    case "SELECT":
      return typeof value === "string" && def.options.includes(value) ? { ok: true, value } : fail(`must be one of ${quoteList(def.options)}`);
    case "MULTI_SELECT": {
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || !def.options.includes(v))) {
        return fail(`must be a list of options from ${quoteList(def.options)}`);
      }
      return { ok: true, value: [...new Set(value as string[])] };
    }
  }
}

/**
 * The values to store, or the issues with paths `customFields.<key>`: unknown keys are
 * refused, each value is checked by its field type, required fields must be present on
 * create and may not be cleared on update. A value equal to the stored one passes as is
 * (a record keeps what it had when a definition changed or was deleted).
 */
export function checkCustomFieldValues(
  defs: readonly FieldDefinitionLike[],
  values: Record<string, unknown>,
  opts: CheckOptions = {},
): { values: Record<string, unknown>; issues: ValidationIssue[] } {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const current = opts.current ?? {};
  const out: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(values)) {
    const path = `customFields.${key}`;
    const def = byKey.get(key);
    if (isEmptyValue(value)) {
      if (!def && !(opts.partial && key in current)) issues.push({ path, message: `is not a custom field${opts.plural ? ` of ${opts.plural}` : ""}` });
      continue;
    }
    if (opts.partial && key in current && sameValue(current[key], value)) {
      out[key] = value;
      continue;
    }
    if (!def) {
      issues.push({ path, message: `is not a custom field${opts.plural ? ` of ${opts.plural}` : ""}` });
      continue;
    }
    const r = checkValue(def, value);
    if (r.ok) out[key] = r.value;
    else issues.push({ path, message: r.message });
  }
  for (const def of defs) {
    if (!def.isRequired || def.key in out || issues.some((i) => i.path === `customFields.${def.key}`)) continue;
    // An update may leave a required field unset if it was never set (the field became required later).
    if (!opts.partial || !isEmptyValue(current[def.key])) issues.push({ path: `customFields.${def.key}`, message: "is required" });
  }
  return { values: out, issues };
}
