// How a custom field value reads in a table cell or on a record page (client-safe).
import { formatDay } from "@/lib/format/dates";
import { APP_LOCALE, formatNumber } from "@/lib/format/money";
import type { FieldDefinitionLike } from "./rules";
import { isEmptyValue } from "./rules";

/**
 * The value as text: "Yes"/"No" for checkboxes, "Mar 5, 2026" for dates, options joined
 * by ", ", numbers grouped; "" when there is no value. A value that no longer fits its
 * definition (the type's rules were changed, an option removed) is shown as stored.
 */
export function formatCustomFieldValue(def: Pick<FieldDefinitionLike, "fieldType">, value: unknown, locale: string = APP_LOCALE): string {
  if (isEmptyValue(value)) return "";
  switch (def.fieldType) {
    case "CHECKBOX":
      return value === true ? "Yes" : value === false ? "No" : String(value);
    case "NUMBER":
      return typeof value === "number" ? formatNumber(value, locale, 6) : String(value);
    case "DATE": {
      if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return String(value);
      return formatDay(value, { locale });
    }
    case "MULTI_SELECT":
      return Array.isArray(value) ? value.map(String).join(", ") : String(value);
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}
