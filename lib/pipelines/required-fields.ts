// How a stage's required fields are named to people: by label, never by key. Client-safe
// and pure: the board's drop verdict, moveRecord's refusal and the dialog that asks for
// the missing values all say the same words.
import { AppError } from "@/lib/errors";
import { fieldLabel } from "@/lib/timeline/labels";

const CUSTOM_PREFIX = "customFields.";

/** Custom field labels by key (`budget` → "Budget (EUR)"), from the kind's definitions. */
export type CustomFieldLabels = Readonly<Record<string, string>>;

export function customFieldLabels(definitions: readonly { key: string; label: string }[]): CustomFieldLabels {
  return Object.fromEntries(definitions.map((d) => [d.key, d.label]));
}

/** `closeDate` → "Close date"; `customFields.budget` → its definition's label (or the key in words). */
export function requiredFieldLabel(path: string, custom: CustomFieldLabels = {}): string {
  if (path.startsWith(CUSTOM_PREFIX)) return custom[path.slice(CUSTOM_PREFIX.length)] ?? fieldLabel(path);
  return fieldLabel(path);
}

/** "Proposal requires: Amount, Close date". */
export function requiresMessage(stageName: string, paths: readonly string[], custom: CustomFieldLabels = {}): string {
  return `${stageName} requires: ${paths.map((p) => requiredFieldLabel(p, custom)).join(", ")}`;
}

/**
 * moveRecord's refusal for fields the record lacks (422 `required-fields-missing`, extension
 * `missingFields`: the paths). Its message names built-in fields by label; custom fields
 * are named by their definitions' labels once moveRecord has read them (withLabels).
 */
export class RequiredFieldsMissing extends AppError {
  constructor(
    readonly stageName: string,
    readonly missingFields: string[],
    custom: CustomFieldLabels = {},
  ) {
    super("required-fields-missing", requiresMessage(stageName, missingFields, custom), { missingFields });
  }

  get namesCustomFields(): boolean {
    return this.missingFields.some((p) => p.startsWith(CUSTOM_PREFIX));
  }

  withLabels(custom: CustomFieldLabels): RequiredFieldsMissing {
    return new RequiredFieldsMissing(this.stageName, this.missingFields, custom);
  }
}
