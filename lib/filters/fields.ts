// The fields a filter may name, per object type: each camelCase path, its kind, and where
// its value lives (a column of the record, a column of its company, or customFields.<key>).
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import {
  ACTIVITY_TYPES,
  activities,
  companies,
  contacts,
  CRM_RECORD_TYPES,
  DEAL_STATUSES,
  DEAL_TYPES,
  deals,
  LEAD_RATINGS,
  LEAD_STATUSES,
  leads,
  LIST_OBJECT_TYPES,
  PRIORITIES,
  tickets,
  type CustomFieldDefinition,
} from "@/db/schema";
import { LIST_OPS, OPS_BY_KIND, type FilterOp } from "./ops";

export type FilterObjectType = (typeof LIST_OBJECT_TYPES)[number];
export const FILTER_OBJECT_TYPES = LIST_OBJECT_TYPES;

export type FieldType =
  | { kind: "string" }
  | { kind: "number" }
  /** dateOnly: a calendar day (a `date` column or a custom DATE), compared day by day. */
  | { kind: "date"; dateOnly: boolean }
  | { kind: "boolean" }
  | { kind: "enum"; values: readonly string[] }
  /** user: the field holds a user id, so the value "me" is allowed. */
  | { kind: "uuid"; user: boolean }
  | { kind: "tags" };

export type FieldSource =
  | { from: "column"; column: AnyPgColumn; key: string }
  | { from: "company"; column: AnyPgColumn; key: string }
  | { from: "custom"; key: string; fieldType: CustomFieldDefinition["fieldType"] };

export interface FieldDef {
  path: string;
  type: FieldType;
  source: FieldSource;
  ops: readonly FilterOp[];
}

/** What the compiler needs of the record table besides the field columns. */
export interface FilterTable {
  table: PgTable;
  id: AnyPgColumn;
  tenantId: AnyPgColumn;
  customFields: AnyPgColumn | null;
  companyId: AnyPgColumn | null;
}

/** The tenant's custom field definitions (rows of custom_field_definitions, or the same shape). */
export type FilterCustomField = Pick<CustomFieldDefinition, "key" | "fieldType" | "options"> & { objectType?: FilterObjectType };

const STRING: FieldType = { kind: "string" };
const NUMBER: FieldType = { kind: "number" };
const TIMESTAMP: FieldType = { kind: "date", dateOnly: false };
const DAY: FieldType = { kind: "date", dateOnly: true };
const BOOLEAN: FieldType = { kind: "boolean" };
const UUID: FieldType = { kind: "uuid", user: false };
const USER: FieldType = { kind: "uuid", user: true };
const TAGS: FieldType = { kind: "tags" };
const enumOf = (values: readonly string[]): FieldType => ({ kind: "enum", values });

type Specs = Record<string, readonly [AnyPgColumn, FieldType]>;
type RecordTable = typeof companies | typeof contacts | typeof leads | typeof deals | typeof tickets;

function defs(specs: Specs, from: "column" | "company"): FieldDef[] {
  return Object.entries(specs).map(([key, [column, type]]) => ({
    path: from === "company" ? `company.${key}` : key,
    type,
    source: { from, column, key },
    ops: key === "id" && from === "column" ? [...OPS_BY_KIND[type.kind], ...LIST_OPS] : OPS_BY_KIND[type.kind],
  }));
}

const recordSpecs = (t: RecordTable): Specs => ({
  id: [t.id, UUID],
  ownedByUserId: [t.ownedByUserId, USER],
  ownedByGroupId: [t.ownedByGroupId, UUID],
  createdByUserId: [t.createdByUserId, USER],
  tags: [t.tags, TAGS],
  pipelineId: [t.pipelineId, UUID],
  stageId: [t.stageId, UUID],
  stageEnteredAt: [t.stageEnteredAt, TIMESTAMP],
  createdAt: [t.createdAt, TIMESTAMP],
  updatedAt: [t.updatedAt, TIMESTAMP],
});

/** Related company fields, compiled as an EXISTS on the record's company. */
const COMPANY_SPECS: Specs = {
  name: [companies.name, STRING],
  industry: [companies.industry, STRING],
  domain: [companies.domain, STRING],
  employeeCount: [companies.employeeCount, NUMBER],
  annualRevenue: [companies.annualRevenue, NUMBER],
};

const STATIC_FIELDS: Record<FilterObjectType, FieldDef[]> = {
  COMPANY: defs({
    ...recordSpecs(companies),
    name: [companies.name, STRING],
    domain: [companies.domain, STRING],
    industry: [companies.industry, STRING],
    website: [companies.website, STRING],
    phone: [companies.phone, STRING],
    employeeCount: [companies.employeeCount, NUMBER],
    annualRevenue: [companies.annualRevenue, NUMBER],
    currency: [companies.currency, STRING],
    description: [companies.description, STRING],
  }, "column"),
  CONTACT: [
    ...defs({
      ...recordSpecs(contacts),
      firstName: [contacts.firstName, STRING],
      lastName: [contacts.lastName, STRING],
      email: [contacts.email, STRING],
      phone: [contacts.phone, STRING],
      mobilePhone: [contacts.mobilePhone, STRING],
      jobTitle: [contacts.jobTitle, STRING],
      department: [contacts.department, STRING],
      companyId: [contacts.companyId, UUID],
      lifecycleStage: [contacts.lifecycleStage, STRING],
      linkedinUrl: [contacts.linkedinUrl, STRING],
      emailOptIn: [contacts.emailOptIn, BOOLEAN],
      doNotCall: [contacts.doNotCall, BOOLEAN],
      lastContactedAt: [contacts.lastContactedAt, TIMESTAMP],
    }, "column"),
    ...defs(COMPANY_SPECS, "company"),
  ],
  LEAD: defs({
    ...recordSpecs(leads),
    firstName: [leads.firstName, STRING],
    lastName: [leads.lastName, STRING],
    email: [leads.email, STRING],
    phone: [leads.phone, STRING],
    jobTitle: [leads.jobTitle, STRING],
    companyName: [leads.companyName, STRING],
    source: [leads.source, STRING],
    status: [leads.status, enumOf(LEAD_STATUSES)],
    rating: [leads.rating, enumOf(LEAD_RATINGS)],
    score: [leads.score, NUMBER],
    priority: [leads.priority, enumOf(PRIORITIES)],
    convertedAt: [leads.convertedAt, TIMESTAMP],
    disqualifiedReason: [leads.disqualifiedReason, STRING],
    utmSource: [leads.utmSource, STRING],
    utmMedium: [leads.utmMedium, STRING],
    utmCampaign: [leads.utmCampaign, STRING],
    utmContent: [leads.utmContent, STRING],
    utmTerm: [leads.utmTerm, STRING],
    landingPage: [leads.landingPage, STRING],
    referrer: [leads.referrer, STRING],
    budget: [leads.budget, STRING],
    authority: [leads.authority, STRING],
    need: [leads.need, STRING],
    timeline: [leads.timeline, STRING],
    disqualifiedAt: [leads.disqualifiedAt, TIMESTAMP],
    assignedAt: [leads.assignedAt, TIMESTAMP],
    convertedContactId: [leads.convertedContactId, UUID],
    convertedCompanyId: [leads.convertedCompanyId, UUID],
    convertedDealId: [leads.convertedDealId, UUID],
  }, "column"),
  DEAL: [
    ...defs({
      ...recordSpecs(deals),
      name: [deals.name, STRING],
      amount: [deals.amount, NUMBER],
      currency: [deals.currency, STRING],
      dealType: [deals.dealType, enumOf(DEAL_TYPES)],
      closeDate: [deals.closeDate, DAY],
      forecastProbability: [deals.forecastProbability, NUMBER],
      status: [deals.status, enumOf(DEAL_STATUSES)],
      companyId: [deals.companyId, UUID],
      contactId: [deals.contactId, UUID],
      leadId: [deals.leadId, UUID],
      assignedUserId: [deals.assignedUserId, USER],
      assignedGroupId: [deals.assignedGroupId, UUID],
      wonReason: [deals.wonReason, STRING],
      lostReason: [deals.lostReason, STRING],
      closedAt: [deals.closedAt, TIMESTAMP],
    }, "column"),
    ...defs(COMPANY_SPECS, "company"),
  ],
  TICKET: [
    ...defs({
      ...recordSpecs(tickets),
      subject: [tickets.subject, STRING],
      description: [tickets.description, STRING],
      priority: [tickets.priority, enumOf(PRIORITIES)],
      contactId: [tickets.contactId, UUID],
      companyId: [tickets.companyId, UUID],
      assignedUserId: [tickets.assignedUserId, USER],
      assignedGroupId: [tickets.assignedGroupId, UUID],
      resolvedAt: [tickets.resolvedAt, TIMESTAMP],
    }, "column"),
    ...defs(COMPANY_SPECS, "company"),
  ],
  ACTIVITY: defs({
    id: [activities.id, UUID],
    activityType: [activities.activityType, enumOf(ACTIVITY_TYPES)],
    subject: [activities.subject, STRING],
    body: [activities.body, STRING],
    recordType: [activities.recordType, enumOf(CRM_RECORD_TYPES)],
    recordId: [activities.recordId, UUID],
    activityAt: [activities.activityAt, TIMESTAMP],
    dueAt: [activities.dueAt, TIMESTAMP],
    reminderAt: [activities.reminderAt, TIMESTAMP],
    completedAt: [activities.completedAt, TIMESTAMP],
    completedByUserId: [activities.completedByUserId, USER],
    priority: [activities.priority, enumOf(PRIORITIES)],
    outcome: [activities.outcome, STRING],
    durationSeconds: [activities.durationSeconds, NUMBER],
    parentActivityId: [activities.parentActivityId, UUID],
    assignedUserId: [activities.assignedUserId, USER],
    assignedGroupId: [activities.assignedGroupId, UUID],
    createdByUserId: [activities.createdByUserId, USER],
    createdAt: [activities.createdAt, TIMESTAMP],
    updatedAt: [activities.updatedAt, TIMESTAMP],
  }, "column"),
};

const recordTable = (t: RecordTable, companyId: AnyPgColumn | null): FilterTable => ({ table: t, id: t.id, tenantId: t.tenantId, customFields: t.customFields, companyId });

export const FILTER_TABLES: Record<FilterObjectType, FilterTable> = {
  COMPANY: recordTable(companies, null),
  CONTACT: recordTable(contacts, contacts.companyId),
  LEAD: recordTable(leads, null),
  DEAL: recordTable(deals, deals.companyId),
  TICKET: recordTable(tickets, tickets.companyId),
  ACTIVITY: { table: activities, id: activities.id, tenantId: activities.tenantId, customFields: null, companyId: null },
};

/** Same rule as the custom_field_definitions_key_format check. */
export const CUSTOM_FIELD_KEY = /^[a-zA-Z][a-zA-Z0-9_]*$/;

function customFieldType(def: FilterCustomField): FieldType {
  switch (def.fieldType) {
    case "NUMBER":
      return NUMBER;
    case "DATE":
      return DAY;
    case "CHECKBOX":
      return BOOLEAN;
    case "MULTI_SELECT":
      return TAGS;
    case "SELECT":
      return def.options.length > 0 ? enumOf(def.options) : STRING;
    case "TEXT":
    case "URL":
      return STRING;
  }
}

/** Every field a filter on `objectType` may name, by path. */
export function filterFields(objectType: FilterObjectType, customFields: readonly FilterCustomField[] = []): Map<string, FieldDef> {
  const fields = new Map(STATIC_FIELDS[objectType].map((f) => [f.path, f]));
  if (!FILTER_TABLES[objectType].customFields) return fields;
  for (const def of customFields) {
    if ((def.objectType && def.objectType !== objectType) || !CUSTOM_FIELD_KEY.test(def.key)) continue;
    const type = customFieldType(def);
    fields.set(`customFields.${def.key}`, { path: `customFields.${def.key}`, type, source: { from: "custom", key: def.key, fieldType: def.fieldType }, ops: OPS_BY_KIND[type.kind] });
  }
  return fields;
}

/** The registry without Drizzle columns: what a filter builder may offer, per field. */
export function describeFilterFields(objectType: FilterObjectType, customFields: readonly FilterCustomField[] = []): { path: string; type: FieldType; ops: readonly FilterOp[] }[] {
  return [...filterFields(objectType, customFields).values()].map(({ path, type, ops }) => ({ path, type, ops }));
}
