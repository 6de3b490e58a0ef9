// The worker's side of an import (graphile-worker task `run_import`, queued by the imports
// table's trigger on QUEUED and UNDOING): the rows in batches, each batch one transaction
// that claims its rows, writes their records (write-rows.ts), their outcomes and the
// counters together — so a worker killed mid-import resumes with the rows that have no
// outcome and writes no row twice (runRows: two batches write at once). The undo likewise: created records deleted, overwritten values put back unless
// changed since (those are listed as conflicts).
import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { importRows, imports, type Import, type ImportRow } from "@/db/schema";
import { log } from "@/lib/log";
import { RECORD_KINDS, updateSchemaOf } from "@/lib/records/registry";
import { deleteRecordsIn, lockLiveRecords, updateRecordIn, type RecordRow } from "@/lib/records/service";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import type { ImportKind } from "./fields";
import { moveToStageId, onlyRows, overlap, prepareRows, rowErrorText, writePrepared, type PreparedRows, type RowOut } from "./write-rows";

/** Rows per transaction. */
export const BATCH_ROWS = 1000;
/** A RUNNING or UNDOING import whose batches stopped for this long is queued again. */
export const STALE_AFTER = "2 minutes";
export const IMPORTS_CRONTAB = "* * * * * imports_sweep";

/** The user (or key) who started the import or its undo, writing with source IMPORT. */
function actorCtx(imp: Import): TenantContext {
  const a = imp.actor;
  if (!a) return { tenantId: imp.tenantId, actor: systemActor("IMPORT") };
  return { tenantId: imp.tenantId, actor: { kind: a.kind, userId: a.userId, role: a.role, source: "IMPORT", ...(a.apiKeyId ? { apiKeyId: a.apiKeyId } : {}) } };
}

async function lockImport(tx: Tx, tenantId: string, id: string): Promise<Import | undefined> {
  const [row] = await tx.select().from(imports).where(and(eq(imports.tenantId, tenantId), eq(imports.id, id))).for("update");
  return row;
}

export async function runImport(tenantId: string, importId: string): Promise<void> {
  const sys: TenantContext = { tenantId, actor: systemActor("IMPORT") };
  const imp = await withTenant(sys, async (tx) => {
    const row = await lockImport(tx, tenantId, importId);
    if (row?.status !== "QUEUED") return row;
    const [running] = await tx.update(imports).set({ status: "RUNNING", heartbeatAt: sql`now()` }).where(and(eq(imports.tenantId, tenantId), eq(imports.id, importId))).returning();
    return running;
  });
  if (imp?.status === "RUNNING") await runRows(imp);
  else if (imp?.status === "UNDOING") await loop(imp, undoBatch);
}

/** Batches until one says it is done; an error no row can be blamed for fails the import (its reason kept). */
async function loop(imp: Import, batch: (tx: Tx, ctx: TenantContext, imp: Import) => Promise<boolean>): Promise<void> {
  const ctx = actorCtx(imp);
  try {
    for (;;) {
      const done = await withTenant(ctx, async (tx) => {
        const cur = await lockImport(tx, imp.tenantId, imp.id);
        if (!cur || cur.status !== imp.status) return true;
        return batch(tx, ctx, cur);
      });
      if (done) return;
    }
  } catch (err) {
    await stopped(imp, err);
  }
}

/** An error no row can be blamed for: the import fails (the undo ends), its reason kept. */
async function stopped(imp: Import, err: unknown): Promise<void> {
  log.error({ err, importId: imp.id }, "import stopped");
  await withTenant({ tenantId: imp.tenantId, actor: systemActor("IMPORT") }, (tx) =>
    tx
      .update(imports)
      .set({ status: imp.status === "UNDOING" ? "SUCCEEDED" : "FAILED", error: `${imp.status === "UNDOING" ? "The undo stopped" : "The import stopped"}: ${rowErrorText(err)}`, finishedAt: sql`coalesce(${imports.finishedAt}, now())` })
      .where(and(eq(imports.tenantId, imp.tenantId), eq(imports.id, imp.id))),
  );
}

const where = (imp: Import) => and(eq(importRows.tenantId, imp.tenantId), eq(importRows.importId, imp.id));

async function saveOutcomes(tx: Tx, imp: Import, out: RowOut[]): Promise<void> {
  const json = JSON.stringify(out.map((o) => ({ row_no: o.rowNo, outcome: o.outcome, record_id: o.recordId, error: o.error, previous: o.previous, written: o.written })));
  await tx.execute(sql`update ${importRows} r set outcome = v.outcome, record_id = v.record_id, error = v.error, previous = v.previous, written = v.written
    from jsonb_to_recordset(${json}::jsonb) as v(row_no int, outcome text, record_id uuid, error text, previous jsonb, written jsonb)
    where r.tenant_id = ${imp.tenantId} and r.import_id = ${imp.id} and r.row_no = v.row_no`);
}

/**
 * Batches of a run writing at once, each in its own transaction (a connection each). Leads
 * and deals one at a time: the cards a batch creates take their stage's top positions, read
 * from the stage as it is (positionsAtTop), which a batch writing beside it would take too.
 */
export const IN_FLIGHT = 2;
const inFlight = (imp: Import) => (RECORD_KINDS[imp.objectType as ImportKind].pipelineObjectType ? 1 : IN_FLIGHT);

/** The import is no longer RUNNING (another worker finished it, or it failed): the run ends. */
class NotRunning extends Error {}

interface Batch {
  prepared: PreparedRows;
  /** The keys it created (matchOn value → id), once committed. */
  done: Promise<Map<string, string>>;
  settled: boolean;
}

/** Rows first..first + BATCH_ROWS - 1 not yet written, read and planned (nothing written), or null when none are. */
interface Ahead {
  read: Promise<PreparedRows | null>;
  /** The batches that had not committed when the rows were read (their creates were not seen). */
  missed: Batch[];
}

/**
 * A run: the file in batches of BATCH_ROWS rows, in file order. Each batch is one
 * transaction that claims its rows (FOR UPDATE, those without an outcome: a row another
 * worker wrote meanwhile is left out), writes their records (write-rows.ts), their
 * outcomes and the counters — so a worker killed mid-import resumes with the rows that
 * have no outcome and writes no row twice. Up to IN_FLIGHT batches write at once, and
 * the next one is read and planned while they do; a batch that shares a match key or a
 * record with one still writing waits for it, and is given the keys it created (its own
 * reads could not see them), so a later row of the file with an earlier row's key updates
 * that row's record, as in file order.
 */
async function runRows(imp: Import): Promise<void> {
  const ctx = actorCtx(imp);
  const batches: Batch[] = [];
  const failure: { err?: unknown; failed?: true } = {};
  const unsettled = () => batches.filter((b) => !b.settled);
  const readAhead = (first: number): Ahead => {
    const read = withTenant(ctx, async (tx) => {
      const rows = await tx
        .select({ rowNo: importRows.rowNo, cells: importRows.cells })
        .from(importRows)
        .where(and(where(imp), sql`${importRows.rowNo} between ${first} and ${first + BATCH_ROWS - 1}`, isNull(importRows.outcome)))
        .orderBy(asc(importRows.rowNo));
      return rows.length ? prepareRows(tx, ctx, imp, rows) : null;
    });
    read.catch(() => {}); // its error is the loop's, when it gets there
    return { read, missed: unsettled() };
  };
  try {
    let next = readAhead(1);
    for (let first = 1; first <= imp.rowCount; first += BATCH_ROWS) {
      const ahead = next;
      const prepared = await ahead.read;
      if (first + BATCH_ROWS <= imp.rowCount) next = readAhead(first + BATCH_ROWS);
      if (!prepared) continue; // every row of these written already (a resumed import)
      while (unsettled().length >= inFlight(imp)) await Promise.race(unsettled().map((b) => b.done.catch(() => {})));
      if (failure.failed) throw failure.err; // an earlier batch failed: the run stops
      const earlier = [...new Set([...ahead.missed, ...unsettled()])];
      const batch: Batch = { prepared, done: writeBatch(ctx, imp, prepared, earlier), settled: false };
      batch.done.then(
        () => (batch.settled = true),
        (err: unknown) => {
          batch.settled = true;
          if (!failure.failed) Object.assign(failure, { failed: true, err });
        },
      );
      // settled batches are kept only while a read ahead may name them (missed)
      for (let i = batches.length - 1; i >= 0; i--) if (batches[i]!.settled && !next.missed.includes(batches[i]!)) batches.splice(i, 1);
      batches.push(batch);
    }
    await Promise.allSettled(batches.map((b) => b.done));
    if (failure.failed) throw failure.err;
    await withTenant(ctx, (tx) =>
      tx
        .update(imports)
        .set({ status: "SUCCEEDED", finishedAt: sql`now()`, heartbeatAt: sql`now()` })
        .where(and(eq(imports.tenantId, imp.tenantId), eq(imports.id, imp.id), eq(imports.status, "RUNNING"))),
    );
  } catch (err) {
    await Promise.allSettled(batches.map((b) => b.done));
    if (!(err instanceof NotRunning)) await stopped(imp, err);
  }
}

/** One batch's transaction: its rows claimed, written, their outcomes and the counters. Answers the keys it created. */
async function writeBatch(ctx: TenantContext, imp: Import, prepared: PreparedRows, earlier: readonly Batch[]): Promise<Map<string, string>> {
  const carried = new Map<string, string>();
  for (const b of earlier) {
    if (!overlap(b.prepared, prepared)) continue;
    for (const [k, id] of await b.done) carried.set(k, id);
  }
  return withTenant(ctx, async (tx) => {
    const [cur] = await tx.select({ status: imports.status }).from(imports).where(and(eq(imports.tenantId, imp.tenantId), eq(imports.id, imp.id)));
    if (cur?.status !== "RUNNING") throw new NotRunning();
    const rowNos = prepared.rows.map((r) => r.rowNo);
    const claimed = await tx
      .select({ rowNo: importRows.rowNo })
      .from(importRows)
      .where(and(where(imp), sql`${importRows.rowNo} between ${rowNos[0]} and ${rowNos.at(-1)}`, isNull(importRows.outcome)))
      .orderBy(asc(importRows.rowNo))
      .for("update");
    if (!claimed.length) return new Map<string, string>();
    const { out, created } = await writePrepared(tx, ctx, imp, onlyRows(prepared, new Set(claimed.map((c) => c.rowNo))), carried);
    const n = (o: RowOut["outcome"]) => out.filter((r) => r.outcome === o).length;
    // the outcomes and the counters go out together (one round trip)
    const [, counted] = await Promise.all([
      saveOutcomes(tx, imp, out),
      tx
        .update(imports)
        .set({
          processed: sql`${imports.processed} + ${out.length}`,
          created: sql`${imports.created} + ${n("CREATED")}`,
          updated: sql`${imports.updated} + ${n("UPDATED")}`,
          skipped: sql`${imports.skipped} + ${n("SKIPPED")}`,
          failed: sql`${imports.failed} + ${n("FAILED")}`,
          heartbeatAt: sql`now()`,
        })
        .where(and(eq(imports.tenantId, imp.tenantId), eq(imports.id, imp.id), eq(imports.status, "RUNNING")))
        .returning({ id: imports.id }),
    ]);
    if (!counted.length) throw new NotRunning();
    return created;
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const CUSTOM = "customFields.";

function currentValue(record: RecordRow, field: string): unknown {
  if (field.startsWith(CUSTOM)) return ((record.customFields ?? {}) as Record<string, unknown>)[field.slice(CUSTOM.length)];
  return record[field];
}

/** The next rows to undo: created records deleted, updated ones put back field by field. */
async function undoBatch(tx: Tx, ctx: TenantContext, imp: Import): Promise<boolean> {
  const kind = imp.objectType as ImportKind;
  const rows = await tx
    .select()
    .from(importRows)
    .where(and(where(imp), inArray(importRows.outcome, ["CREATED", "UPDATED"]), eq(importRows.undone, false)))
    .orderBy(asc(importRows.rowNo))
    .limit(BATCH_ROWS);
  if (!rows.length) {
    await tx.update(imports).set({ status: "UNDONE", undoneAt: sql`now()`, heartbeatAt: sql`now()` }).where(and(eq(imports.tenantId, imp.tenantId), eq(imports.id, imp.id)));
    return true;
  }
  const created = rows.filter((r) => r.outcome === "CREATED" && r.recordId).map((r) => r.recordId!);
  if (created.length) await deleteRecordsIn(tx, ctx, kind, created);
  const conflicts: { recordId: string; field: string }[] = [];
  const updated = rows.filter((r) => r.outcome === "UPDATED" && r.recordId && r.written && Object.keys(r.written).length);
  const live = new Map((await lockLiveRecords(tx, ctx, kind, updated.map((r) => r.recordId!))).map((r) => [r.id, r]));
  for (const row of updated) conflicts.push(...(await restoreRow(tx, ctx, kind, row, live.get(row.recordId!))));
  await tx
    .update(importRows)
    .set({ undone: true })
    .where(and(where(imp), inArray(importRows.rowNo, rows.map((r) => r.rowNo))));
  await tx
    .update(imports)
    .set({
      undoneRows: sql`${imports.undoneRows} + ${rows.length}`,
      conflicts: sql`${imports.conflicts} || ${JSON.stringify(conflicts)}::jsonb`,
      heartbeatAt: sql`now()`,
    })
    .where(and(eq(imports.tenantId, imp.tenantId), eq(imports.id, imp.id)));
  return false;
}

/**
 * Puts back the values one updated row overwrote, each only if the record still holds what
 * the import wrote; returns the fields it left (changed since, or the record is gone).
 */
async function restoreRow(tx: Tx, ctx: TenantContext, kind: ImportKind, row: ImportRow, record: RecordRow | undefined): Promise<{ recordId: string; field: string }[]> {
  const recordId = row.recordId!;
  const written = row.written ?? {};
  const previous = row.previous ?? {};
  if (!record) return Object.keys(written).map((field) => ({ recordId, field }));
  const conflicts: { recordId: string; field: string }[] = [];
  const patch: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  let stageId: string | null = null;
  for (const [field, wrote] of Object.entries(written)) {
    if (!same(currentValue(record, field), wrote)) conflicts.push({ recordId, field });
    else if (field === "stageId") stageId = previous.stageId as string;
    else if (field.startsWith(CUSTOM)) custom[field.slice(CUSTOM.length)] = previous[field] ?? null;
    else patch[field] = previous[field] ?? null;
  }
  if (Object.keys(custom).length) patch.customFields = custom;
  try {
    await tx.transaction(async (sp) => {
      if (Object.keys(patch).length) {
        const data = updateSchemaOf(RECORD_KINDS[kind]).parse(patch) as Record<string, unknown>;
        record = await updateRecordIn(sp, ctx, kind, record!, data);
      }
      if (stageId) await moveToStageId(sp, ctx, kind as "LEAD" | "DEAL", record!, stageId);
    });
  } catch (err) {
    // what the services refuse now (a move the rules forbid, a value no longer valid) stays, and is listed
    log.warn({ importId: row.importId, recordId, error: rowErrorText(err) }, "import undo left a record's values");
    return Object.keys(written).map((field) => ({ recordId, field }));
  }
  return conflicts;
}

/** The cron's sweep: imports whose worker stopped mid-way are queued again. */
export async function sweepImports(): Promise<number> {
  const [row] = (await db().execute(sql`select requeue_stalled_imports(${STALE_AFTER}::interval) as n`)) as unknown as { n: number }[];
  return row?.n ?? 0;
}
