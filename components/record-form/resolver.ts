// react-hook-form validation with the server's own rules: the form's text values are turned
// into API input (toApiInput) and checked by the same zod schema the server uses; custom
// field values by the same checks as lib/custom-fields/service.ts (checkCustomFieldValues).
import type { FieldError, FieldErrors, Resolver } from "react-hook-form";
import { checkCustomFieldValues } from "@/lib/custom-fields/rules";
import { OBJECT_TYPE_LABELS } from "@/lib/custom-fields/schemas";
import type { RecordKind } from "@/lib/records/registry";
import { formSchema, toApiInput, type CustomFieldDef, type FieldDef, type RecordFormValues } from "./fields";

const CUSTOM_PREFIX = "customFields.";

/**
 * Errors of a record form's values, shaped as the form's paths: `fields.<name>`, `tags`,
 * `customFields.<key>`. `current` (editing) holds the stored custom field values: as on
 * the server, an unchanged value passes and a required field need not be set if it never was.
 */
export function recordFormErrors(
  kind: RecordKind,
  fields: FieldDef[],
  definitions: readonly CustomFieldDef[],
  values: RecordFormValues,
  current?: Record<string, unknown> | null,
): FieldErrors<RecordFormValues> {
  const fieldErrors: Record<string, FieldError> = {};
  const customErrors: Record<string, FieldError> = {};
  let tagsError: FieldError | undefined;
  const r = formSchema(kind, fields).safeParse({ ...toApiInput(values.fields, fields), tags: values.tags });
  for (const issue of r.error?.issues ?? []) {
    const name = String(issue.path[0] ?? "root");
    const error = { type: issue.code, message: issue.message };
    if (name === "tags") tagsError ??= error;
    else fieldErrors[name] ??= error;
  }
  const checked = checkCustomFieldValues(definitions, values.customFields, { partial: current !== undefined, current, plural: OBJECT_TYPE_LABELS[kind].plural });
  for (const issue of checked.issues) customErrors[issue.path.slice(CUSTOM_PREFIX.length)] ??= { type: "custom", message: issue.message };

  const errors: FieldErrors<RecordFormValues> = {};
  if (Object.keys(fieldErrors).length) errors.fields = fieldErrors;
  if (Object.keys(customErrors).length) errors.customFields = customErrors as FieldErrors<RecordFormValues>["customFields"];
  if (tagsError) errors.tags = tagsError as FieldErrors<RecordFormValues>["tags"];
  return errors;
}

export function recordResolver(kind: RecordKind, fields: FieldDef[], definitions: readonly CustomFieldDef[], current?: Record<string, unknown> | null): Resolver<RecordFormValues> {
  return async (values) => {
    const errors = recordFormErrors(kind, fields, definitions, values, current);
    return Object.keys(errors).length ? { values: {}, errors } : { values, errors: {} };
  };
}

/**
 * Where a server's error path lands in a record form (null: the form-level alert). The
 * actions take `{ kind, values }` / `{ kind, id, patch }`, so their schema's paths start
 * with `values.` or `patch.`; the service's own (custom fields, a contact's identity) do not.
 */
export function recordErrorPath(fieldNames: readonly string[]) {
  return (apiPath: string): string | null => {
    const path = apiPath.replace(/^(values|patch)\./, "");
    const custom = /^customFields\.[^.[]+/.exec(path)?.[0];
    if (custom) return custom;
    const field = path.split(/[.[]/)[0] ?? "";
    if (field === "tags") return "tags";
    return fieldNames.includes(field) ? `fields.${field}` : null;
  };
}
