import { companies, type Company } from "@/db/schema";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { emitEvent } from "@/lib/events/emit";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { companyCreateSchema, type CompanyCreateInput } from "./schemas";

/** The one write path for a new company: the row and its `record.created` event, one transaction. */
export async function createCompany(ctx: TenantContext, input: CompanyCreateInput): Promise<Company> {
  const data = companyCreateSchema.parse(input);
  try {
    return await withTenant(ctx, async (tx) => {
      const [row] = await tx
        .insert(companies)
        .values({ ...data, tenantId: ctx.tenantId, createdByUserId: ctx.actor.userId, ownedByUserId: data.ownedByUserId ?? ctx.actor.userId })
        .returning();
      await emitEvent(tx, ctx, { type: "record.created", entityType: "COMPANY", entityId: row!.id, payload: { record: row } });
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err, "companies_domain_key")) {
      throw new AppError("conflict", `A company with domain ${data.domain} already exists`, { errors: [{ path: "domain", message: "is already used by another company" }] });
    }
    throw err;
  }
}
