// A reference to a CRM record (type + id) checked against this tenant: the record must
// exist and not be in the trash. Another tenant's id is "not found", never "forbidden".
import { and, eq, isNull } from "drizzle-orm";
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
