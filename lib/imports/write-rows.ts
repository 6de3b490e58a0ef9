// The rows of an import, written through the services every other writer uses: a new
// record through createRecordIn, a matched one through updateRecordIn, a stage column
// through moveRecord's engine (movesIn: movement rules, required fields, stage_history),
// list membership through addMembersIn, tags through ensureTags — all with the context's
// source IMPORT. Many rows share one transaction, each in a savepoint: a row the services
// refuse is written nowhere, and the others go on. The worker's batches and the mapping
// preview (rolled back) both run here.
import "server-only";
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { ZodError } from "zod";
import { companies, contacts, leads, pipelineStages, pipelines, tenantGroups, tenantUsers, users, type Import } from "@/db/schema";
import { AppError, type ValidationIssue } from "@/lib/errors";
import { definitionsOf } from "@/lib/custom-fields/service";
import { addMembersIn } from "@/lib/lists/members";
import { loadList } from "@/lib/lists/model";
import { movesIn, type MoveConn, type PipelineKind, type Settle } from "@/lib/pipelines/move-batch";
import { RequiredFieldsMissing } from "@/lib/pipelines/required-fields";
import { columnOf, RECORD_KINDS, tableOf, updateSchemaOf } from "@/lib/records/registry";
import { liveWithEmail } from "@/lib/records/email-match";
import { isUuid } from "@/lib/uuid";
import { createRecordsIn, diffRecord, lockLiveRecords, parseCreateInput, recordWriteError, updateEachIn, updateRecordIn, type CreateOutcome, type RecordRow } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { rawTransaction, type Tx } from "@/lib/tenancy/with-tenant";
import { scoreIsComputed } from "@/lib/scoring/service";
import { rowInput, SPECIAL, splitFullName, type ImportKind } from "./fields";
import type { ImportRowOutcome } from "@/db/schema";

export interface RowIn {
  rowNo: number;
  cells: string[];
}

export interface RowOut {
  rowNo: number;
  outcome: ImportRowOutcome;
  recordId: string | null;
  error: string | null;
  previous: Record<string, unknown> | null;
  written: Record<string, unknown> | null;
}

class RowError extends Error {}

const GROUP_SUFFIX = /\s*\(group\)$/;
const lower = (s: unknown) => (typeof s === "string" ? s.trim().toLowerCase() : "");
/** "https://www.Acme.com/about" → "acme.com" */
export const domainOf = (s: string) => s.trim().toLowerCase().replace(/^[a-z]+:\/\//, "").replace(/^www\./, "").replace(/[/?#:].*$/, "");

/** An error of the services as "field: what is wrong" (the error file's `error` column). */
export function rowErrorText(err: unknown): string {
  if (err instanceof RowError) return err.message;
  if (err instanceof ZodError) return err.issues.map((i) => `${i.path.map(String).join(".") || "row"}: ${i.message}`).join("; ");
  if (err instanceof RequiredFieldsMissing || (err instanceof AppError && err.code === "required-fields-missing")) {
    const missing = (err as AppError).extensions?.missingFields as string[] | undefined;
    return `stage: ${missing?.length ? `needs ${missing.join(", ")} first` : err.message}`;
  }
  if (err instanceof AppError) {
    const issues = err.extensions.errors as ValidationIssue[] | undefined;
    if (issues?.length) return issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    if (err.code === "movement-not-allowed") return `stage: ${err.message}`;
    return err.message;
  }
  return "could not be written";
}

const issuesText = (issues: ValidationIssue[]) => issues.map((i) => `${i.path}: ${i.message}`).join("; ");

/** What the rows of a batch refer to, read once for the batch. */
interface Lookups {
  /** An owner cell (lower-cased email, user name or "<group> (group)") → the owner, or "ambiguous" for a name two members share. */
  owners: Map<string, { ownedByUserId: string } | { ownedByGroupId: string } | "ambiguous">;
  companiesByDomain: Map<string, string>;
  companiesByName: Map<string, string>;
  contactsByEmail: Map<string, string>;
  /** matchOn value (lower-cased) → record id */
  matches: Map<string, string>;
  stages: { defaultPipelineId: string | null; byPipeline: Map<string, Map<string, string>> };
}

function columnValues(imp: Import, rows: readonly RowIn[], target: string): string[] {
  const cols = imp.headers.flatMap((h, i) => (imp.mapping[h] === target ? [i] : []));
  return [...new Set(rows.flatMap((r) => cols.map((i) => (r.cells[i] ?? "").trim()).filter(Boolean)))];
}

async function readLookups(tx: Tx, ctx: TenantContext, imp: Import, rows: readonly RowIn[]): Promise<Lookups> {
  const kind = imp.objectType as ImportKind;
  const t = ctx.tenantId;
  // an owner by email (the import's own column), or as our export writes it: the user's
  // name, or a group's name followed by " (group)"
  const owners: Lookups["owners"] = new Map();
  const ownerCells = columnValues(imp, rows, SPECIAL.owner).map(lower);
  const groupNames = ownerCells.filter((v) => GROUP_SUFFIX.test(v)).map((v) => v.replace(GROUP_SUFFIX, ""));
  const people = ownerCells.filter((v) => !GROUP_SUFFIX.test(v));
  if (people.length) {
    const found = await tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(tenantUsers)
      .innerJoin(users, eq(users.id, tenantUsers.userId))
      .where(and(eq(tenantUsers.tenantId, t), eq(tenantUsers.isActive, true), or(inArray(sql`lower(${users.email})`, people), inArray(sql`lower(${users.name})`, people))));
    for (const u of found) owners.set(lower(u.email), { ownedByUserId: u.id });
    for (const u of found) {
      const name = lower(u.name);
      if (!name || name.includes("@") || !people.includes(name)) continue;
      owners.set(name, owners.has(name) ? "ambiguous" : { ownedByUserId: u.id });
    }
  }
  if (groupNames.length) {
    const found = await tx.select({ id: tenantGroups.id, name: tenantGroups.name }).from(tenantGroups).where(and(eq(tenantGroups.tenantId, t), inArray(sql`lower(${tenantGroups.name})`, groupNames)));
    for (const g of found) owners.set(`${lower(g.name)} (group)`, { ownedByGroupId: g.id });
  }
  const companiesByDomain = new Map<string, string>();
  const domains = columnValues(imp, rows, SPECIAL.companyDomain).map(domainOf);
  if (domains.length) {
    const found = await tx.select({ id: companies.id, domain: companies.domain }).from(companies).where(and(eq(companies.tenantId, t), isNull(companies.deletedAt), inArray(sql`lower(${companies.domain})`, domains)));
    for (const c of found) companiesByDomain.set(lower(c.domain), c.id);
  }
  const companiesByName = new Map<string, string>();
  const names = columnValues(imp, rows, SPECIAL.companyName).map(lower);
  if (names.length) {
    const found = await tx
      .select({ id: companies.id, name: companies.name })
      .from(companies)
      .where(and(eq(companies.tenantId, t), isNull(companies.deletedAt), inArray(sql`lower(${companies.name})`, names)))
      .orderBy(companies.createdAt);
    for (const c of found) if (!companiesByName.has(lower(c.name))) companiesByName.set(lower(c.name), c.id);
  }
  const contactsByEmail = new Map<string, string>();
  const contactEmails = columnValues(imp, rows, SPECIAL.contactEmail).map(lower);
  if (contactEmails.length) {
    const found = await tx.select({ id: contacts.id, email: contacts.dupEmail }).from(contacts).where(and(eq(contacts.tenantId, t), liveWithEmail(contacts, contactEmails))).orderBy(contacts.createdAt);
    for (const c of found) if (!contactsByEmail.has(c.email!)) contactsByEmail.set(c.email!, c.id);
  }
  const matches = new Map<string, string>();
  if (imp.mode !== "CREATE" && imp.matchOn) {
    const keys = columnValues(imp, rows, imp.matchOn).map((v) => (imp.matchOn === "domain" ? domainOf(v) : lower(v)));
    if (keys.length) {
      const d = RECORD_KINDS[kind];
      const table = tableOf(d);
      const expr = imp.matchOn === "id" ? sql`${table.id}::text` : imp.matchOn.startsWith("customFields.") ? sql`lower(${columnOf(d, "customFields")} ->> ${imp.matchOn.slice(13)})` : sql`lower(${columnOf(d, imp.matchOn)})`;
      const ids = imp.matchOn === "id" ? keys.filter(isUuid) : keys;
      if (ids.length) {
        // a contact's or lead's email by its indexed key (liveWithEmail), not lower(email), which RLS keeps off any index
        const byEmail = imp.matchOn !== "email" ? null : kind === "CONTACT" ? contacts : kind === "LEAD" ? leads : null;
        const found = await tx
          .select({ id: table.id, k: byEmail ? sql<string>`${byEmail.dupEmail}` : expr.mapWith(String) })
          .from(table)
          .where(and(eq(table.tenantId, t), byEmail ? liveWithEmail(byEmail, ids) : and(isNull(table.deletedAt), inArray(expr, ids))))
          .orderBy(columnOf(d, "createdAt")!);
        for (const f of found) if (!matches.has(f.k)) matches.set(f.k, f.id as string);
      }
    }
  }
  const stages: Lookups["stages"] = { defaultPipelineId: null, byPipeline: new Map() };
  const def = RECORD_KINDS[kind];
  if (def.pipelineObjectType && Object.values(imp.mapping).includes(SPECIAL.stage)) {
    const found = await tx
      .select({ pipelineId: pipelines.id, isDefault: pipelines.isDefault, stageId: pipelineStages.id, name: pipelineStages.name })
      .from(pipelines)
      .innerJoin(pipelineStages, and(eq(pipelineStages.tenantId, pipelines.tenantId), eq(pipelineStages.pipelineId, pipelines.id)))
      .where(and(eq(pipelines.tenantId, t), eq(pipelines.objectType, def.pipelineObjectType)));
    for (const s of found) {
      if (s.isDefault) stages.defaultPipelineId = s.pipelineId;
      let m = stages.byPipeline.get(s.pipelineId);
      if (!m) stages.byPipeline.set(s.pipelineId, (m = new Map()));
      m.set(lower(s.name), s.stageId);
    }
  }
  return { owners, companiesByDomain, companiesByName, contactsByEmail, matches, stages };
}

const union = (...lists: (readonly string[] | undefined)[]) => {
  const out: string[] = [];
  for (const l of lists) for (const x of l ?? []) if (!out.some((o) => o.toLowerCase() === x.toLowerCase())) out.push(x);
  return out;
};

/** Fields an update's diff names that only follow the stage (the move writes them). */
const STAGE_FOLLOWERS = new Set(["stageEnteredAt", "position", "updatedAt", "status", "forecastProbability", "closedAt", "wonReason", "lostReason"]);

type UpdatePlan = { kind: "update"; id: string; key: string; input: Record<string, unknown>; stageName: string | null; fullName: string | null };
type Plan = { kind: "skip" } | UpdatePlan | { kind: "create"; data: Record<string, unknown>; key: string | null };

/** What a row asks for, or why it cannot be written (a plan is made before anything is written). */
type Planned = Plan | { kind: "failed"; error: unknown };

/**
 * A batch's rows checked and resolved, nothing written: what they refer to read once
 * (custom fields, owners, companies, matches), then each row's plan. The worker makes the
 * next batch's while the current one writes (run.ts): its matches are read before that
 * batch commits, so writeRows is given the keys that batch created (`carried`).
 */
export interface PreparedRows {
  rows: readonly RowIn[];
  look: Lookups;
  plan: (row: RowIn) => Plan;
  plans: Planned[];
  /** The rows' match keys, and the records they update: what another batch of the file must not write at the same time. */
  keys: Set<string>;
  ids: Set<string>;
}

/** Whether two batches share a match key or a record (the later must wait for the earlier). */
export const overlap = (a: PreparedRows, b: PreparedRows) => [...b.keys].some((k) => a.keys.has(k)) || [...b.ids].some((id) => a.ids.has(id));

/** The prepared rows of `keep` only (a batch whose other rows another worker has written). */
export function onlyRows(p: PreparedRows, keep: ReadonlySet<number>): PreparedRows {
  const at = [...p.rows.keys()].filter((i) => keep.has(p.rows[i]!.rowNo));
  return at.length === p.rows.length ? p : { ...p, rows: at.map((i) => p.rows[i]!), plans: at.map((i) => p.plans[i]!) };
}

/** Rows planned between two turns of the event loop, so a batch writing meanwhile is answered promptly. */
const PLAN_SLICE = 100;

export async function prepareRows(tx: Tx, ctx: TenantContext, imp: Import, rows: readonly RowIn[]): Promise<PreparedRows> {
  const kind = imp.objectType as ImportKind;
  const custom = new Map((await definitionsOf(tx, ctx.tenantId, kind)).map((d) => [d.key, d]));
  const look = await readLookups(tx, ctx, imp, rows);
  // a Score column (our own export has one) is left alone while scoring computes scores
  const scoreComputed = Object.values(imp.mapping).includes("score") && (await scoreIsComputed(tx, ctx.tenantId, kind));
  const matchKey = (v: unknown) => (imp.matchOn === "domain" ? domainOf(String(v)) : lower(v));

  /** What a row asks for: checked and resolved, nothing written. */
  function plan(row: RowIn): Plan {
    const { values, customFields, issues } = rowInput(imp.headers, row.cells, imp.mapping, custom);
    if (issues.length) throw new RowError(issuesText(issues));
    const input: Record<string, unknown> = {};
    const refs: ValidationIssue[] = [];
    let stageName: string | null = null;
    let fullName: string | null = null;
    let matchValue: unknown = null;
    for (const [path, value] of Object.entries(values)) {
      if (path === SPECIAL.owner) {
        const owner = look.owners.get(lower(value));
        if (owner === "ambiguous") refs.push({ path: "owner", message: `${String(value)} is the name of more than one user: use the email` });
        else if (owner) Object.assign(input, owner);
        else refs.push({ path: "owner", message: `${String(value)} is not an active ${GROUP_SUFFIX.test(String(value)) ? "group" : "user"} of this workspace` });
      } else if (path === SPECIAL.companyDomain || path === SPECIAL.companyName) {
        const id = path === SPECIAL.companyDomain ? look.companiesByDomain.get(domainOf(String(value))) : look.companiesByName.get(lower(value));
        if (id) input.companyId = id;
        else refs.push({ path: "company", message: `no company ${path === SPECIAL.companyDomain ? "with the domain" : "named"} ${String(value)}` });
      } else if (path === SPECIAL.contactEmail) {
        const id = look.contactsByEmail.get(lower(value));
        if (id) input.contactId = id;
        else refs.push({ path: "contact", message: `no contact with the email ${String(value)}` });
      } else if (path === SPECIAL.stage) stageName = String(value);
      else if (path === SPECIAL.fullName) fullName = String(value);
      else if (path === "score" && scoreComputed) continue;
      else if (path !== SPECIAL.id) input[path] = value;
      if (path === imp.matchOn) matchValue = value;
    }
    if (imp.matchOn?.startsWith("customFields.")) matchValue = customFields[imp.matchOn.slice(13)] ?? null;
    if (refs.length) throw new RowError(issuesText(refs));
    if (Object.keys(customFields).length) input.customFields = customFields;
    // a whole name counts only where the row has no first or last name of its own
    if (fullName !== null && (input.firstName !== undefined || input.lastName !== undefined)) fullName = null;
    const key = imp.mode !== "CREATE" && matchValue !== null && matchValue !== "" ? matchKey(matchValue) : null;
    const existingId = key ? look.matches.get(key) : undefined;
    if (existingId) return { kind: "update", id: existingId, key: key!, input, stageName, fullName };
    if (imp.mode === "UPDATE") {
      if (!key) throw new RowError(`${imp.matchOn}: is empty, and rows are matched on it`);
      return { kind: "skip" };
    }
    const data = parseCreateInput(kind, {
      ...input,
      ...(fullName !== null ? splitFullName(fullName, input.email) : {}),
      tags: union(input.tags as string[] | undefined, imp.tags),
      ...(input.ownedByUserId === undefined && imp.defaultOwnerUserId ? { ownedByUserId: imp.defaultOwnerUserId } : {}),
      ...(stageName !== null ? stagePlacement(look, stageName) : {}),
    });
    return { kind: "create", data, key };
  }

  const plans: Planned[] = new Array(rows.length);
  const keys = new Set<string>();
  const ids = new Set<string>();
  for (const [at, row] of rows.entries()) {
    if (at && at % PLAN_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      const p = (plans[at] = plan(row));
      if (p.kind === "create" && p.key) keys.add(p.key);
      if (p.kind === "update") {
        keys.add(p.key);
        ids.add(p.id);
      }
    } catch (err) {
      plans[at] = { kind: "failed", error: err };
    }
  }
  return { rows, look, plan, plans, keys, ids };
}

/**
 * Writes `rows` in the caller's transaction and returns each row's outcome: prepareRows,
 * then writePrepared.
 */
export async function writeRows(tx: Tx, ctx: TenantContext, imp: Import, rows: readonly RowIn[]): Promise<RowOut[]> {
  return (await writePrepared(tx, ctx, imp, await prepareRows(tx, ctx, imp, rows))).out;
}

/**
 * Writes prepared rows in the caller's transaction and returns each row's outcome, and
 * the keys of the records it created (matchOn value → id). A row to update is written in a
 * savepoint of its own (updateRecordIn, then the stage move), rows to create go together
 * through createRecordsIn (in a savepoint; should the shared INSERT fail, each again in its
 * own). The matches grow with the records created, so a later row of the same file with
 * the same key updates the record an earlier row created — `carried` are those an earlier
 * batch created after this one's matches were read.
 */
export async function writePrepared(
  tx: Tx,
  ctx: TenantContext,
  imp: Import,
  prepared: PreparedRows,
  carried: ReadonlyMap<string, string> = new Map(),
): Promise<{ out: RowOut[]; created: Map<string, string> }> {
  const { rows, look, plan } = prepared;
  const kind = imp.objectType as ImportKind;
  const def = RECORD_KINDS[kind];
  for (const [k, id] of carried) if (!look.matches.has(k)) look.matches.set(k, id);
  const createdKeys = new Map<string, string>();
  const updateSchema = updateSchemaOf(def);
  const out: RowOut[] = new Array(rows.length);
  const members: string[] = [];
  const done = (at: number, o: Omit<RowOut, "rowNo">) => {
    out[at] = { rowNo: rows[at]!.rowNo, ...o };
    if (o.recordId) members.push(o.recordId);
  };
  const failed = (at: number, err: unknown) => done(at, { outcome: "FAILED", recordId: null, error: rowErrorText(asAppError(kind, err)), previous: null, written: null });

  /** The patch a matched row makes to its locked record: its values, tags united, a whole name split where it differs. */
  function patchOf(before: RecordRow, p: UpdatePlan): Record<string, unknown> {
    const tags = p.input.tags || imp.tags.length ? union(before.tags as string[], p.input.tags as string[] | undefined, imp.tags) : undefined;
    // the record's name as shown (and exported) is no change; another one is split
    const name = p.fullName !== null && p.fullName.trim() !== def.title(before) ? splitFullName(p.fullName, p.input.email ?? before.email) : {};
    return updateSchema.parse({ ...p.input, ...name, ...(tags ? { tags } : {}) }) as Record<string, unknown>;
  }

  /** A written update's outcome: what it overwrote and wrote (the undo's), or SKIPPED when nothing changed. */
  function updated(at: number, before: RecordRow, after: RecordRow, fields: string[], patch: Record<string, unknown>): void {
    const changes = diffRecord(before, after, fields);
    const kept = Object.entries(changes).filter(([k]) => k in patch || !STAGE_FOLLOWERS.has(k));
    // a row that matches its record exactly (a file exported and imported back) changes nothing
    if (kept.length === 0) done(at, { outcome: "SKIPPED", recordId: after.id, error: null, previous: null, written: null });
    else done(at, { outcome: "UPDATED", recordId: after.id, error: null, previous: Object.fromEntries(kept.map(([k, c]) => [k, c.from])), written: Object.fromEntries(kept.map(([k, c]) => [k, c.to])) });
  }
  const gone = (at: number) => done(at, { outcome: "SKIPPED", recordId: null, error: null, previous: null, written: null });

  /** One matched row in a savepoint of its own: updateRecordIn, then its stage move. */
  async function update(at: number, p: UpdatePlan): Promise<void> {
    try {
      const result = await tx.transaction(async (sp) => {
        const [before] = await lockLiveRecords(sp, ctx, kind, [p.id]);
        if (!before) return null;
        const patch = patchOf(before, p);
        let after = await updateRecordIn(sp, ctx, kind, before, patch);
        if (p.stageName !== null) after = await moveTo(sp, ctx, kind as PipelineKind, after, look, p.stageName);
        return { before, after, patch };
      });
      if (!result) gone(at);
      else updated(at, result.before, result.after, [...Object.keys(result.patch), ...(p.stageName !== null ? ["stageId"] : [])], result.patch);
    } catch (err) {
      failed(at, err);
    }
  }

  // matched rows without a stage column go together (updateEachIn: one lock, one UPDATE per
  // set of changed columns, one insert of changes and of events), in a savepoint; should
  // the shared write fail, each again on its own
  let updates: { at: number; p: UpdatePlan }[] = [];
  const updateIds = new Set<string>();
  async function flushUpdates(): Promise<void> {
    if (!updates.length) return;
    const batch = updates;
    updates = [];
    updateIds.clear();
    let results;
    try {
      results = await tx.transaction(async (sp) => {
        const locked = new Map((await lockLiveRecords(sp, ctx, kind, batch.map((u) => u.p.id))).map((r) => [r.id, r]));
        const edits: { at: number; before: RecordRow; data: Record<string, unknown> }[] = [];
        const refused = new Map<number, unknown>();
        for (const u of batch) {
          const before = locked.get(u.p.id);
          if (!before) continue;
          try {
            edits.push({ at: u.at, before, data: patchOf(before, u.p) });
          } catch (err) {
            refused.set(u.at, err);
          }
        }
        return { edits, refused, outcomes: await updateEachIn(sp, ctx, kind, edits) };
      });
    } catch {
      for (const u of batch) await update(u.at, u.p);
      return;
    }
    const byAt = new Map(results.edits.map((e, i) => [e.at, { e, o: results.outcomes[i]! }]));
    for (const u of batch) {
      const hit = byAt.get(u.at);
      if (results.refused.has(u.at)) failed(u.at, results.refused.get(u.at));
      else if (!hit) gone(u.at);
      else if (!hit.o.ok) failed(u.at, hit.o.error);
      else updated(u.at, hit.e.before, hit.o.row, Object.keys(hit.e.data), hit.e.data);
    }
  }

  let pending: { at: number; data: Record<string, unknown>; key: string | null }[] = [];
  const pendingKeys = new Set<string>();
  async function flush(): Promise<void> {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    pendingKeys.clear();
    let results: (CreateOutcome | { ok: false; error: unknown })[];
    try {
      results = await tx.transaction((sp) => createRecordsIn(sp, ctx, kind, batch.map((b) => b.data)));
    } catch {
      // the shared write failed (a domain another company has…): each on its own, to its own outcome
      results = [];
      for (const b of batch) {
        results.push(await tx.transaction((sp) => createRecordsIn(sp, ctx, kind, [b.data])).then((r) => r[0]!, (err: unknown) => ({ ok: false as const, error: asAppError(kind, err) })));
      }
    }
    batch.forEach((b, i) => {
      const r = results[i]!;
      if (!r.ok) return failed(b.at, r.error);
      if (b.key) {
        look.matches.set(b.key, r.row.id);
        createdKeys.set(b.key, r.row.id);
      }
      done(b.at, { outcome: "CREATED", recordId: r.row.id, error: null, previous: null, written: null });
    });
  }

  for (const [at, row] of rows.entries()) {
    let p = prepared.plans[at]!;
    if (p.kind === "failed") {
      failed(at, p.error);
      continue;
    }
    try {
      // a key an earlier row is creating (this batch: that row first) or has created: this one updates it
      if (p.kind === "create" && p.key && (pendingKeys.has(p.key) || look.matches.has(p.key))) {
        if (pendingKeys.has(p.key)) await flush();
        p = plan(row);
      }
    } catch (err) {
      failed(at, err);
      continue;
    }
    if (p.kind === "skip") done(at, { outcome: "SKIPPED", recordId: null, error: null, previous: null, written: null });
    else if (p.kind === "update") {
      // a record a pending update writes: that one first, so this one sees its values
      if (updateIds.has(p.id)) await flushUpdates();
      if (p.stageName !== null) await update(at, p);
      else {
        updates.push({ at, p });
        updateIds.add(p.id);
      }
    } else {
      pending.push({ at, data: p.data, key: p.key });
      if (p.key) pendingKeys.add(p.key);
    }
  }
  await flush();
  await flushUpdates();
  if (imp.listId && members.length) {
    const list = await loadList(tx, ctx, imp.listId, true);
    await addMembersIn(tx, ctx, list, members);
  }
  return { out, created: createdKeys };
}

/** An error of a write as the client would get it (recordWriteError maps a taken domain, a row out of scope); others as they are. */
function asAppError(kind: ImportKind, err: unknown): unknown {
  try {
    recordWriteError(kind, err);
  } catch (mapped) {
    return mapped;
  }
  return err;
}

function stagePlacement(look: Lookups, name: string): { pipelineId: string; stageId: string } {
  const pipelineId = look.stages.defaultPipelineId;
  const stageId = pipelineId ? look.stages.byPipeline.get(pipelineId)?.get(lower(name)) : undefined;
  if (!pipelineId || !stageId) throw new RowError(`stage: ${name} is not a stage of the default pipeline`);
  return { pipelineId, stageId };
}

/** A stage column on a matched record: a move through moveRecord's own checks and write. */
async function moveTo(tx: Tx, ctx: TenantContext, kind: PipelineKind, record: RecordRow, look: Lookups, name: string): Promise<RecordRow> {
  const stageId = look.stages.byPipeline.get(record.pipelineId as string)?.get(lower(name));
  if (!stageId) throw new RowError(`stage: ${name} is not a stage of the record's pipeline`);
  return moveToStageId(tx, ctx, kind, record, stageId);
}

/** A move in the caller's transaction (savepoint) through movesIn; a refusal is thrown. */
export async function moveToStageId(tx: Tx, ctx: TenantContext, kind: PipelineKind, record: RecordRow, stageId: string): Promise<RecordRow> {
  if (stageId === record.stageId) return record;
  const conn: MoveConn = { sql: rawTransaction(tx), commit: ((...writes: unknown[]) => Promise.all(writes)) as MoveConn["commit"] };
  const settled: (Settle | undefined)[] = [undefined];
  await movesIn(conn, [{ ctx, kind, id: record.id, input: { toStageId: stageId } }], settled);
  const outcome = settled[0];
  if (!outcome) throw new Error("import: the move was not settled");
  if (!outcome.ok) throw outcome.error;
  return outcome.value.record;
}
