// Reads of the audit log: newest first, keyset-paged on the append order (seq).
import "server-only";
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { auditLog, type AuditEntry } from "@/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/api/cursor";
import { assertCan } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { AuditQuery } from "./schemas";

export type AuditOut = Omit<AuditEntry, "tenantId" | "seq">;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function auditWhere(ctx: TenantContext, q: Omit<AuditQuery, "cursor" | "limit">): SQL {
  const conds: (SQL | undefined)[] = [eq(auditLog.tenantId, ctx.tenantId)];
  if (q.actorUserId) conds.push(eq(auditLog.actorUserId, q.actorUserId));
  if (q.recordType) conds.push(eq(auditLog.recordType, q.recordType));
  if (q.recordId) conds.push(eq(auditLog.recordId, q.recordId));
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.from) conds.push(sql`${auditLog.at} >= ${q.from}::timestamptz`);
  // a day as `to` includes that whole day (UTC)
  if (q.to) conds.push(DAY.test(q.to) ? sql`${auditLog.at} < (${q.to}::date + 1)::timestamp at time zone 'UTC'` : sql`${auditLog.at} < ${q.to}::timestamptz`);
  return and(...conds)!;
}

/** One page of the tenant's audit log (admins only). */
export async function listAuditLog(ctx: TenantContext, q: AuditQuery): Promise<{ data: AuditOut[]; nextCursor: string | null }> {
  assertCan(ctx.actor.role, "audit.read");
  const limit = q.limit ?? 50;
  const after = q.cursor ? decodeCursor(q.cursor, (v) => typeof v === "number" && Number.isSafeInteger(v)) : null;
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(and(auditWhere(ctx, q), after ? lt(auditLog.seq, after.v as number) : undefined))
      .orderBy(desc(auditLog.seq))
      .limit(limit + 1),
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(({ tenantId: _t, seq: _s, ...rest }) => rest),
    nextCursor: rows.length > limit && last ? encodeCursor({ v: last.seq, id: last.id }) : null,
  };
}

/** Every entry about one record, oldest first (a contact's personal-data export). */
export async function auditOfRecord(ctx: TenantContext, recordType: AuditEntry["recordType"] & string, recordId: string): Promise<AuditOut[]> {
  const rows = await withTenant(ctx, (tx) =>
    tx.select().from(auditLog).where(and(eq(auditLog.tenantId, ctx.tenantId), eq(auditLog.recordType, recordType), eq(auditLog.recordId, recordId))).orderBy(auditLog.seq),
  );
  return rows.map(({ tenantId: _t, seq: _s, ...rest }) => rest);
}
