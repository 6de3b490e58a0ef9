// Which fields a stage may require: the record fields of its object type (the keys of
// the kind's create schema) and custom fields (`customFields.<key>`). Server-only.
import "server-only";
import { listCustomFields } from "@/lib/custom-fields/service";
import type { ValidationIssue } from "@/lib/errors";
import { fieldLabel } from "@/lib/format/labels";
import { RECORD_KINDS, type RecordKind } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";

/** Placement is the pipeline's own business; the custom-field bag is required key by key. */
const NOT_REQUIRABLE = new Set(["pipelineId", "stageId", "customFields"]);
/** Deal fields that a move itself can fill (moveRecord takes them from the move body). */
const MOVE_FIELDS: Partial<Record<RecordKind, string[]>> = { DEAL: ["wonReason", "lostReason"] };
const CUSTOM_PREFIX = "customFields.";
const CUSTOM_KEY = /^[a-zA-Z][a-zA-Z0-9_]*$/;

export interface FieldOption {
  value: string;
  label: string;
}

export function standardFieldsOf(objectType: RecordKind): string[] {
  const keys = Object.keys(RECORD_KINDS[objectType].createSchema.shape).filter((k) => !NOT_REQUIRABLE.has(k));
  return [...keys, ...(MOVE_FIELDS[objectType] ?? [])];
}

/** Field labels come from the one table of lib/format/labels.ts. */
export { fieldLabel };

/**
 * Issues for required-field paths the object type does not have, with paths like
 * `requiredFields[1]` (prefixed for nested bodies). Custom-field keys need only be well
 * formed: values live in jsonb, and a record may carry keys that have no definition yet.
 */
export function requiredFieldIssues(objectType: RecordKind, fields: readonly string[], prefix = "requiredFields"): ValidationIssue[] {
  const known = new Set(standardFieldsOf(objectType));
  const issues: ValidationIssue[] = [];
  fields.forEach((f, i) => {
    if (f.startsWith(CUSTOM_PREFIX) ? CUSTOM_KEY.test(f.slice(CUSTOM_PREFIX.length)) : known.has(f)) return;
    issues.push({ path: `${prefix}[${i}]`, message: `${f} is not a field of a ${RECORD_KINDS[objectType].singular}` });
  });
  return issues;
}

/** The choices for the stage editor's required-fields picker: record fields, then defined custom fields. */
export async function requiredFieldOptions(ctx: TenantContext, objectType: RecordKind): Promise<FieldOption[]> {
  const custom = await listCustomFields(ctx, objectType);
  return [
    ...standardFieldsOf(objectType).map((f) => ({ value: f, label: fieldLabel(f, objectType) })),
    ...custom.map((c) => ({ value: `${CUSTOM_PREFIX}${c.key}`, label: `${c.label} (custom)` })),
  ];
}
