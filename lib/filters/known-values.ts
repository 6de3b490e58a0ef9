// The values a filter condition can offer for a field, read from the workspace: the most
// used values of a text column (industry, source, status...), and the pipelines and stages
// of the record type for pipelineId / stageId. Read as the user (RLS and access scopes
// apply), so nobody learns values of records they cannot see. Enums, users, groups, tags
// and lists are known to the page already (FilterValueOptions).
import "server-only";
import { and, asc, count, desc, eq, isNotNull, isNull, ne, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { pipelines, pipelineStages } from "@/db/schema";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { filterFields, type FilterObjectType } from "./fields";

export const KNOWN_VALUES_LIMIT = 50;

export interface KnownValue {
  value: string;
  label: string;
}

type Columns = PgTable & { tenantId?: AnyPgColumn; deletedAt?: AnyPgColumn };
const PIPELINE_TYPES = new Set<FilterObjectType>(["LEAD", "DEAL", "TICKET"]);

export async function knownValues(ctx: TenantContext, objectType: FilterObjectType, path: string): Promise<KnownValue[]> {
  if ((path === "pipelineId" || path === "stageId") && PIPELINE_TYPES.has(objectType)) {
    const type = objectType as "LEAD" | "DEAL" | "TICKET";
    return withTenant(ctx, async (tx) => {
      if (path === "pipelineId") {
        const rows = await tx.select({ value: pipelines.id, label: pipelines.name }).from(pipelines).where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.objectType, type))).orderBy(asc(pipelines.displayOrder));
        return rows;
      }
      const rows = await tx
        .select({ value: pipelineStages.id, stage: pipelineStages.name, pipeline: pipelines.name })
        .from(pipelineStages)
        .innerJoin(pipelines, and(eq(pipelines.tenantId, pipelineStages.tenantId), eq(pipelines.id, pipelineStages.pipelineId)))
        .where(and(eq(pipelineStages.tenantId, ctx.tenantId), eq(pipelines.objectType, type)))
        .orderBy(asc(pipelines.displayOrder), asc(pipelineStages.displayOrder));
      const several = new Set(rows.map((r) => r.pipeline)).size > 1;
      return rows.map((r) => ({ value: r.value, label: several ? `${r.pipeline} › ${r.stage}` : r.stage }));
    });
  }
  const field = filterFields(objectType).get(path);
  if (!field || field.type.kind !== "string" || field.source.from === "custom") return [];
  const column = field.source.column;
  const table = (column as unknown as { table: Columns }).table;
  const conditions: (SQL | undefined)[] = [isNotNull(column), ne(column, "")];
  if (table.tenantId) conditions.push(eq(table.tenantId, ctx.tenantId));
  if (table.deletedAt) conditions.push(isNull(table.deletedAt));
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ value: column, n: count() })
      .from(table)
      .where(and(...conditions))
      .groupBy(column)
      .orderBy(desc(count()), asc(column))
      .limit(KNOWN_VALUES_LIMIT),
  );
  return rows.map((r) => ({ value: String(r.value), label: String(r.value) }));
}
