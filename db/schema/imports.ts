import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, foreignKey } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns";
import { crmRecordType } from "./enums";
import { tenants } from "./tenancy";

/** Where an import stands (API.md, "Imports"). */
export const IMPORT_STATUSES = ["MAPPING", "QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "UNDOING", "UNDONE"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_MODES = ["CREATE", "UPDATE", "UPSERT"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
/** What became of one row: written nowhere until the worker has processed it (null). */
export const IMPORT_ROW_OUTCOMES = ["CREATED", "UPDATED", "SKIPPED", "FAILED"] as const;
export type ImportRowOutcome = (typeof IMPORT_ROW_OUTCOMES)[number];

/** Who started the import: the worker writes as them (their role and scope), with source IMPORT. */
export interface ImportActor {
  kind: "user" | "api_key" | "system";
  userId: string | null;
  apiKeyId?: string;
  role: "admin" | "manager" | "sales_rep" | "readonly";
}

/**
 * A CSV import: the uploaded file's header and settings, the worker's progress counters
 * (kept in the transaction of each batch, so they equal the rows' outcomes), and what an
 * undo could not put back (`conflicts`). The rows are in import_rows, so any worker
 * process can run it.
 */
export const imports = pgTable("imports", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  objectType: crmRecordType().notNull(),
  status: text().$type<ImportStatus>().notNull().default("MAPPING"),
  fileName: text(),
  headers: jsonb().$type<string[]>().notNull(),
  delimiter: text().notNull().default(","),
  rowCount: integer().notNull().default(0),
  mapping: jsonb().$type<Record<string, string | null>>().notNull().default({}),
  mode: text().$type<ImportMode>().notNull().default("CREATE"),
  matchOn: text(),
  tags: text().array().notNull().default(sql`'{}'::text[]`),
  listId: uuid(),
  /** The owner of every row without one of its own (the API's `ownedByUserId`). */
  defaultOwnerUserId: uuid(),
  processed: integer().notNull().default(0),
  created: integer().notNull().default(0),
  updated: integer().notNull().default(0),
  skipped: integer().notNull().default(0),
  failed: integer().notNull().default(0),
  error: text(),
  /** Rows an undo has dealt with so far (its progress). */
  undoneRows: integer().notNull().default(0),
  conflicts: jsonb().$type<{ recordId: string; field: string }[]>().notNull().default([]),
  actor: jsonb().$type<ImportActor>(),
  createdByUserId: uuid(),
  createdAt: createdAt(),
  startedAt: timestamp({ withTimezone: true }),
  finishedAt: timestamp({ withTimezone: true }),
  undoneAt: timestamp({ withTimezone: true }),
  /** Written by each batch of a run or undo: a RUNNING or UNDOING import whose worker stopped beating is queued again (imports_sweep). */
  heartbeatAt: timestamp({ withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  check("imports_status_check", sql.raw(`status in (${IMPORT_STATUSES.map((s) => `'${s}'`).join(", ")})`)),
  check("imports_mode_check", sql.raw(`mode in (${IMPORT_MODES.map((s) => `'${s}'`).join(", ")})`)),
  // GET /imports, newest first
  index("imports_created_idx").on(t.tenantId, t.createdAt.desc(), t.id.desc()),
]);

/**
 * One data row of an import, as uploaded (`cells`, in the header's order), and what the
 * worker made of it. `previous` holds the values an UPDATED row overwrote and `written`
 * the values it wrote (field path → value), so an undo can put back exactly those that
 * nobody has changed since.
 */
export const importRows = pgTable("import_rows", {
  tenantId: tenantId(),
  importId: uuid().notNull(),
  /** 1-based data row (the header not counted). */
  rowNo: integer().notNull(),
  cells: jsonb().$type<string[]>().notNull(),
  outcome: text().$type<ImportRowOutcome>(),
  recordId: uuid(),
  error: text(),
  previous: jsonb().$type<Record<string, unknown>>(),
  written: jsonb().$type<Record<string, unknown>>(),
  /** Set once an undo has dealt with this row (so a resumed undo skips it). */
  undone: boolean().notNull().default(false),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.importId, t.rowNo] }),
  foreignKey({ columns: [t.tenantId, t.importId], foreignColumns: [imports.tenantId, imports.id] }).onDelete("cascade"),
  check("import_rows_outcome_check", sql.raw(`outcome in (${IMPORT_ROW_OUTCOMES.map((s) => `'${s}'`).join(", ")})`)),
]);

export type Import = typeof imports.$inferSelect;
export type ImportRow = typeof importRows.$inferSelect;
