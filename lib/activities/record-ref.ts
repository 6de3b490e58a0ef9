// A reference to a CRM record (type + id) checked against this tenant: the record must
// exist and not be in the trash. Another tenant's id is "not found", never "forbidden".
import { and, eq, inArray, isNull } from "drizzle-orm";
import { notFound } from "@/lib/errors";
import { RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import type { RecordRow } from "@/lib/records/service";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";

export interface RecordRef {
  kind: RecordKind;
  id: string;
  title: string;
  row: RecordRow;
}

export async function loadRecordRef(tx: Tx, tenantId: string, kind: RecordKind, id: string): Promise<RecordRef> {
  const def = RECORD_KINDS[kind];
  if (!isUuid(id)) throw notFound(def.singular);
  const t = tableOf(def);
  const [row] = (await tx
    .select()
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.id, id), isNull(t.deletedAt)))) as RecordRow[];
  if (!row) throw notFound(def.singular);
  return { kind, id, title: def.title(row), row };
}

/**
 * Many records of one kind in one read (a campaign's batch, a sync's batch): the live ones
 * by id. Ids that are not live records of this tenant are absent; the caller decides.
 */
export async function loadRecordRefs(tx: Tx, tenantId: string, kind: RecordKind, ids: readonly string[]): Promise<Map<string, RecordRef>> {
  const def = RECORD_KINDS[kind];
  const wanted = [...new Set(ids)].filter(isUuid);
  const out = new Map<string, RecordRef>();
  if (!wanted.length) return out;
  const t = tableOf(def);
  const rows = (await tx
    .select()
    .from(t)
    .where(and(eq(t.tenantId, tenantId), inArray(t.id, wanted), isNull(t.deletedAt)))) as RecordRow[];
  for (const row of rows) out.set(row.id, { kind, id: row.id, title: def.title(row), row });
  return out;
}
