// Likely duplicates (API.md "Duplicates and merge"), set-based: for each reason, the
// records that share a key, grouped in the database by walking that key's expression
// index in order — the first page of a million contacts reads only as far as it needs.
// The access scope applies as everywhere: RLS filters the record tables.
import "server-only";
import { and, arrayOverlaps, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { duplicateDismissals } from "@/db/schema";
import { badCursor } from "@/lib/api/cursor";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { DUP_TABLES, REASON_SQL, type ReasonSql } from "./keys-sql";
import { keysOf, REASONS_OF, sharedReasons, type DuplicateObjectType, type DuplicateReason } from "./rules";

export interface DuplicateGroup {
  recordIds: string[];
  reasons: DuplicateReason[];
}

type Row = Record<string, unknown> & { id: string };

/** Where a page ends: the reason (its index in REASONS_OF) and the last key read. */
interface DupCursor {
  r: number;
  k: string[] | null;
}

const encode = (c: DupCursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

function decode(type: DuplicateObjectType, raw: string): DupCursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  const { r, k } = (c ?? {}) as { r?: unknown; k?: unknown };
  const reasons = REASONS_OF[type];
  if (typeof r !== "number" || !Number.isInteger(r) || r < 0 || r >= reasons.length) throw badCursor();
  if (k === null) return { r, k: null };
  const spec = REASON_SQL[type][reasons[r]!]!;
  const fits = Array.isArray(k) && k.length === spec.types.length && k.every((v, i) => typeof v === "string" && (spec.types[i] !== "uuid" || isUuid(v)));
  if (!fits) throw badCursor();
  return { r, k: k as string[] };
}

const list = (items: SQL[]) => sql.join(items, sql`, `);

/** Groups of one reason after `after`, in key order: each key shared by two or more live records. */
async function groupsOf(tx: Tx, ctx: TenantContext, type: DuplicateObjectType, spec: ReasonSql, after: string[] | null, limit: number) {
  const t = DUP_TABLES[type];
  const n = spec.types.length;
  const names = spec.types.map((_, i) => sql.raw(`k${i}`));
  const selects = spec.sources.map((s) => {
    const conds = [eq(t.tenantId, ctx.tenantId), isNull(t.deletedAt), ...s.parts.map((p) => sql`${p} is not null`), s.where];
    if (after) conds.push(sql`(${list(s.parts)}) > (${list(after.map((v, i) => sql`${v}::${sql.raw(spec.types[i]!)}`))})`);
    return sql`select ${list(s.parts.map((p, i) => sql`${p} as ${names[i]}`))}, ${t.id}::text as id from ${t} where ${and(...conds)}`;
  });
  // one source: group straight off the table (a GroupAggregate over the index); several: merge them in key order
  const from = selects.length === 1 ? sql`(${selects[0]})` : sql`(${sql.join(selects.map((s) => sql`(${s})`), sql` union all `)})`;
  const rows = (await tx.execute(sql`
    select ${list(names)}, array_agg(distinct id order by id) as ids
    from ${from} s
    group by ${list(names)} having count(distinct id) > 1
    order by ${list(names)} limit ${limit}`)) as unknown as Record<string, unknown>[];
  return rows.map((row) => ({ key: Array.from({ length: n }, (_, i) => String(row[`k${i}`])), ids: row.ids as string[] }));
}

/**
 * A page of duplicate groups: each reason's groups in key order, the reasons in the kind's
 * order. A group's `reasons` are every reason all its records share; a set already listed
 * under an earlier reason they all share is not listed again, nor one dismissed as it is.
 */
export async function listDuplicates(ctx: TenantContext, type: DuplicateObjectType, opts: { limit?: number; cursor?: string | null } = {}): Promise<{ data: DuplicateGroup[]; nextCursor: string | null }> {
  const limit = opts.limit ?? 50;
  const reasons = REASONS_OF[type];
  let cur: DupCursor = opts.cursor ? decode(type, opts.cursor) : { r: 0, k: null };
  return withTenant(ctx, async (tx) => {
    const out: DuplicateGroup[] = [];
    while (cur.r < reasons.length) {
      const reason = reasons[cur.r]!;
      const want = limit - out.length;
      const raw = await groupsOf(tx, ctx, type, REASON_SQL[type][reason]!, cur.k, want + 1);
      const page = raw.slice(0, want);
      out.push(...(await describeGroups(tx, ctx, type, reason, page.map((g) => g.ids))));
      if (raw.length > want) return { data: out, nextCursor: encode({ r: cur.r, k: page.at(-1)!.key }) };
      cur = { r: cur.r + 1, k: null };
      if (out.length >= limit) return { data: out, nextCursor: cur.r < reasons.length ? encode(cur) : null };
    }
    return { data: out, nextCursor: null };
  });
}

/** The groups found under `reason`, with all the reasons their records share; those an earlier reason already lists are dropped. */
async function describeGroups(tx: Tx, ctx: TenantContext, type: DuplicateObjectType, reason: DuplicateReason, groups: string[][]): Promise<DuplicateGroup[]> {
  if (!groups.length) return [];
  const t = DUP_TABLES[type];
  const rows = (await tx.select().from(t).where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, [...new Set(groups.flat())])))) as Row[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const dismissed = new Set(
    (await tx
      .select({ recordIds: duplicateDismissals.recordIds })
      .from(duplicateDismissals)
      .where(and(eq(duplicateDismissals.tenantId, ctx.tenantId), eq(duplicateDismissals.recordType, type), arrayOverlaps(duplicateDismissals.recordIds, [...byId.keys()])))).map((d) => d.recordIds.join()),
  );
  const order = REASONS_OF[type];
  const out: DuplicateGroup[] = [];
  for (const ids of groups) {
    if (dismissed.has(ids.join())) continue;
    const shared = sharedReasons(type, ids.map((id) => byId.get(id)!));
    if (shared.some((r) => order.indexOf(r) < order.indexOf(reason))) continue;
    out.push({ recordIds: ids, reasons: shared.includes(reason) ? shared : [reason, ...shared] });
  }
  return out;
}

export interface PossibleDuplicate {
  id: string;
  row: Row;
  reasons: DuplicateReason[];
}

/**
 * The live records that share a key with record `id` (its possible duplicates), each with
 * the reasons: one indexed lookup per key. A record the caller cannot see is a 404.
 */
export async function duplicatesOf(ctx: TenantContext, type: DuplicateObjectType, id: string, limit = 20): Promise<PossibleDuplicate[]> {
  const t = DUP_TABLES[type];
  return withTenant(ctx, async (tx) => {
    const [record] = (await tx.select().from(t).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id), isNull(t.deletedAt)))) as Row[];
    if (!record) throw notFound(type.toLowerCase());
    return sharingKeys(tx, ctx, type, record, REASONS_OF[type], limit);
  });
}

/** What a create form warns of (issue 17): the live records already holding this email (contacts, leads) or domain (companies). */
export const CREATE_WARNING_REASONS: Record<DuplicateObjectType, readonly DuplicateReason[]> = { CONTACT: ["email"], LEAD: ["email"], COMPANY: ["domain"] };

/** The live records that already have the key values of a record not yet created (its form's `values`), each with the reasons. */
export async function existingDuplicates(ctx: TenantContext, type: DuplicateObjectType, values: Record<string, unknown>, limit = 5): Promise<PossibleDuplicate[]> {
  return withTenant(ctx, (tx) => sharingKeys(tx, ctx, type, { ...values, id: "" }, CREATE_WARNING_REASONS[type], limit));
}

/** The live records other than `record` that share one of its keys for `reasons`: one indexed lookup per key. */
async function sharingKeys(tx: Tx, ctx: TenantContext, type: DuplicateObjectType, record: Row, reasons: readonly DuplicateReason[], limit: number): Promise<PossibleDuplicate[]> {
  const t = DUP_TABLES[type];
  const keys = keysOf(type, record);
  const matches: SQL[] = [];
  for (const reason of reasons) {
    const spec = REASON_SQL[type][reason]!;
    for (const key of keys[reason] ?? []) {
      const parts = key.split("\u0000");
      for (const s of spec.sources) matches.push(and(...s.parts.map((p, i) => sql`${p} = ${parts[i]}::${sql.raw(spec.types[i]!)}`), s.where)!);
    }
  }
  if (!matches.length) return [];
  const rows = (await tx
    .select()
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), isNull(t.deletedAt), record.id ? ne(t.id, record.id) : undefined, or(...matches)))
    .orderBy(t.createdAt, t.id)
    .limit(limit)) as Row[];
  return rows.map((row) => ({ id: row.id, row, reasons: sharedReasons(type, [record, row]).filter((r) => reasons.includes(r)) }));
}

/** The live records of `ids` the caller may see (the duplicates page shows each group's). */
export async function duplicateRecords(ctx: TenantContext, type: DuplicateObjectType, ids: readonly string[]): Promise<Row[]> {
  if (!ids.length) return [];
  const t = DUP_TABLES[type];
  return withTenant(ctx, async (tx) => (await tx.select().from(t).where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, [...new Set(ids)]), isNull(t.deletedAt)))) as Row[]);
}
