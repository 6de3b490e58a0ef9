// The fields each record kind shows in its forms, and how a form's text values become
// the API's input. Client-safe: validation uses the same zod schemas as the REST API
// (lib/records/schemas.ts). Names are the API's field names.
import type { z } from "zod";
import type { FieldDefinitionLike } from "@/lib/custom-fields/rules";
import { isEmptyValue } from "@/lib/custom-fields/rules";
import { enumOptions } from "@/lib/format/labels";
import type { RecordKind } from "@/lib/records/registry";
import { companyCreateSchema, contactCreateSchema, dealCreateSchema, leadCreateSchema, ticketCreateSchema } from "@/lib/records/schemas";

export type FieldType = "text" | "email" | "url" | "tel" | "number" | "money" | "date" | "textarea" | "select" | "company" | "contact" | "user";

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  options?: readonly { value: string; label: string }[];
  /** An empty input is sent as null (clears the field) unless the schema wants it absent. */
  empty?: "null" | "omit";
  /** Shown in the create form too (all are shown when editing). */
  onCreate?: boolean;
  /** The create form's initial value (the database default, shown). */
  defaultValue?: string;
  placeholder?: string;
}

const priorityOptions = enumOptions("PRIORITIES");

/** Where a lead came from and its BANT qualification (edited on the record page; web forms fill them). */
export const LEAD_TRACKING_FIELDS: FieldDef[] = [
  { name: "utmSource", label: "UTM source", type: "text" },
  { name: "utmMedium", label: "UTM medium", type: "text" },
  { name: "utmCampaign", label: "UTM campaign", type: "text" },
  { name: "utmContent", label: "UTM content", type: "text" },
  { name: "utmTerm", label: "UTM term", type: "text" },
  { name: "landingPage", label: "Landing page", type: "text" },
  { name: "referrer", label: "Referrer", type: "text" },
  { name: "budget", label: "Budget", type: "text" },
  { name: "authority", label: "Authority", type: "text" },
  { name: "need", label: "Need", type: "textarea" },
  { name: "timeline", label: "Timeline", type: "text" },
];

export const RECORD_FIELDS: Record<RecordKind, FieldDef[]> = {
  COMPANY: [
    { name: "name", label: "Name", type: "text", onCreate: true },
    { name: "domain", label: "Domain", type: "text", onCreate: true, placeholder: "example.com" },
    { name: "industry", label: "Industry", type: "text", onCreate: true },
    { name: "website", label: "Website", type: "url", placeholder: "https://" },
    { name: "phone", label: "Phone", type: "tel", onCreate: true },
    { name: "employeeCount", label: "Employees", type: "number" },
    { name: "annualRevenue", label: "Annual revenue", type: "money" },
    { name: "ownedByUserId", label: "Owner", type: "user" },
    { name: "description", label: "Description", type: "textarea" },
  ],
  CONTACT: [
    { name: "firstName", label: "First name", type: "text", onCreate: true },
    { name: "lastName", label: "Last name", type: "text", onCreate: true },
    { name: "email", label: "Email", type: "email", onCreate: true },
    { name: "phone", label: "Phone", type: "tel", onCreate: true },
    { name: "mobilePhone", label: "Mobile", type: "tel" },
    { name: "jobTitle", label: "Job title", type: "text", onCreate: true },
    { name: "department", label: "Department", type: "text" },
    { name: "companyId", label: "Company", type: "company", onCreate: true },
    { name: "lifecycleStage", label: "Lifecycle stage", type: "text" },
    { name: "linkedinUrl", label: "LinkedIn URL", type: "url" },
    { name: "ownedByUserId", label: "Owner", type: "user" },
  ],
  LEAD: [
    { name: "firstName", label: "First name", type: "text", onCreate: true },
    { name: "lastName", label: "Last name", type: "text", onCreate: true },
    { name: "email", label: "Email", type: "email", onCreate: true },
    { name: "phone", label: "Phone", type: "tel" },
    { name: "jobTitle", label: "Job title", type: "text" },
    { name: "companyName", label: "Company name", type: "text", onCreate: true },
    { name: "source", label: "Source", type: "text", onCreate: true },
    { name: "status", label: "Status", type: "select", options: enumOptions("LEAD_STATUSES"), empty: "omit", onCreate: true, defaultValue: "new" },
    { name: "rating", label: "Rating", type: "select", options: [{ value: "", label: "None" }, ...enumOptions("LEAD_RATINGS")], onCreate: true },
    { name: "score", label: "Score", type: "number", empty: "omit" },
    { name: "priority", label: "Priority", type: "select", options: [{ value: "", label: "None" }, ...priorityOptions] },
    { name: "ownedByUserId", label: "Owner", type: "user" },
    ...LEAD_TRACKING_FIELDS,
  ],
  DEAL: [
    { name: "name", label: "Deal name", type: "text", onCreate: true },
    { name: "amount", label: "Amount", type: "money", onCreate: true, placeholder: "12500.00" },
    { name: "currency", label: "Currency", type: "text", empty: "omit", placeholder: "USD" },
    { name: "dealType", label: "Deal type", type: "select", options: [{ value: "", label: "None" }, ...enumOptions("DEAL_TYPES")], onCreate: true },
    { name: "closeDate", label: "Close date", type: "date", onCreate: true },
    { name: "companyId", label: "Company", type: "company", onCreate: true },
    { name: "contactId", label: "Contact", type: "contact", onCreate: true },
    { name: "assignedUserId", label: "Assignee", type: "user" },
    { name: "ownedByUserId", label: "Owner", type: "user" },
  ],
  TICKET: [
    { name: "subject", label: "Subject", type: "text", onCreate: true },
    { name: "priority", label: "Priority", type: "select", options: priorityOptions, empty: "omit", onCreate: true, defaultValue: "medium" },
    { name: "companyId", label: "Company", type: "company", onCreate: true },
    { name: "contactId", label: "Contact", type: "contact", onCreate: true },
    { name: "assignedUserId", label: "Assignee", type: "user" },
    { name: "ownedByUserId", label: "Owner", type: "user" },
    { name: "description", label: "Description", type: "textarea", onCreate: true },
  ],
};

export const RECORD_SCHEMAS: Record<RecordKind, z.ZodObject> = {
  COMPANY: companyCreateSchema,
  CONTACT: contactCreateSchema,
  LEAD: leadCreateSchema,
  DEAL: dealCreateSchema,
  TICKET: ticketCreateSchema,
};

export { KIND_WORDS } from "@/lib/records/kinds";

export type FormValues = Record<string, string>;

/**
 * A record form's state: the kind's own fields as input text, the tag names, and the
 * custom field values as stored (`customFields` jsonb; keys of deleted definitions kept).
 */
export interface RecordFormValues {
  fields: FormValues;
  tags: string[];
  customFields: Record<string, unknown>;
}

/** A custom field definition as the forms need it (client-safe, no dates). */
export type CustomFieldDef = FieldDefinitionLike & { id: string };

/** Equal JSON values, object keys in any order (jsonb does not keep the order they were sent in). */
export function sameValues(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/** The custom field values to send: empty values left out (the server drops them too). */
export function customFieldsInput(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => !isEmptyValue(v)));
}

/** A stored value as the text an input shows. */
export function toFormValue(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** The form's text values as API input: numbers parsed, empty inputs null (or left out). */
export function toApiInput(values: FormValues, fields: FieldDef[], only?: Iterable<string>): Record<string, unknown> {
  const keep = only ? new Set(only) : null;
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (keep && !keep.has(f.name)) continue;
    const raw = values[f.name] ?? "";
    const empty = raw.trim() === "";
    if (empty && f.name !== "name" && f.name !== "subject") {
      if (f.empty !== "omit") out[f.name] = null;
      continue;
    }
    out[f.name] = f.type === "number" ? (/^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw) : raw;
  }
  return out;
}

/** The schema restricted to the form's fields and tags (so placement fields etc. are not required here). */
export function formSchema(kind: RecordKind, fields: FieldDef[]): z.ZodObject {
  const pick = Object.fromEntries([...fields.map((f) => f.name), "tags"].map((n) => [n, true])) as Record<string, true>;
  return RECORD_SCHEMAS[kind].pick(pick as never);
}
