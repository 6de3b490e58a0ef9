// What the merge dialog shows: the records side by side, each field as a person reads it
// (a company's name, an owner's name), and the raw values the default rule judges by.
import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { companies } from "@/db/schema";
import { listCustomFields } from "@/lib/custom-fields/service";
import { RECORD_KINDS } from "@/lib/records/registry";
import { duplicateRecords } from "@/lib/duplicates/queries";
import { serializeRecord, type RecordRow } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { listMembers } from "@/lib/tenancy/members";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { MergeKind } from "./rules";

export interface MergeViewRecord {
  id: string;
  title: string;
  createdAt: string;
  /** Raw values by field (`customFields.<key>` for custom fields): what the rule calls empty. */
  values: Record<string, unknown>;
  /** The same values as shown. */
  display: Record<string, string | null>;
  tags: string[];
}

export interface MergeView {
  /** The kind's custom fields, labelled (the dialog lists the kind's own fields after RECORD_FIELDS). */
  customFields: { name: string; label: string }[];
  records: MergeViewRecord[];
}

const shown = (v: unknown): string | null => (v === null || v === undefined || v === "" ? null : v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v) : String(v));

/** The live records of `ids` the caller may see, in the order of `ids`. */
export async function loadMergeView(ctx: TenantContext, kind: MergeKind, ids: readonly string[]): Promise<MergeView> {
  const def = RECORD_KINDS[kind];
  const [rows, members, definitions] = await Promise.all([
    duplicateRecords(ctx, kind, ids) as Promise<RecordRow[]>,
    listMembers(ctx),
    listCustomFields(ctx, kind),
  ]);
  const companyIds = [...new Set(rows.map((r) => r.companyId).filter((v): v is string => typeof v === "string"))];
  const companyNames = new Map(
    companyIds.length
      ? (await withTenant(ctx, (tx) => tx.select({ id: companies.id, name: companies.name }).from(companies).where(and(eq(companies.tenantId, ctx.tenantId), inArray(companies.id, companyIds), isNull(companies.deletedAt))))).map((c) => [c.id, c.name])
      : [],
  );
  const userNames = new Map(members.map((m) => [m.userId, m.name]));
  const customFields = definitions.map((d) => ({ name: `customFields.${d.key}`, label: d.label }));
  const fields = [...Object.keys(def.createSchema.shape).map((name) => ({ name })), ...customFields];
  const records = rows
    .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
    .map((row) => {
      const r = serializeRecord(row);
      const custom = (row.customFields as Record<string, unknown> | null) ?? {};
      const values: Record<string, unknown> = {};
      const display: Record<string, string | null> = {};
      for (const f of fields) {
        const v = f.name.startsWith("customFields.") ? custom[f.name.slice("customFields.".length)] : r[f.name];
        values[f.name] = v ?? null;
        display[f.name] = f.name === "companyId" && typeof v === "string" ? (companyNames.get(v) ?? null) : f.name === "ownedByUserId" && typeof v === "string" ? (userNames.get(v) ?? null) : shown(v);
      }
      return { id: row.id, title: def.title(row), createdAt: row.createdAt.toISOString(), values, display, tags: (row.tags as string[] | null) ?? [] };
    });
  return { customFields, records };
}
