// CSV export of a table selection (ids) or of everything matching the table's search and
// filter, streamed page by page (keyset, 200 rows a page) so memory stays flat however
// many rows match. Everything that can be refused (sort, filter, columns) is checked
// before the first byte, so a bad request is a 4xx and never a truncated file.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { listRecords, parseSort } from "@/lib/records/queries";
import { RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { columnsFor, parseColumns, type TableColumn } from "@/lib/views/columns";
import { emptyLookups, lookupIdsOf, projectRows } from "@/lib/views/project";
import { filterWhere, loadLookups, tableCustomFields } from "@/lib/views/table-query";
import { rowsToCsv } from "./csv";
import { log } from "@/lib/log";
import { appendAudit } from "@/lib/audit/write";

export const EXPORT_PAGE_SIZE = 200;

export type ExportSelection = { ids: string[] } | { all: true; q?: string | null; filter?: unknown };

export interface ExportRequest {
  selection: ExportSelection;
  sort?: string | null;
  /** Visible column ids (`cols=`); null = the kind's defaults. */
  cols?: string | readonly string[] | null;
}

/** Validates the request and returns the CSV as a stream of UTF-8 bytes (with a BOM, for spreadsheets). */
export async function exportCsv(ctx: TenantContext, kind: RecordKind, req: ExportRequest): Promise<ReadableStream<Uint8Array>> {
  const customFields = await tableCustomFields(ctx, kind);
  const cols = parseColumns(kind, req.cols ?? null, customFields);
  const byId = new Map(columnsFor(kind, customFields).map((c) => [c.id, c]));
  const columns = cols.map((id) => byId.get(id)).filter((c): c is TableColumn => !!c);
  if (req.sort) parseSort(kind, req.sort);
  let where: SQL | undefined;
  let q: string | null = null;
  if ("ids" in req.selection) {
    const ids = req.selection.ids.filter((id) => isUuid(id));
    where = ids.length > 0 ? sql`${tableOf(RECORD_KINDS[kind]).id} = any(${`{${ids.join(",")}}`}::uuid[])` : sql`false`;
  } else {
    where = filterWhere(ctx, kind, req.selection.filter, customFields);
    q = req.selection.q ?? null;
  }
  // recorded once the request is known to be valid, before the first byte
  const what = "ids" in req.selection ? { ids: req.selection.ids.length } : { q, filter: req.selection.filter ?? null };
  await withTenant(ctx, (tx) => appendAudit(tx, ctx, { action: "export", recordType: kind, changes: { format: "csv", ...what, columns: cols } }));

  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const page = await listRecords(ctx, kind, { limit: EXPORT_PAGE_SIZE, cursor, sort: req.sort, q, where });
        const needed = lookupIdsOf(page.data, cols);
        const lookups = needed.users.length + needed.groups.length + needed.companies.length + needed.stages.length > 0 ? await withTenant(ctx, (tx) => loadLookups(tx, ctx.tenantId, page.data, cols)) : emptyLookups();
        const text = rowsToCsv(columns, projectRows(kind, page.data, cols, lookups, customFields), first);
        controller.enqueue(encoder.encode(first ? `\ufeff${text}` : text));
        first = false;
        cursor = page.nextCursor;
        if (!cursor) controller.close();
      } catch (err) {
        log.error({ err }, "export: failed mid-stream");
        controller.error(err);
      }
    },
  });
}

/** `contacts-2026-11-22.csv` */
export function exportFileName(kind: RecordKind, now = new Date()): string {
  return `${RECORD_KINDS[kind].collection}-${now.toISOString().slice(0, 10)}.csv`;
}
