// Imports: upload (the file's rows kept in import_rows), mapping, start and undo (the
// worker runs them: run.ts), reads, the error file and a preview. Each is one withTenant
// transaction; the upload's too, so a file refused half-way (too large, not UTF-8) leaves
// nothing behind.
import "server-only";
import { and, asc, desc, eq, gt, lt, or, sql } from "drizzle-orm";
import Papa from "papaparse";
import { importRows, imports, lists, tenantUsers, type Import } from "@/db/schema";
import { appendAudit } from "@/lib/audit/write";
import { assertCan } from "@/lib/auth/permissions";
import { definitionsOf } from "@/lib/custom-fields/service";
import { AppError, notFound, validationError, type ValidationIssue } from "@/lib/errors";
import { FORMULA_START } from "@/lib/export/csv";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { badCursor } from "@/lib/api/cursor";
import { importFields, matchKeys, SPECIAL, suggestMapping, type ImportKind } from "./fields";
import { readCsv } from "./parse";
import { insertValues } from "@/lib/records/record-set";
import { importPatchSchema, type ImportJson, type ImportPatch } from "./schemas";
import { writeRows } from "./write-rows";

const INSERT_CHUNK = 1000;
const SAMPLE_ROWS = 20;
const SAMPLES = 3;
export const PREVIEW_ROWS = 10;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function loadImport(tx: Tx, ctx: TenantContext, id: string, lock = false): Promise<Import> {
  if (!isUuid(id)) throw notFound("Import");
  const q = tx.select().from(imports).where(and(eq(imports.tenantId, ctx.tenantId), eq(imports.id, id)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw notFound("Import");
  return row;
}

async function columnsOf(tx: Tx, ctx: TenantContext, imp: Import): Promise<ImportJson["columns"]> {
  const first = await tx
    .select({ cells: importRows.cells })
    .from(importRows)
    .where(and(eq(importRows.tenantId, ctx.tenantId), eq(importRows.importId, imp.id), sql`${importRows.rowNo} <= ${SAMPLE_ROWS}`))
    .orderBy(asc(importRows.rowNo));
  const kind = imp.objectType as ImportKind;
  const suggested = suggestMapping(imp.headers, kind, importFields(kind, await definitionsOf(tx, ctx.tenantId, kind)));
  return imp.headers.map((header, i) => ({
    header,
    samples: [...new Set(first.map((r) => (r.cells[i] ?? "").trim()).filter(Boolean))].slice(0, SAMPLES),
    suggestedField: suggested[i] ?? null,
  }));
}

function toJson(imp: Import, columns: ImportJson["columns"]): ImportJson {
  return {
    id: imp.id,
    objectType: imp.objectType as ImportKind,
    status: imp.status,
    fileName: imp.fileName,
    rowCount: imp.rowCount,
    columns,
    mapping: imp.mapping,
    mode: imp.mode,
    matchOn: imp.matchOn,
    tags: imp.tags,
    listId: imp.listId,
    ownedByUserId: imp.defaultOwnerUserId,
    processed: imp.processed,
    created: imp.created,
    updated: imp.updated,
    skipped: imp.skipped,
    failed: imp.failed,
    undone: imp.undoneRows,
    error: imp.error,
    conflicts: imp.conflicts,
    createdAt: imp.createdAt.toISOString(),
    startedAt: iso(imp.startedAt),
    finishedAt: iso(imp.finishedAt),
    undoneAt: iso(imp.undoneAt),
  };
}

/** Reads a CSV body into a new import (status MAPPING), its mapping set to the suggestions. */
export async function uploadImport(ctx: TenantContext, kind: ImportKind, body: AsyncIterable<Uint8Array>, fileName?: string | null): Promise<ImportJson> {
  assertCan(ctx.actor.role, "records.write");
  return withTenant(ctx, async (tx) => {
    let imp: Import | undefined;
    let pending: { tenantId: string; importId: string; rowNo: number; cells: string[] }[] = [];
    let rowNo = 0;
    // one insert in flight while the next rows are parsed (Postgres writes as the file is read)
    let inflight: Promise<void> = Promise.resolve();
    const flush = async () => {
      await inflight;
      if (pending.length) {
        inflight = insertValues(tx, importRows, pending);
        inflight.catch(() => {}); // awaited at the next flush; marked handled meanwhile
      }
      pending = [];
    };
    for await (const cells of readCsv(body, async ({ headers, delimiter }) => {
      const fields = importFields(kind, await definitionsOf(tx, ctx.tenantId, kind));
      const suggested = suggestMapping(headers, kind, fields);
      const mapping = Object.fromEntries(headers.map((h, i) => [h, suggested[i] ?? null]));
      const keys = matchKeys(kind);
      // a file with our record ids (an export of ours) updates those records, and creates the rest
      const byId = suggested.includes(SPECIAL.id);
      [imp] = await tx
        .insert(imports)
        .values({
          tenantId: ctx.tenantId, objectType: kind, headers, delimiter, mapping, fileName: fileName ?? null,
          ...(byId ? { mode: "UPSERT" as const, matchOn: SPECIAL.id } : { matchOn: keys[0] ?? null }),
          createdByUserId: ctx.actor.userId,
        })
        .returning();
    })) {
      pending.push({ tenantId: ctx.tenantId, importId: imp!.id, rowNo: ++rowNo, cells });
      if (pending.length >= INSERT_CHUNK) await flush();
    }
    await flush();
    await inflight;
    const [done] = await tx.update(imports).set({ rowCount: rowNo }).where(and(eq(imports.tenantId, ctx.tenantId), eq(imports.id, imp!.id))).returning();
    return toJson(done!, await columnsOf(tx, ctx, done!));
  });
}

/** The import's settings checked together (on PATCH and again at start). */
async function checkSettings(tx: Tx, ctx: TenantContext, imp: Import): Promise<void> {
  const kind = imp.objectType as ImportKind;
  const custom = await definitionsOf(tx, ctx.tenantId, kind);
  const fields = new Set(importFields(kind, custom).map((f) => f.path));
  const issues: ValidationIssue[] = [];
  const used = new Map<string, string>();
  for (const [header, path] of Object.entries(imp.mapping)) {
    if (!imp.headers.includes(header)) issues.push({ path: `mapping.${header}`, message: "is not a column of the file" });
    if (!path) continue;
    if (!fields.has(path)) issues.push({ path: `mapping.${header}`, message: `${path} is not a field of ${kind.toLowerCase()}s` });
    else if (path !== SPECIAL.tags && used.has(path)) issues.push({ path: `mapping.${header}`, message: `${path} is already mapped from “${used.get(path)}”` });
    used.set(path, header);
  }
  if (imp.mode !== "CREATE") {
    if (!imp.matchOn || !matchKeys(kind, custom).includes(imp.matchOn)) issues.push({ path: "matchOn", message: `must be one of ${matchKeys(kind, custom).join(", ")}` });
    else if (!used.has(imp.matchOn)) issues.push({ path: "matchOn", message: `map a column to ${imp.matchOn} to match rows on it` });
  }
  if (imp.listId) {
    const [list] = await tx.select().from(lists).where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, imp.listId)));
    if (!list) issues.push({ path: "listId", message: "is not a list of this workspace" });
    else if (list.objectType !== kind) issues.push({ path: "listId", message: `is a list of ${list.objectType.toLowerCase()}s` });
    else if (list.processingType !== "STATIC") issues.push({ path: "listId", message: "is a dynamic list: its members follow its filter" });
  }
  if (imp.defaultOwnerUserId) {
    const [m] = await tx.select({ id: tenantUsers.userId }).from(tenantUsers).where(and(eq(tenantUsers.tenantId, ctx.tenantId), eq(tenantUsers.userId, imp.defaultOwnerUserId), eq(tenantUsers.isActive, true)));
    if (!m) issues.push({ path: "ownedByUserId", message: "is not an active member of this workspace" });
  }
  if (issues.length) throw validationError(issues);
}

const notMapping = (imp: Import) => new AppError("conflict", `The import is ${imp.status.toLowerCase()}: its settings can change only before it starts`);

export async function updateImport(ctx: TenantContext, id: string, input: ImportPatch): Promise<ImportJson> {
  assertCan(ctx.actor.role, "records.write");
  const patch = importPatchSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const imp = await loadImport(tx, ctx, id, true);
    if (imp.status !== "MAPPING") throw notMapping(imp);
    const next: Import = {
      ...imp,
      ...(patch.mapping ? { mapping: Object.fromEntries(imp.headers.map((h) => [h, h in patch.mapping! ? patch.mapping![h]! : imp.mapping[h] ?? null])) } : {}),
      ...(patch.mode ? { mode: patch.mode } : {}),
      ...(patch.matchOn !== undefined ? { matchOn: patch.matchOn } : {}),
      ...(patch.tags ? { tags: patch.tags } : {}),
      ...(patch.listId !== undefined ? { listId: patch.listId } : {}),
      ...(patch.ownedByUserId !== undefined ? { defaultOwnerUserId: patch.ownedByUserId } : {}),
    };
    for (const h of Object.keys(patch.mapping ?? {})) if (!imp.headers.includes(h)) throw validationError([{ path: `mapping.${h}`, message: "is not a column of the file" }]);
    await checkSettings(tx, ctx, next);
    const [row] = await tx
      .update(imports)
      .set({ mapping: next.mapping, mode: next.mode, matchOn: next.matchOn, tags: next.tags, listId: next.listId, defaultOwnerUserId: next.defaultOwnerUserId })
      .where(and(eq(imports.tenantId, ctx.tenantId), eq(imports.id, id)))
      .returning();
    return toJson(row!, await columnsOf(tx, ctx, row!));
  });
}

/** Queues the import for the worker (the table's trigger adds its job), as the starting user, source IMPORT. */
export async function startImport(ctx: TenantContext, id: string): Promise<ImportJson> {
  assertCan(ctx.actor.role, "records.write");
  return withTenant(ctx, async (tx) => {
    const imp = await loadImport(tx, ctx, id, true);
    if (imp.status !== "MAPPING") throw new AppError("conflict", `The import is already ${imp.status.toLowerCase()}`);
    await checkSettings(tx, ctx, imp);
    const actor = { kind: ctx.actor.kind, userId: ctx.actor.userId, role: ctx.actor.role, ...(ctx.actor.apiKeyId ? { apiKeyId: ctx.actor.apiKeyId } : {}) };
    const [row] = await tx
      .update(imports)
      .set({ status: "QUEUED", actor, startedAt: sql`now()`, heartbeatAt: sql`now()` })
      .where(and(eq(imports.tenantId, ctx.tenantId), eq(imports.id, id)))
      .returning();
    await appendAudit(tx, ctx, { action: "import.started", changes: { importId: id, objectType: imp.objectType, rowCount: imp.rowCount, mode: imp.mode, fileName: imp.fileName } });
    return toJson(row!, await columnsOf(tx, ctx, row!));
  });
}

/** Queues the undo of a finished import: its created records deleted, its overwritten values put back. */
export async function undoImport(ctx: TenantContext, id: string): Promise<ImportJson> {
  assertCan(ctx.actor.role, "records.write");
  return withTenant(ctx, async (tx) => {
    const imp = await loadImport(tx, ctx, id, true);
    if (imp.status !== "SUCCEEDED" && imp.status !== "FAILED") throw new AppError("conflict", `The import is ${imp.status.toLowerCase()}: only a finished import can be undone`);
    const actor = { kind: ctx.actor.kind, userId: ctx.actor.userId, role: ctx.actor.role, ...(ctx.actor.apiKeyId ? { apiKeyId: ctx.actor.apiKeyId } : {}) };
    const [row] = await tx
      .update(imports)
      .set({ status: "UNDOING", actor, heartbeatAt: sql`now()` })
      .where(and(eq(imports.tenantId, ctx.tenantId), eq(imports.id, id)))
      .returning();
    await appendAudit(tx, ctx, { action: "import.undone", changes: { importId: id, objectType: imp.objectType, created: imp.created, updated: imp.updated } });
    return toJson(row!, await columnsOf(tx, ctx, row!));
  });
}

export async function getImport(ctx: TenantContext, id: string): Promise<ImportJson> {
  return withTenant(ctx, async (tx) => {
    const imp = await loadImport(tx, ctx, id);
    return toJson(imp, await columnsOf(tx, ctx, imp));
  });
}

const encodeCursor = (imp: Import) => Buffer.from(JSON.stringify([imp.createdAt.toISOString(), imp.id])).toString("base64url");
function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string];
    if (typeof at === "string" && !Number.isNaN(Date.parse(at)) && isUuid(id)) return [at, id];
  } catch {
    // falls through
  }
  throw badCursor();
}

/** Imports newest first (keyset pages); `columns` left empty in the list. */
export async function listImports(ctx: TenantContext, opts: { limit?: number; cursor?: string } = {}): Promise<{ data: ImportJson[]; nextCursor: string | null }> {
  const limit = opts.limit ?? 50;
  const after = opts.cursor ? decodeCursor(opts.cursor) : null;
  return withTenant(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(imports)
      .where(and(eq(imports.tenantId, ctx.tenantId), after ? or(lt(imports.createdAt, new Date(after[0])), and(eq(imports.createdAt, new Date(after[0])), lt(imports.id, after[1]))) : undefined))
      .orderBy(desc(imports.createdAt), desc(imports.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    return { data: page.map((r) => toJson(r, [])), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null };
  });
}

/**
 * The failed rows as uploaded, with `row` and `error` columns, as CSV text chunks (pages of
 * rows, so a large error file never sits in memory whole).
 */
export async function* importErrorsCsv(ctx: TenantContext, id: string): AsyncGenerator<string> {
  const imp = await withTenant(ctx, (tx) => loadImport(tx, ctx, id));
  const fields = [...imp.headers, "row", "error"];
  const opts = { newline: "\r\n", escapeFormulae: FORMULA_START, delimiter: imp.delimiter };
  yield `${Papa.unparse([fields], opts)}\r\n`;
  let last = 0;
  for (;;) {
    const page = await withTenant(ctx, (tx) =>
      tx
        .select({ rowNo: importRows.rowNo, cells: importRows.cells, error: importRows.error })
        .from(importRows)
        .where(and(eq(importRows.tenantId, ctx.tenantId), eq(importRows.importId, id), eq(importRows.outcome, "FAILED"), gt(importRows.rowNo, last)))
        .orderBy(asc(importRows.rowNo))
        .limit(5000),
    );
    if (!page.length) return;
    last = page[page.length - 1]!.rowNo;
    const data = page.map((r) => [...imp.headers.map((_, i) => r.cells[i] ?? ""), String(r.rowNo), r.error ?? ""]);
    yield `${Papa.unparse({ fields, data }, { ...opts, header: false })}\r\n`;
  }
}

class Rollback extends Error {
  constructor(readonly value: unknown) {
    super("rollback");
  }
}

/** The first rows written as the import would write them, then rolled back: what each would become, or its error. */
export async function previewImport(ctx: TenantContext, id: string): Promise<{ row: number; outcome: string; error: string | null }[]> {
  assertCan(ctx.actor.role, "records.write");
  try {
    await withTenant({ ...ctx, actor: { ...ctx.actor, source: "IMPORT" } }, async (tx) => {
      const imp = await loadImport(tx, ctx, id);
      const rows = await tx
        .select({ rowNo: importRows.rowNo, cells: importRows.cells })
        .from(importRows)
        .where(and(eq(importRows.tenantId, ctx.tenantId), eq(importRows.importId, id)))
        .orderBy(asc(importRows.rowNo))
        .limit(PREVIEW_ROWS);
      const out = await writeRows(tx, { ...ctx, actor: { ...ctx.actor, source: "IMPORT" } }, imp, rows);
      throw new Rollback(out.map((o) => ({ row: o.rowNo, outcome: o.outcome, error: o.error })));
    });
  } catch (err) {
    if (err instanceof Rollback) return err.value as { row: number; outcome: string; error: string | null }[];
    throw err;
  }
  return [];
}

