// What a widget of each record type may measure and group by: a whitelist built from the
// filter registry (lib/filters/fields.ts) and the tenant's custom fields. Server-only (the
// registry holds Drizzle columns); the editor receives describeCatalog()'s plain copy.
import "server-only";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { activities, companies, contacts, deals, leads, type CustomFieldDefinition } from "@/db/schema";
import { filterFields, type FieldDef, type FilterCustomField } from "@/lib/filters/fields";
import { widgetFieldLabel } from "./labels";
import { OBJECT_TYPE_OF, type GroupByKind, type WidgetRecordType } from "./schemas";

export interface RecordColumns {
  table: typeof contacts | typeof companies | typeof leads | typeof deals | typeof activities;
  tenantId: AnyPgColumn;
  deletedAt: AnyPgColumn;
  /** Owner: the record's owner; for activities, who logged it. */
  owner: AnyPgColumn;
  group: AnyPgColumn;
  stage: AnyPgColumn | null;
  pipeline: AnyPgColumn | null;
  tags: AnyPgColumn | null;
  customFields: AnyPgColumn | null;
}

export const RECORD_COLUMNS: Record<WidgetRecordType, RecordColumns> = {
  contacts: { table: contacts, tenantId: contacts.tenantId, deletedAt: contacts.deletedAt, owner: contacts.ownedByUserId, group: contacts.ownedByGroupId, stage: contacts.stageId, pipeline: contacts.pipelineId, tags: contacts.tags, customFields: contacts.customFields },
  companies: { table: companies, tenantId: companies.tenantId, deletedAt: companies.deletedAt, owner: companies.ownedByUserId, group: companies.ownedByGroupId, stage: companies.stageId, pipeline: companies.pipelineId, tags: companies.tags, customFields: companies.customFields },
  leads: { table: leads, tenantId: leads.tenantId, deletedAt: leads.deletedAt, owner: leads.ownedByUserId, group: leads.ownedByGroupId, stage: leads.stageId, pipeline: leads.pipelineId, tags: leads.tags, customFields: leads.customFields },
  deals: { table: deals, tenantId: deals.tenantId, deletedAt: deals.deletedAt, owner: deals.ownedByUserId, group: deals.ownedByGroupId, stage: deals.stageId, pipeline: deals.pipelineId, tags: deals.tags, customFields: deals.customFields },
  activities: { table: activities, tenantId: activities.tenantId, deletedAt: activities.deletedAt, owner: activities.createdByUserId, group: activities.assignedGroupId, stage: null, pipeline: null, tags: null, customFields: null },
};

/** The filter field that a group-by's key is (for the drill-down filter). */
export const OWNER_FIELD: Record<WidgetRecordType, string> = { contacts: "ownedByUserId", companies: "ownedByUserId", leads: "ownedByUserId", deals: "ownedByUserId", activities: "createdByUserId" };
export const GROUP_FIELD: Record<WidgetRecordType, string> = { contacts: "ownedByGroupId", companies: "ownedByGroupId", leads: "ownedByGroupId", deals: "ownedByGroupId", activities: "assignedGroupId" };

export interface Catalog {
  recordType: WidgetRecordType;
  /** sum / avg / min / max */
  numberFields: Map<string, FieldDef>;
  dateFields: Map<string, FieldDef>;
  /** SELECT and MULTI_SELECT custom fields. */
  choiceFields: Map<string, FieldDef>;
  groupBys: GroupByKind[];
  weighted: boolean;
}

export function catalogOf(recordType: WidgetRecordType, customFields: readonly FilterCustomField[]): Catalog {
  const fields = [...filterFields(OBJECT_TYPE_OF[recordType], customFields).values()];
  const own = fields.filter((f) => f.source.from !== "company");
  const numberFields = new Map(own.filter((f) => f.type.kind === "number").map((f) => [f.path, f]));
  const dateFields = new Map(own.filter((f) => f.type.kind === "date" && f.source.from === "column").map((f) => [f.path, f]));
  const choiceFields = new Map(own.filter((f) => f.source.from === "custom" && (f.source.fieldType === "SELECT" || f.source.fieldType === "MULTI_SELECT")).map((f) => [f.path, f]));
  const c = RECORD_COLUMNS[recordType];
  const groupBys: GroupByKind[] = ["owner", "group"];
  if (c.stage) groupBys.push("stage", "pipeline");
  if (recordType === "leads") groupBys.push("source");
  if (c.tags) groupBys.push("tag");
  if (recordType === "deals") groupBys.push("dealType");
  if (recordType === "activities") groupBys.push("activityType");
  groupBys.push("date");
  if (choiceFields.size) groupBys.push("custom");
  return { recordType, numberFields, dateFields, choiceFields, groupBys, weighted: recordType === "deals" };
}

/** The catalog as plain data, for the widget editor. */
export interface CatalogJson {
  recordType: WidgetRecordType;
  numberFields: { path: string; label: string }[];
  dateFields: { path: string; label: string }[];
  choiceFields: { path: string; label: string }[];
  groupBys: GroupByKind[];
  weighted: boolean;
}

export function describeCatalog(recordType: WidgetRecordType, definitions: readonly CustomFieldDefinition[]): CatalogJson {
  const cat = catalogOf(recordType, definitions);
  const labels = new Map(definitions.map((d) => [`customFields.${d.key}`, d.label]));
  const list = (m: Map<string, FieldDef>) => [...m.keys()].map((path) => ({ path, label: widgetFieldLabel(path, labels) }));
  return { recordType, numberFields: list(cat.numberFields), dateFields: list(cat.dateFields), choiceFields: list(cat.choiceFields), groupBys: cat.groupBys, weighted: cat.weighted };
}
