// Words for fields and operators. Pure.
import type { FieldType } from "@/lib/filters/fields";
import type { FilterOp } from "@/lib/filters/ops";
import type { FilterValueOptions } from "./types";

const KNOWN: Record<string, string> = {
  id: "Record",
  ownedByUserId: "Owner",
  ownedByGroupId: "Owner group",
  createdByUserId: "Created by",
  assignedUserId: "Assigned user",
  assignedGroupId: "Assigned group",
  pipelineId: "Pipeline",
  stageId: "Stage",
  stageEnteredAt: "In stage since",
  createdAt: "Created",
  updatedAt: "Updated",
  companyId: "Company",
  contactId: "Contact",
  leadId: "Lead",
  emailOptIn: "Email opt-in",
  doNotCall: "Do not call",
  linkedinUrl: "LinkedIn URL",
  employeeCount: "Employees",
  forecastProbability: "Probability",
  utmSource: "UTM source",
  utmMedium: "UTM medium",
  utmCampaign: "UTM campaign",
  utmContent: "UTM content",
  utmTerm: "UTM term",
  convertedContactId: "Converted to contact",
  convertedCompanyId: "Converted to company",
  convertedDealId: "Converted to deal",
};

/** "lastContactedAt" → "Last contacted at". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldLabel(path: string, options?: FilterValueOptions): string {
  if (path.startsWith("customFields.")) {
    const key = path.slice("customFields.".length);
    return options?.customFields?.find((f) => f.key === key)?.label ?? humanize(key);
  }
  if (path.startsWith("company.")) return `Company ${humanize(path.slice("company.".length)).toLowerCase()}`;
  return KNOWN[path] ?? humanize(path);
}

export function fieldGroup(path: string): "Fields" | "Company" | "Custom fields" {
  if (path.startsWith("customFields.")) return "Custom fields";
  if (path.startsWith("company.")) return "Company";
  return "Fields";
}

const OPS: Record<FilterOp, string> = {
  eq: "is",
  neq: "is not",
  contains: "contains",
  notContains: "does not contain",
  startsWith: "starts with",
  endsWith: "ends with",
  in: "is any of",
  notIn: "is none of",
  isEmpty: "is empty",
  isNotEmpty: "is not empty",
  gt: "is greater than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  between: "is between",
  withinLastDays: "is in the last … days",
  withinNextDays: "is in the next … days",
  hasAny: "has any of",
  hasAll: "has all of",
  inList: "is in list",
  notInList: "is not in list",
};

const DATE_OPS: Partial<Record<FilterOp, string>> = { eq: "is on", neq: "is not on", gt: "is after", gte: "is on or after", lt: "is before", lte: "is on or before" };

export function opLabel(op: FilterOp, type: FieldType): string {
  return (type.kind === "date" ? DATE_OPS[op] : undefined) ?? OPS[op];
}

/** Which picker a uuid field gets. */
export function uuidPicker(path: string, type: FieldType): "user" | "group" | "text" {
  if (type.kind !== "uuid") return "text";
  if (type.user) return "user";
  return /GroupId$/.test(path) ? "group" : "text";
}
