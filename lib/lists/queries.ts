// Read helpers for the lists UI: member titles, and turning pasted ids / emails into ids.
import { and, eq, inArray, sql } from "drizzle-orm";
import { contacts, leads } from "@/db/schema";
import { RECORD_KINDS } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { MEMBER_TABLES, type ListObjectType } from "./service";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** id → human title (and whether the record is soft-deleted) for records of one type. */
export async function memberTitles(ctx: TenantContext, objectType: ListObjectType, ids: string[]): Promise<Map<string, { title: string; deleted: boolean }>> {
  if (ids.length === 0) return new Map();
  const t = MEMBER_TABLES[objectType];
  const rows = (await withTenant(ctx, (tx) => tx.select().from(t).where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, ids))))) as Record<string, unknown>[];
  const title = (r: Record<string, unknown>) => (objectType === "ACTIVITY" ? String(r.subject ?? "(activity)") : RECORD_KINDS[objectType].title(r));
  return new Map(rows.map((r) => [String(r.id), { title: title(r), deleted: r.deletedAt != null }]));
}

/**
 * Pasted references (ids, or emails for contacts and leads) → record ids. Unknown
 * emails come back in `unknown`; ids are passed through for addMembers to check.
 */
export async function resolveMemberRefs(ctx: TenantContext, objectType: ListObjectType, refs: string[]): Promise<{ ids: string[]; unknown: string[] }> {
  const ids = refs.filter((r) => UUID_RE.test(r));
  const emails = refs.filter((r) => !UUID_RE.test(r)).map((e) => e.toLowerCase());
  if (emails.length === 0) return { ids, unknown: [] };
  const table = objectType === "CONTACT" ? contacts : objectType === "LEAD" ? leads : null;
  if (!table) return { ids, unknown: emails };
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ id: table.id, email: table.email })
      .from(table)
      .where(and(eq(table.tenantId, ctx.tenantId), inArray(sql`lower(${table.email})`, emails), sql`${table.deletedAt} is null`)),
  );
  const found = new Set(rows.map((r) => r.email?.toLowerCase()));
  return { ids: [...ids, ...rows.map((r) => r.id)], unknown: emails.filter((e) => !found.has(e)) };
}

export const RECORD_PATHS: Record<ListObjectType, string | null> = {
  CONTACT: "/contacts",
  COMPANY: "/companies",
  DEAL: "/deals",
  LEAD: "/leads",
  TICKET: "/tickets",
  ACTIVITY: null,
};
