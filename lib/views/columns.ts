// The columns a record table may show, per record kind: id (the `cols=` URL token and the
// saved view's column), label, how a cell renders, and the sort field (a camelCase
// field of RECORD_KINDS[kind].sortable) when the column is sortable. Pure and free of
// Drizzle, so the browser bundle can use it; the server turns rows into cells (project.ts).
import type { EnumName } from "@/lib/format/labels";
import type { RecordKind } from "@/lib/records/registry";

export type ColumnKind = "title" | "text" | "email" | "url" | "number" | "money" | "date" | "datetime" | "tags" | "boolean" | "ref" | "owner" | "stage";

export interface TableColumn {
  id: string;
  label: string;
  kind: ColumnKind;
  sortField?: string;
  /** The title column: always shown, always first, links to the record. */
  fixed?: boolean;
  /** Values of a schema enum, shown by their labels. */
  enum?: EnumName;
  /** A fraction in [0, 1], shown as a percent. */
  percent?: boolean;
}

/** What a custom field definition contributes to the table (no Drizzle types). */
export interface TableCustomField {
  key: string;
  label: string;
  fieldType: "TEXT" | "NUMBER" | "DATE" | "SELECT" | "MULTI_SELECT" | "CHECKBOX" | "URL";
  options: string[];
}

export const TITLE_COLUMN = "name";
export const CUSTOM_PREFIX = "customFields.";

const owner: TableColumn = { id: "owner", label: "Owner", kind: "owner" };
const tags: TableColumn = { id: "tags", label: "Tags", kind: "tags" };
const created: TableColumn = { id: "createdAt", label: "Created", kind: "datetime", sortField: "createdAt" };
const updated: TableColumn = { id: "updatedAt", label: "Updated", kind: "datetime", sortField: "updatedAt" };
const company: TableColumn = { id: "company", label: "Company", kind: "ref" };
const stageEntered: TableColumn = { id: "stageEnteredAt", label: "In stage since", kind: "datetime", sortField: "stageEnteredAt" };
/** The pipeline stage's name. */
const stage: TableColumn = { id: "stage", label: "Stage", kind: "stage" };
const personName = (sortField: string): TableColumn => ({ id: TITLE_COLUMN, label: "Name", kind: "title", sortField, fixed: true });

const STATIC_COLUMNS: Record<RecordKind, TableColumn[]> = {
  CONTACT: [
    personName("firstName"),
    { id: "firstName", label: "First name", kind: "text", sortField: "firstName" },
    { id: "lastName", label: "Last name", kind: "text", sortField: "lastName" },
    { id: "email", label: "Email", kind: "email", sortField: "email" },
    { id: "phone", label: "Phone", kind: "text" },
    { id: "mobilePhone", label: "Mobile", kind: "text" },
    { id: "jobTitle", label: "Job title", kind: "text", sortField: "jobTitle" },
    { id: "department", label: "Department", kind: "text" },
    company,
    { id: "lifecycleStage", label: "Lifecycle stage", kind: "text", sortField: "lifecycleStage" },
    { id: "lastContactedAt", label: "Last contacted", kind: "datetime" },
    owner,
    tags,
    created,
    updated,
  ],
  COMPANY: [
    { id: TITLE_COLUMN, label: "Name", kind: "title", sortField: "name", fixed: true },
    { id: "domain", label: "Domain", kind: "text", sortField: "domain" },
    { id: "industry", label: "Industry", kind: "text", sortField: "industry" },
    { id: "website", label: "Website", kind: "url" },
    { id: "phone", label: "Phone", kind: "text" },
    { id: "employeeCount", label: "Employees", kind: "number", sortField: "employeeCount" },
    { id: "annualRevenue", label: "Annual revenue", kind: "money", sortField: "annualRevenue" },
    owner,
    tags,
    created,
    updated,
  ],
  LEAD: [
    personName("firstName"),
    { id: "email", label: "Email", kind: "email", sortField: "email" },
    { id: "companyName", label: "Company", kind: "text", sortField: "companyName" },
    { id: "source", label: "Source", kind: "text" },
    { id: "status", label: "Status", kind: "text", sortField: "status", enum: "LEAD_STATUSES" },
    { id: "rating", label: "Rating", kind: "text", enum: "LEAD_RATINGS" },
    { id: "score", label: "Score", kind: "number", sortField: "score" },
    { id: "priority", label: "Priority", kind: "text", enum: "PRIORITIES" },
    { id: "utmSource", label: "UTM source", kind: "text" },
    { id: "utmMedium", label: "UTM medium", kind: "text" },
    { id: "utmCampaign", label: "UTM campaign", kind: "text" },
    { id: "landingPage", label: "Landing page", kind: "text" },
    { id: "referrer", label: "Referrer", kind: "text" },
    { id: "convertedAt", label: "Converted", kind: "datetime" },
    { id: "disqualifiedReason", label: "Disqualified because", kind: "text" },
    stage,
    stageEntered,
    owner,
    tags,
    created,
    updated,
  ],
  DEAL: [
    { id: TITLE_COLUMN, label: "Name", kind: "title", sortField: "name", fixed: true },
    { id: "amount", label: "Amount", kind: "money", sortField: "amount" },
    { id: "closeDate", label: "Close date", kind: "date", sortField: "closeDate" },
    { id: "status", label: "Status", kind: "text", sortField: "status", enum: "DEAL_STATUSES" },
    { id: "forecastProbability", label: "Probability", kind: "number", sortField: "forecastProbability", percent: true },
    company,
    stage,
    stageEntered,
    owner,
    tags,
    created,
    updated,
  ],
  TICKET: [
    { id: TITLE_COLUMN, label: "Subject", kind: "title", sortField: "subject", fixed: true },
    { id: "priority", label: "Priority", kind: "text", sortField: "priority", enum: "PRIORITIES" },
    company,
    stage,
    stageEntered,
    owner,
    tags,
    created,
    updated,
  ],
};

export const DEFAULT_COLUMNS: Record<RecordKind, readonly string[]> = {
  CONTACT: [TITLE_COLUMN, "email", "company", "jobTitle", "owner", "tags", "createdAt"],
  COMPANY: [TITLE_COLUMN, "domain", "industry", "employeeCount", "owner", "tags", "createdAt"],
  LEAD: [TITLE_COLUMN, "stage", "email", "companyName", "status", "score", "owner", "tags", "createdAt"],
  DEAL: [TITLE_COLUMN, "stage", "amount", "closeDate", "status", "company", "owner", "tags", "createdAt"],
  TICKET: [TITLE_COLUMN, "stage", "priority", "company", "owner", "tags", "createdAt"],
};

const CUSTOM_KIND: Record<TableCustomField["fieldType"], ColumnKind> = {
  TEXT: "text",
  NUMBER: "number",
  DATE: "date",
  SELECT: "text",
  MULTI_SELECT: "tags",
  CHECKBOX: "boolean",
  URL: "url",
};

export const customColumnId = (key: string) => `${CUSTOM_PREFIX}${key}`;

/** Every column the kind's table can show: the built-in ones, then the tenant's custom fields. */
export function columnsFor(kind: RecordKind, customFields: readonly TableCustomField[] = []): TableColumn[] {
  return [
    ...STATIC_COLUMNS[kind],
    ...customFields.map((f): TableColumn => ({ id: customColumnId(f.key), label: f.label, kind: CUSTOM_KIND[f.fieldType] })),
  ];
}

/**
 * The visible column ids from `cols=a,b,c`: unknown ids dropped, duplicates dropped, the
 * title column always first. Empty or missing → the kind's defaults.
 */
export function parseColumns(kind: RecordKind, raw: string | readonly string[] | null | undefined, customFields: readonly TableCustomField[] = []): string[] {
  const tokens = typeof raw === "string" ? raw.split(",") : raw ?? [];
  const known = new Set(columnsFor(kind, customFields).map((c) => c.id));
  const picked = [...new Set(tokens.map((t) => t.trim()).filter((t) => t !== TITLE_COLUMN && known.has(t)))];
  if (picked.length === 0 && (raw === null || raw === undefined || tokens.every((t) => !t.trim()))) {
    return [...DEFAULT_COLUMNS[kind]];
  }
  return [TITLE_COLUMN, ...picked];
}

/** Columns as they go into the URL: the title column is implied, defaults are left out. */
export function serializeColumns(kind: RecordKind, ids: readonly string[]): string | null {
  const rest = ids.filter((id) => id !== TITLE_COLUMN);
  const defaults = DEFAULT_COLUMNS[kind].filter((id) => id !== TITLE_COLUMN);
  if (rest.length === defaults.length && rest.every((id, i) => id === defaults[i])) return null;
  return rest.length === 0 ? TITLE_COLUMN : rest.join(",");
}
