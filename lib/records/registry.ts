// The five record kinds and what differs between them: table, schemas, search columns.
// Everything else (create, update, delete, list, audit, events) is shared in service.ts.
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { companies, contacts, deals, leads, tickets } from "@/db/schema";
import type { PIPELINE_OBJECT_TYPES } from "@/db/schema/enums";
import { KIND_WORDS, type RecordKind, type RecordKindWords } from "./kinds";
import { companyCreateSchema, contactCreateSchema, dealCreateSchema, leadCreateSchema, recordPatchSchema, ticketCreateSchema } from "./schemas";

export { COLLECTIONS, type Collection, type RecordKind } from "./kinds";

type AnyRecordTable = typeof companies | typeof contacts | typeof leads | typeof deals | typeof tickets;

export interface RecordKindDef extends RecordKindWords {
  kind: RecordKind;
  table: AnyRecordTable;
  createSchema: z.ZodObject;
  /** Deals, leads and tickets live in a pipeline of this object type. */
  pipelineObjectType: (typeof PIPELINE_OBJECT_TYPES)[number] | null;
  /** Human title of a row (search results, notifications, timeline). */
  title(row: Record<string, unknown>): string;
  /** Quick search (`q=`): trigram-friendly expressions. */
  search(q: string): SQL;
  /** Columns a client may sort by (camelCase). */
  sortable: readonly string[];
}

const like = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const personName = (r: Record<string, unknown>) => [r.firstName, r.lastName].filter(Boolean).join(" ") || String(r.email ?? "(no name)");

export const RECORD_KINDS: Record<RecordKind, RecordKindDef> = {
  COMPANY: {
    kind: "COMPANY",
    ...KIND_WORDS.COMPANY,
    table: companies,
    createSchema: companyCreateSchema,
    pipelineObjectType: null,
    title: (r) => String(r.name),
    search: (q) => sql`(lower(${companies.name}) like ${like(q)} or lower(${companies.domain}) like ${like(q)})`,
    sortable: ["createdAt", "updatedAt", "name", "domain", "industry", "employeeCount", "annualRevenue"],
  },
  CONTACT: {
    kind: "CONTACT",
    ...KIND_WORDS.CONTACT,
    table: contacts,
    createSchema: contactCreateSchema,
    pipelineObjectType: null,
    title: personName,
    search: (q) =>
      sql`((lower(coalesce(${contacts.firstName}, '') || ' ' || coalesce(${contacts.lastName}, ''))) like ${like(q)} or lower(${contacts.email}) like ${like(q)})`,
    sortable: ["createdAt", "updatedAt", "firstName", "lastName", "email", "jobTitle", "lifecycleStage"],
  },
  LEAD: {
    kind: "LEAD",
    ...KIND_WORDS.LEAD,
    table: leads,
    createSchema: leadCreateSchema,
    pipelineObjectType: "LEAD",
    title: personName,
    search: (q) =>
      sql`((lower(coalesce(${leads.firstName}, '') || ' ' || coalesce(${leads.lastName}, ''))) like ${like(q)} or lower(${leads.email}) like ${like(q)} or lower(${leads.companyName}) like ${like(q)})`,
    sortable: ["createdAt", "updatedAt", "firstName", "lastName", "email", "companyName", "score", "status", "stageEnteredAt"],
  },
  DEAL: {
    kind: "DEAL",
    ...KIND_WORDS.DEAL,
    table: deals,
    createSchema: dealCreateSchema,
    pipelineObjectType: "DEAL",
    title: (r) => String(r.name),
    search: (q) => sql`lower(${deals.name}) like ${like(q)}`,
    sortable: ["createdAt", "updatedAt", "name", "amount", "closeDate", "forecastProbability", "status", "stageEnteredAt"],
  },
  TICKET: {
    kind: "TICKET",
    ...KIND_WORDS.TICKET,
    table: tickets,
    createSchema: ticketCreateSchema,
    pipelineObjectType: "TICKET",
    title: (r) => String(r.subject),
    search: (q) => sql`lower(${tickets.subject}) like ${like(q)}`,
    sortable: ["createdAt", "updatedAt", "subject", "priority", "stageEnteredAt"],
  },
};

export function kindOfCollection(collection: string): RecordKindDef | undefined {
  return Object.values(RECORD_KINDS).find((k) => k.collection === collection);
}

/** PATCH bodies: any subset of the create fields; the stage changes only through moveRecord. */
export function updateSchemaOf(def: RecordKindDef): z.ZodObject {
  return recordPatchSchema(def.createSchema);
}

type Table = PgTable & { tenantId: PgColumn; id: PgColumn; deletedAt: PgColumn; updatedAt: PgColumn; position: PgColumn; stageId: PgColumn; pipelineId: PgColumn };
/** The kind's table, typed loosely: services treat the five tables alike. */
export const tableOf = (def: RecordKindDef) => def.table as unknown as Table;
/** The duplicate keys Postgres stores on contacts, companies and leads (dupEmail...; lib/duplicates): not record fields, never shown. */
export const isDuplicateKey = (key: string) => /^dup[A-Z_]/.test(key);
export const columnOf = (def: RecordKindDef, name: string): PgColumn | undefined => (getTableColumns(def.table) as Record<string, PgColumn>)[name];
