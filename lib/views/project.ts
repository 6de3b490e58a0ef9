// Record rows → table cells: only the visible columns leave the server, already resolved
// (owner names, company names), so the table and the CSV export show the same values.
import { RECORD_KINDS, type RecordKind } from "@/lib/records/registry";
import type { RecordRow } from "@/lib/records/service";
import { CUSTOM_PREFIX, columnsFor, type TableColumn, type TableCustomField } from "./columns";

export type CellValue =
  | string
  | number
  | boolean
  | string[]
  | null
  | { href: string; label: string }
  | { amount: string; currency: string | null };

export interface TableRow {
  id: string;
  cells: Record<string, CellValue>;
  /** The record's stage, when the stage column is shown (a pipeline table moves it in place). */
  stageId?: string;
}

/** Names of the principals and companies a page of rows refers to. */
export interface RowLookups {
  users: Map<string, string>;
  groups: Map<string, string>;
  companies: Map<string, string>;
  stages: Map<string, string>;
}

export const emptyLookups = (): RowLookups => ({ users: new Map(), groups: new Map(), companies: new Map(), stages: new Map() });

/** The ids a page needs resolved, for the visible columns only. */
export function lookupIdsOf(rows: readonly RecordRow[], cols: readonly string[]): { users: string[]; groups: string[]; companies: string[]; stages: string[] } {
  const stages = new Set<string>();
  const users = new Set<string>();
  const groups = new Set<string>();
  const companies = new Set<string>();
  for (const r of rows) {
    if (cols.includes("owner")) {
      if (typeof r.ownedByUserId === "string") users.add(r.ownedByUserId);
      else if (typeof r.ownedByGroupId === "string") groups.add(r.ownedByGroupId);
    }
    if (cols.includes("company") && typeof r.companyId === "string") companies.add(r.companyId);
    if (cols.includes("stage") && typeof r.stageId === "string") stages.add(r.stageId);
  }
  return { users: [...users], groups: [...groups], companies: [...companies], stages: [...stages] };
}

const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

function customCell(field: TableCustomField | undefined, raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  switch (field?.fieldType) {
    case "MULTI_SELECT":
      return Array.isArray(raw) ? raw.map(String) : [String(raw)];
    case "CHECKBOX":
      return raw === true;
    case "NUMBER":
      return typeof raw === "number" ? raw : String(raw);
    default:
      return typeof raw === "object" ? JSON.stringify(raw) : String(raw);
  }
}

function cell(kind: RecordKind, col: TableColumn, row: RecordRow, lookups: RowLookups, customs: Map<string, TableCustomField>): CellValue {
  const def = RECORD_KINDS[kind];
  if (col.id.startsWith(CUSTOM_PREFIX)) {
    const key = col.id.slice(CUSTOM_PREFIX.length);
    return customCell(customs.get(key), (row.customFields as Record<string, unknown> | null)?.[key]);
  }
  switch (col.kind) {
    case "title":
      return { href: `/${def.collection}/${row.id}`, label: def.title(row) };
    case "owner": {
      if (typeof row.ownedByUserId === "string") return lookups.users.get(row.ownedByUserId) ?? "Unknown user";
      if (typeof row.ownedByGroupId === "string") return `${lookups.groups.get(row.ownedByGroupId) ?? "Unknown group"} (group)`;
      return null;
    }
    case "ref": {
      const id = row.companyId;
      if (typeof id !== "string") return null;
      const name = lookups.companies.get(id);
      return name === undefined ? null : { href: `/companies/${id}`, label: name };
    }
    case "stage":
      return typeof row.stageId === "string" ? (lookups.stages.get(row.stageId) ?? null) : null;
    case "tags":
      return Array.isArray(row.tags) ? (row.tags as string[]) : [];
    case "money": {
      const amount = row[col.id];
      return amount === null || amount === undefined ? null : { amount: String(amount), currency: typeof row.currency === "string" ? row.currency : null };
    }
    case "datetime":
      return iso(row[col.id]);
    case "number": {
      const v = row[col.id];
      return v === null || v === undefined ? null : typeof v === "number" ? v : String(v);
    }
    case "boolean":
      return row[col.id] === true;
    default: {
      const v = row[col.id];
      return v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v);
    }
  }
}

/** Each row cut down to the visible columns' cells. Unknown column ids are skipped. */
export function projectRows(
  kind: RecordKind,
  rows: readonly RecordRow[],
  cols: readonly string[],
  lookups: RowLookups,
  customFields: readonly TableCustomField[] = [],
): TableRow[] {
  const byId = new Map(columnsFor(kind, customFields).map((c) => [c.id, c]));
  const visible = cols.map((id) => byId.get(id)).filter((c): c is TableColumn => !!c);
  const customs = new Map(customFields.map((f) => [f.key, f]));
  const withStage = visible.some((c) => c.kind === "stage");
  return rows.map((row) => ({
    id: row.id,
    cells: Object.fromEntries(visible.map((c) => [c.id, cell(kind, c, row, lookups, customs)])),
    ...(withStage && typeof row.stageId === "string" ? { stageId: row.stageId } : {}),
  }));
}
