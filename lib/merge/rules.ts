// Which value wins when records merge (API.md "Duplicates and merge"), as pure functions:
// the survivor's empty fields take the first non-empty value of the merged records (in
// the order given) unless `fields` names the record whose value wins; custom fields fill
// empty keys the same way. Tags are united by carryOver (lib/records/carry-over.ts).
import type { ValidationIssue } from "@/lib/errors";

export const MERGE_KINDS = ["CONTACT", "COMPANY", "LEAD"] as const;
export type MergeKind = (typeof MERGE_KINDS)[number];

/** At most this many records merge into one at a time. */
export const MAX_MERGE = 20;

/** Fields that never take another record's value: tags (united), custom fields (by key), the place in a pipeline (moves only). */
export const NOT_MERGED = new Set(["tags", "customFields", "pipelineId", "stageId"]);

type Row = Record<string, unknown> & { id: string };

export const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);

export interface MergePlan {
  /** What the survivor's update sets: only values that differ from its own. */
  patch: Record<string, unknown>;
  /** Per field (and `customFields.<key>`), the id of the record whose value the survivor ends with. */
  winners: Record<string, string>;
}

/**
 * The survivor's patch. `fieldNames` are the kind's mergeable fields; `choices` maps a
 * field (or `customFields.<key>`) to the id of the record whose value wins — the
 * survivor's or a merged one's. Returns the issues instead when a choice names an unknown
 * field or a record outside the merge.
 */
export function planMerge(survivor: Row, merged: readonly Row[], fieldNames: readonly string[], choices: Record<string, string> = {}): MergePlan | { issues: ValidationIssue[] } {
  const byId = new Map([survivor, ...merged].map((r) => [r.id, r]));
  const issues: ValidationIssue[] = [];
  const customKeys = new Set([survivor, ...merged].flatMap((r) => Object.keys((r.customFields as Record<string, unknown> | null) ?? {})));
  for (const [field, id] of Object.entries(choices)) {
    const custom = field.startsWith("customFields.") ? field.slice("customFields.".length) : null;
    if (custom !== null ? !customKeys.has(custom) : !fieldNames.includes(field) || NOT_MERGED.has(field)) issues.push({ path: `fields.${field}`, message: "is not a field these records can take from one another" });
    else if (!byId.has(id)) issues.push({ path: `fields.${field}`, message: "must be the id of the surviving record or of one of mergeIds" });
  }
  if (issues.length) return { issues };

  const patch: Record<string, unknown> = {};
  const winners: Record<string, string> = {};
  const pick = (read: (r: Row) => unknown, chosen: string | undefined): [unknown, string] => {
    if (chosen) return [read(byId.get(chosen)!), chosen];
    if (!isEmpty(read(survivor))) return [read(survivor), survivor.id];
    const first = merged.find((r) => !isEmpty(read(r)));
    return first ? [read(first), first.id] : [read(survivor), survivor.id];
  };
  for (const field of fieldNames) {
    if (NOT_MERGED.has(field)) continue;
    const [value, from] = pick((r) => r[field], choices[field]);
    winners[field] = from;
    if (from !== survivor.id && JSON.stringify(value ?? null) !== JSON.stringify(survivor[field] ?? null)) patch[field] = value ?? null;
  }
  const custom: Record<string, unknown> = {};
  for (const key of [...customKeys].sort()) {
    const [value, from] = pick((r) => ((r.customFields as Record<string, unknown> | null) ?? {})[key], choices[`customFields.${key}`]);
    winners[`customFields.${key}`] = from;
    const own = ((survivor.customFields as Record<string, unknown> | null) ?? {})[key];
    if (from !== survivor.id && JSON.stringify(value ?? null) !== JSON.stringify(own ?? null)) custom[key] = value ?? null;
  }
  if (Object.keys(custom).length) patch.customFields = custom;
  return { patch, winners };
}
