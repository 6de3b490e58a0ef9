// The one write path for companies, contacts, leads, deals and tickets: every change
// runs in withTenant, writes its audit row (record_changes) and its domain event in the
// same transaction. Stage changes are not made here: they go through moveRecord.
import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { recordChanges, stageHistory } from "@/db/schema";
import { AppError, findPgError, forbidden, isUniqueViolation, notFound, validationError } from "@/lib/errors";
import { emitEvents } from "@/lib/events/emit";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { randomUUID } from "node:crypto";
import { readRecordById } from "./by-id";
import { columnName, insertRows, insertValues, recordSet } from "./record-set";
import { resolvePlacement, type Placement } from "./pipeline-placement";
import { positionsAtTop } from "@/lib/pipelines/position";
import { dealStatusFor } from "@/lib/pipelines/rules";
import { columnOf, isDuplicateKey, RECORD_KINDS, tableOf, updateSchemaOf, type RecordKind, type RecordKindDef } from "./registry";
import { contactHasIdentity } from "./schemas";
import { customFieldsChecker } from "@/lib/custom-fields/service";
import { ensureTags } from "@/lib/tags/service";
import { emailHash, erasedAmong } from "@/lib/privacy/suppression";
import { assignBeforeInsert, routeNewRecord, rulesFor, type EarlyAssignment } from "@/lib/assignment/assign";
import { scoreIsComputed, scoreNotWritable } from "@/lib/scoring/service";

export type RecordRow = Record<string, unknown> & { id: string; tenantId: string; createdAt: Date; updatedAt: Date; deletedAt: Date | null };


/** Fields never shown to API clients. */
export function serializeRecord(row: RecordRow): Record<string, unknown> {
  const { tenantId: _t, deletedAt: _d, ...rest } = row;
  return Object.fromEntries(Object.entries(rest).filter(([k]) => !isDuplicateKey(k)));
}

function conflictFor(def: RecordKindDef, err: unknown): never {
  if (def.kind === "COMPANY" && isUniqueViolation(err, "companies_domain_key")) {
    throw new AppError("conflict", "Another company already uses this domain", { errors: [{ path: "domain", message: "is already used by another company" }] });
  }
  // RLS refused the row a write returns: it would leave the actor's read scope (access policy)
  if (findPgError(err)?.code === "42501") {
    throw forbidden(`This ${def.singular.toLowerCase()} would be outside what your role may see (Settings → Access): give it an owner in your scope`);
  }
  throw err;
}

async function loadForUpdate(tx: Tx, def: RecordKindDef, ctx: TenantContext, id: string): Promise<RecordRow> {
  const t = tableOf(def);
  const [row] = await tx
    .select()
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id), isNull(t.deletedAt)))
    .for("update");
  if (!row) {
    await refuseOutsideWriteScope(tx, def, ctx, [id]);
    throw notFound(def.singular);
  }
  return row as RecordRow;
}

/**
 * A lock (FOR UPDATE passes the write scope's RLS policy too) that missed live rows the
 * actor can read: they are outside the write scope, a 403 rather than a 404.
 */
async function refuseOutsideWriteScope(tx: Tx, def: RecordKindDef, ctx: TenantContext, ids: readonly string[]): Promise<void> {
  if (!ids.length || ctx.actor.kind === "system" || !ctx.actor.userId || ctx.actor.role === "admin") return;
  const t = tableOf(def);
  const readable = await tx
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, [...ids]), isNull(t.deletedAt)))
    .limit(1);
  if (readable.length) throw forbidden(`You may see this ${def.singular.toLowerCase()} but not change it: the access policy of your role limits what you may edit (Settings → Access)`);
}

/** Creates a record; with `opts.tx`, in the caller's transaction (a lead conversion creates its contact, company and deal in one). */
export async function createRecord(ctx: TenantContext, kind: RecordKind, input: unknown, opts: { tx?: Tx } = {}): Promise<RecordRow> {
  const def = RECORD_KINDS[kind];
  const data = parseCreateInput(kind, input);
  try {
    return await inTransaction(ctx, opts.tx, (tx) => createRecordIn(tx, ctx, kind, data));
  } catch (err) {
    conflictFor(def, err);
  }
}

/** A create body parsed by the kind's create schema (and a contact's identity rule). */
export function parseCreateInput(kind: RecordKind, input: unknown): Record<string, unknown> {
  const data = RECORD_KINDS[kind].createSchema.parse(input) as Record<string, unknown>;
  if (kind === "CONTACT" && !contactHasIdentity(data)) {
    throw validationError([{ path: "firstName", message: "a contact needs at least one of firstName, lastName, email" }]);
  }
  return data;
}

/** A write's database error as the AppError a client gets (a taken domain, a row outside the write scope); others rethrown. */
export const recordWriteError = (kind: RecordKind, err: unknown): never => conflictFor(RECORD_KINDS[kind], err);

/** createRecord in the caller's transaction, with `data` from parseCreateInput (createRecordsIn for one). */
export async function createRecordIn(tx: Tx, ctx: TenantContext, kind: RecordKind, data: Record<string, unknown>): Promise<RecordRow> {
  const [outcome] = await createRecordsIn(tx, ctx, kind, [data]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.row;
}

export type CreateOutcome = { ok: true; row: RecordRow } | { ok: false; error: AppError };

/**
 * The create of one record or many (set-based), in the caller's transaction, each `data`
 * from parseCreateInput. Each is checked on its own — an erased contact's email, custom
 * fields, its pipeline and stage — and one refused gets its error (the others go on);
 * the rest are written together: one INSERT, their first stage_history rows, their
 * record.created events, in the order given. createRecord and imports write through here.
 */
export async function createRecordsIn(tx: Tx, ctx: TenantContext, kind: RecordKind, datas: readonly Record<string, unknown>[]): Promise<CreateOutcome[]> {
  const def = RECORD_KINDS[kind];
  const out: CreateOutcome[] = new Array(datas.length);
  // what the checks read, sent together (postgres.js pipelines a transaction's queries: one round trip)
  const [erased, checkCustom, tagNames, scoreComputed, rules] = await Promise.all([
    kind === "CONTACT" ? erasedAmong(tx, ctx.tenantId, datas.map((d) => d.email)) : new Set<string>(),
    customFieldsChecker(tx, ctx.tenantId, kind),
    ensureTags(tx, ctx.tenantId, datas.flatMap((d) => (d.tags as string[] | undefined) ?? [])),
    datas.some((d) => d.score !== undefined) && scoreIsComputed(tx, ctx.tenantId, kind),
    // assignment rules (lib/assignment): a record created without an owner gets one
    datas.length && kind !== "COMPANY" ? rulesFor(tx, ctx.tenantId, kind) : [],
  ]);
  const spelled = new Map(tagNames.map((n) => [n.toLowerCase(), n]));
  const placements = new Map<string, Promise<Placement>>();
  const planned: { at: number; values: Record<string, unknown>; stageId?: string }[] = [];
  for (const [at, data] of datas.entries()) {
    try {
      if (typeof data.email === "string" && erased.has(emailHash(data.email))) throw validationError([{ path: "email", message: "erased contact" }]);
      if (scoreComputed && data.score !== undefined) throw scoreNotWritable();
      const custom = checkCustom(data.customFields as Record<string, unknown> | undefined);
      if (custom.issues.length) throw validationError(custom.issues);
      const values: Record<string, unknown> = { ...data, id: randomUUID(), tenantId: ctx.tenantId, createdByUserId: ctx.actor.userId, customFields: custom.values };
      if (!("ownedByUserId" in data) && !data.ownedByGroupId) values.ownedByUserId = ctx.actor.userId;
      if (data.tags) values.tags = [...new Map((data.tags as string[]).map((n) => n.trim()).filter(Boolean).map((n) => [n.toLowerCase(), spelled.get(n.toLowerCase()) ?? n])).values()];
      if (def.pipelineObjectType) {
        const key = `${String(data.pipelineId ?? "")}:${String(data.stageId ?? "")}`;
        if (!placements.has(key)) placements.set(key, resolvePlacement(tx, ctx.tenantId, def.pipelineObjectType, { pipelineId: data.pipelineId as string | undefined, stageId: data.stageId as string | undefined }));
        const place = await placements.get(key)!;
        Object.assign(values, { pipelineId: place.pipelineId, stageId: place.stageId, stageEnteredAt: NOW });
        if (kind === "DEAL") {
          values.forecastProbability ??= place.probability;
          values.status = dealStatusFor(place.stageState);
        }
      }
      planned.push({ at, values, stageId: values.stageId as string | undefined });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out[at] = { ok: false, error: err };
    }
  }
  if (def.pipelineObjectType) {
    const byStage = new Map<string, typeof planned>();
    for (const p of planned) byStage.set(p.stageId!, [...(byStage.get(p.stageId!) ?? []), p]);
    for (const [stageId, cards] of byStage) {
      const keys = await positionsAtTop(tx, kind, ctx.tenantId, stageId, cards.length);
      cards.forEach((c, i) => (c.values.position = keys[i]));
    }
  }
  // the owner an assignment rule gives goes in the INSERT when the first rule needs nothing
  // of the stored row, else routeNewRecord sets it right after
  const early: (EarlyAssignment | null)[] = [];
  if (rules.length && planned.length) for (const p of planned) early.push(await assignBeforeInsert(tx, ctx, kind, datas[p.at]!, p.values, rules));
  const table = tableOf(def);
  /** Written rows' first stage_history rows and record.created events (neither reads the other). */
  const recordCreated = (rows: RecordRow[]) =>
    Promise.all([
      def.pipelineObjectType && rows.length
        ? insertValues(
            tx,
            stageHistory,
            rows.map((row) => ({ tenantId: ctx.tenantId, entityType: kind, entityId: row.id, pipelineId: row.pipelineId, fromStageId: null, toStageId: row.stageId, changedByUserId: ctx.actor.userId, source: ctx.actor.source })),
          )
        : null,
      emitEvents(tx, ctx, rows.map((row) => ({ type: "record.created", entityType: kind, entityId: row.id, payload: { title: def.title(row), record: serializeRecord(row) } }))),
    ]);
  const chunks: (typeof planned)[] = [];
  for (let i = 0; i < planned.length; i += INSERT_CHUNK) chunks.push(planned.slice(i, i + INSERT_CHUNK));
  let written: RecordRow[];
  if (rules.length) {
    written = [];
    for (const chunk of chunks) written.push(...(await insertRows<RecordRow>(tx, table, chunk.map((p) => p.values))));
    for (const [i, p] of planned.entries()) written[i] = await routeNewRecord(tx, ctx, kind, written[i]!, datas[p.at]!, rules, early[i]);
    await recordCreated(written);
  } else {
    // the chunks go out without waiting for each other (one connection, in order): Postgres
    // writes one while the next is built and the one before is read back and its events made
    const parts = await Promise.all(
      chunks.map(async (chunk) => {
        const rows = await insertRows<RecordRow>(tx, table, chunk.map((p) => p.values));
        await recordCreated(rows);
        return rows;
      }),
    );
    written = parts.flat();
  }
  planned.forEach((p, i) => (out[p.at] = { ok: true, row: written[i]! }));
  return out;
}

/** The caller's transaction, or a new one for the tenant. */
const inTransaction = <T>(ctx: TenantContext, tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> => (tx ? fn(tx) : withTenant(ctx, fn));
/** Rows per INSERT of records (several go out together: createRecordsIn). */
const INSERT_CHUNK = 250;
/** The transaction's time, one SQL object for every row of an insert (insertRows). */
const NOW = sql`now()`;

export type Changes = Record<string, { from: unknown; to: unknown }>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** numeric columns, read back as text with their scale: "12500.00" and "12500" are one amount */
const DECIMAL_FIELDS = new Set(["amount", "annualRevenue", "forecastProbability"]);
const decimalText = (v: unknown) => {
  const t = typeof v === "number" ? String(v) : v;
  return typeof t === "string" && /^-?\d+\.\d*$/.test(t) ? t.replace(/0+$/, "").replace(/\.$/, "") : t;
};

/** What changed between two versions of a record, over `fields`; custom fields key by key ("customFields.budget"). */
export function diffRecord(before: Record<string, unknown>, after: Record<string, unknown>, fields: Iterable<string>): Changes {
  const changes: Changes = {};
  const diff = (key: string, from: unknown, to: unknown) => {
    const equal = DECIMAL_FIELDS.has(key) ? same(decimalText(from), decimalText(to)) : same(from, to);
    if (!equal) changes[key] = { from: from ?? null, to: to ?? null };
  };
  for (const k of fields) {
    if (k !== "customFields") {
      diff(k, before[k], after[k]);
      continue;
    }
    const was = (before.customFields ?? {}) as Record<string, unknown>;
    const now = (after.customFields ?? {}) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) diff(`customFields.${key}`, was[key], now[key]);
  }
  return changes;
}

/** record_changes rows, one per changed record, in the caller's transaction. */
async function writeRecordChanges(tx: Tx, ctx: TenantContext, kind: RecordKind, entries: { id: string; changes: Changes }[]): Promise<void> {
  for (let i = 0; i < entries.length; i += CHUNK) {
    await tx.insert(recordChanges).values(
      entries.slice(i, i + CHUNK).map((e) => ({ tenantId: ctx.tenantId, recordType: kind, recordId: e.id, changedByUserId: ctx.actor.userId, source: ctx.actor.source, changes: e.changes })),
    );
  }
}

const CHUNK = 1000;

/** Live records of `ids`, locked in id order (so writers of many records never deadlock). */
export async function lockLiveRecords(tx: Tx, ctx: TenantContext, kind: RecordKind, ids: readonly string[], mode: "update" | "share" = "update"): Promise<RecordRow[]> {
  const t = tableOf(RECORD_KINDS[kind]);
  const rows: RecordRow[] = [];
  const sorted = [...new Set(ids)].sort();
  for (let i = 0; i < sorted.length; i += CHUNK) {
    rows.push(
      ...((await tx
        .select()
        .from(t)
        .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, sorted.slice(i, i + CHUNK)), isNull(t.deletedAt)))
        .orderBy(asc(t.id))
        .for(mode)) as RecordRow[]),
    );
  }
  if (mode === "update" && rows.length < sorted.length) {
    const got = new Set(rows.map((r) => r.id));
    await refuseOutsideWriteScope(tx, RECORD_KINDS[kind], ctx, sorted.filter((id) => !got.has(id)));
  }
  return rows;
}

/**
 * The update of one record or many (set-based): applies `set` (values or SQL over the
 * row) to the locked live rows `before`, and for each row that changed writes who changed
 * what (record_changes) and a record.updated event with the diff over `fields` (as
 * stored: "10" written over "10.00" is no change). Returns the rows after, and those that
 * changed. updateRecord, bulk actions and imports all write through here.
 */
export async function updateRecordsIn(
  tx: Tx,
  ctx: TenantContext,
  kind: RecordKind,
  before: readonly RecordRow[],
  set: Record<string, unknown>,
  fields: readonly string[],
): Promise<{ rows: RecordRow[]; changed: RecordRow[] }> {
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  const prior = new Map(before.map((r) => [r.id, r]));
  const changed: { row: RecordRow; changes: Changes }[] = [];
  const rows: RecordRow[] = [];
  for (let i = 0; i < before.length; i += CHUNK) {
    const after = (await tx
      .update(t)
      .set({ ...set, updatedAt: sql`now()` } as never)
      .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, before.slice(i, i + CHUNK).map((r) => r.id))))
      .returning()) as RecordRow[];
    rows.push(...after);
    for (const row of after.sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const changes = diffRecord(prior.get(row.id)!, row, fields);
      if (Object.keys(changes).length) changed.push({ row, changes });
    }
  }
  await recordUpdated(tx, ctx, kind, changed);
  return { rows, changed: changed.map((c) => c.row) };
}

/** Who changed what (record_changes) and the record.updated events of updated rows, sent together. */
async function recordUpdated(tx: Tx, ctx: TenantContext, kind: RecordKind, changed: readonly { row: RecordRow; changes: Changes }[]): Promise<void> {
  const def = RECORD_KINDS[kind];
  await Promise.all([
    writeRecordChanges(tx, ctx, kind, changed.map((c) => ({ id: c.row.id, changes: c.changes }))),
    emitEvents(tx, ctx, changed.map((c) => ({ type: "record.updated", entityType: kind, entityId: c.row.id, payload: { title: def.title(c.row), changes: c.changes, record: serializeRecord(c.row) } }))),
  ]);
}

/** A partial update; writes who changed what (record_changes) and a record.updated event with the diff. */
export async function updateRecord(ctx: TenantContext, kind: RecordKind, id: string, patch: unknown): Promise<RecordRow> {
  const def = RECORD_KINDS[kind];
  const data = updateSchemaOf(def).parse(patch) as Record<string, unknown>;
  try {
    return await withTenant(ctx, async (tx) => updateRecordIn(tx, ctx, kind, await loadForUpdate(tx, def, ctx, id), data));
  } catch (err) {
    conflictFor(def, err);
  }
}

/**
 * updateRecord in the caller's transaction, on the locked live row `before`, with `data`
 * parsed by the kind's update schema (updateSchemaOf). A move that fills the fields its
 * stage requires (moveWithFields) writes them through here. updateEachIn for one.
 */
export async function updateRecordIn(tx: Tx, ctx: TenantContext, kind: RecordKind, before: RecordRow, data: Record<string, unknown>): Promise<RecordRow> {
  const [outcome] = await updateEachIn(tx, ctx, kind, [{ before, data }]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.row;
}

export interface RecordEdit {
  /** the locked live row (lockLiveRecords) */
  before: RecordRow;
  /** parsed by the kind's update schema; custom fields name only those they change (null clears one) */
  data: Record<string, unknown>;
}

/**
 * The update of many records each with its own values (an import's batch), in the caller's
 * transaction: each edit checked on its own — a computed score, custom fields (merged with
 * the record's), tags (made as needed, as spelled), a contact's identity — and one refused
 * gets its error while the others go on; the rest are written together, one UPDATE per set
 * of changed columns (values per row), then their record_changes and record.updated events
 * as updateRecordsIn writes them. An edit that changes nothing answers its row as it was.
 * A failed UPDATE (a taken unique value) throws: the caller's savepoint decides.
 */
export async function updateEachIn(tx: Tx, ctx: TenantContext, kind: RecordKind, edits: readonly RecordEdit[]): Promise<CreateOutcome[]> {
  const def = RECORD_KINDS[kind];
  const [scoreComputed, checkCustom, tagNames] = await Promise.all([
    edits.some((e) => e.data.score !== undefined) && scoreIsComputed(tx, ctx.tenantId, kind),
    edits.some((e) => e.data.customFields) ? customFieldsChecker(tx, ctx.tenantId, kind) : null,
    ensureTags(tx, ctx.tenantId, edits.flatMap((e) => (e.data.tags as string[] | undefined) ?? [])),
  ]);
  const spelled = new Map(tagNames.map((n) => [n.toLowerCase(), n]));
  const out: CreateOutcome[] = new Array(edits.length);
  /** changed column names (joined) → the edits that set exactly those */
  const groups = new Map<string, { at: number; set: Record<string, unknown>; fields: string[] }[]>();
  for (const [at, { before, data: given }] of edits.entries()) {
    try {
      const data = { ...given };
      if (scoreComputed && data.score !== undefined) throw scoreNotWritable();
      if (data.customFields) {
        const current = (before.customFields ?? {}) as Record<string, unknown>;
        const checked = checkCustom!({ ...current, ...(data.customFields as Record<string, unknown>) }, { partial: true, current });
        if (checked.issues.length) throw validationError(checked.issues);
        data.customFields = checked.values;
      }
      if (data.tags) data.tags = [...new Map((data.tags as string[]).map((n) => n.trim()).filter(Boolean).map((n) => [n.toLowerCase(), spelled.get(n.toLowerCase()) ?? n])).values()];
      const keys = Object.keys(data).filter((k) => data[k] !== undefined);
      if (kind === "CONTACT" && !contactHasIdentity({ ...before, ...data } as never)) {
        throw validationError([{ path: "firstName", message: "a contact needs at least one of firstName, lastName, email" }]);
      }
      const changes = diffRecord(before, { ...before, ...data }, keys);
      if (Object.keys(changes).length === 0) {
        out[at] = { ok: true, row: before };
        continue;
      }
      const columns = [...new Set(Object.keys(changes).map((k) => (k.startsWith("customFields.") ? "customFields" : k)))].sort();
      const key = columns.join(",");
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push({ at, set: Object.fromEntries(columns.map((k) => [k, data[k]])), fields: columns });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out[at] = { ok: false, error: err };
    }
  }
  const changed: { row: RecordRow; changes: Changes }[] = [];
  for (const group of groups.values()) {
    const fields = group[0]!.fields;
    const rows = group.length === 1 ? await updateOne(tx, ctx, def, edits[group[0]!.at]!.before.id, group[0]!.set) : await updateWithValues(tx, ctx, def, group.map((g) => ({ id: edits[g.at]!.before.id, set: g.set })), fields);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const g of group) {
      const row = byId.get(edits[g.at]!.before.id)!;
      out[g.at] = { ok: true, row };
      const changes = diffRecord(edits[g.at]!.before, row, fields);
      if (Object.keys(changes).length) changed.push({ row, changes });
    }
  }
  await recordUpdated(tx, ctx, kind, changed);
  return out;
}

async function updateOne(tx: Tx, ctx: TenantContext, def: RecordKindDef, id: string, set: Record<string, unknown>): Promise<RecordRow[]> {
  const t = tableOf(def);
  return (await tx
    .update(t)
    .set({ ...set, updatedAt: sql`now()` } as never)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id)))
    .returning()) as RecordRow[];
}

/**
 * One UPDATE of `fields` with a value per row: the rows' values as a jsonb array read back
 * as a typed record set (each column its table's type), joined on id.
 */
async function updateWithValues(tx: Tx, ctx: TenantContext, def: RecordKindDef, rows: readonly { id: string; set: Record<string, unknown> }[], fields: readonly string[]): Promise<RecordRow[]> {
  const t = tableOf(def);
  const set = { ...Object.fromEntries(fields.map((f) => [f, sql`v.${sql.identifier(columnName(columnOf(def, f)!))}`])), updatedAt: sql`now()` };
  const out: RecordRow[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map((r) => ({ ...r.set, id: r.id }));
    out.push(...((await tx.update(t).set(set as never).from(recordSet(t, ["id", ...fields], values)).where(and(eq(t.tenantId, ctx.tenantId), sql`${t.id} = v.id`)).returning()) as unknown as RecordRow[]));
  }
  return out;
}

/** A deletion time to the microsecond, so an undo can tell this deletion from a later one of the same record. */
const deletedAtText = sql<string>`to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Soft delete of one record or many (the live ones of `ids`): record_changes and a
 * record.deleted event per record. Returns the deleted ids and the deletion time, which
 * restoreRecordsIn takes to undo exactly this deletion.
 */
export async function deleteRecordsIn(tx: Tx, ctx: TenantContext, kind: RecordKind, ids: readonly string[], opts: { mergedIntoId?: string } = {}): Promise<{ ids: string[]; deletedAt: string }> {
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  const [{ ts }] = (await tx.execute(sql`select ${deletedAtText} as ts`)) as unknown as [{ ts: string }];
  const before = await lockLiveRecords(tx, ctx, kind, ids);
  // a merge (lib/merge) deletes the merged records pointing at their survivor
  const merged = opts.mergedIntoId ? { mergedIntoId: opts.mergedIntoId } : {};
  for (let i = 0; i < before.length; i += CHUNK) {
    await tx
      .update(t)
      .set({ deletedAt: sql`now()`, ...merged } as never)
      .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, before.slice(i, i + CHUNK).map((r) => r.id))));
  }
  const mergeChange: Changes = opts.mergedIntoId ? { mergedIntoId: { from: null, to: opts.mergedIntoId } } : {};
  await writeRecordChanges(tx, ctx, kind, before.map((r) => ({ id: r.id, changes: { deletedAt: { from: null, to: ts }, ...mergeChange } })));
  await emitEvents(tx, ctx, before.map((r) => ({ type: "record.deleted", entityType: kind, entityId: r.id, payload: { title: def.title(r), ...merged } })));
  return { ids: before.map((r) => r.id), deletedAt: ts };
}

/**
 * Restores deleted records of `ids` — with `deletedAt`, only those deleted at that time
 * (one deletion's undo: a record deleted again since stays deleted). record_changes and a
 * record.updated event ({ restored: true }) per record. Returns the restored rows.
 */
export async function restoreRecordsIn(tx: Tx, ctx: TenantContext, kind: RecordKind, ids: readonly string[], deletedAt: string | null): Promise<RecordRow[]> {
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  const restored: { row: RecordRow; was: string }[] = [];
  const sorted = [...new Set(ids)].sort();
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const deleted = await tx
      .select({ id: t.id, was: sql<string>`to_char(${t.deletedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
      .from(t)
      .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, sorted.slice(i, i + CHUNK)), deletedAt ? sql`${t.deletedAt} = ${deletedAt}::timestamptz` : sql`${t.deletedAt} is not null`))
      .orderBy(asc(t.id))
      .for("update");
    if (!deleted.length) continue;
    const was = new Map(deleted.map((d) => [d.id as string, d.was]));
    const rows = (await tx
      .update(t)
      .set({ deletedAt: null, updatedAt: sql`now()` } as never)
      .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, [...was.keys()])))
      .returning()) as RecordRow[];
    restored.push(...rows.sort((a, b) => (a.id < b.id ? -1 : 1)).map((row) => ({ row, was: was.get(row.id)! })));
  }
  await writeRecordChanges(tx, ctx, kind, restored.map((r) => ({ id: r.row.id, changes: { deletedAt: { from: r.was, to: null } } })));
  await emitEvents(tx, ctx, restored.map((r) => ({ type: "record.updated", entityType: kind, entityId: r.row.id, payload: { title: def.title(r.row), restored: true } })));
  return restored.map((r) => r.row);
}

/** Soft delete (undo with restoreRecord). */
export async function deleteRecord(ctx: TenantContext, kind: RecordKind, id: string): Promise<void> {
  const def = RECORD_KINDS[kind];
  await withTenant(ctx, async (tx) => {
    const { ids } = await deleteRecordsIn(tx, ctx, kind, [id]);
    if (!ids.length) throw notFound(def.singular);
  });
}

export async function restoreRecord(ctx: TenantContext, kind: RecordKind, id: string): Promise<RecordRow> {
  const def = RECORD_KINDS[kind];
  try {
    return await withTenant(ctx, async (tx) => {
      const [row] = await restoreRecordsIn(tx, ctx, kind, [id], null);
      if (!row) throw notFound(def.singular);
      return row;
    });
  } catch (err) {
    conflictFor(def, err);
  }
}

export async function getRecord(ctx: TenantContext, kind: RecordKind, id: string): Promise<RecordRow> {
  const def = RECORD_KINDS[kind];
  const row = await readRecordById(ctx, kind, id);
  if (!row) throw notFound(def.singular);
  if (row.deletedAt) throw new AppError("not-found", `This ${def.singular} was merged into another`, { mergedIntoId: (row as Record<string, unknown>).mergedIntoId });
  return row as RecordRow;
}

