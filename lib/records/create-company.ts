import "server-only";
import type { Company } from "@/db/schema";
import type { TenantContext } from "@/lib/tenancy/context";
import type { CompanyCreateInput } from "./schemas";
import { createRecord } from "./service";

/** The one write path for a new company: the row and its `record.created` event, one transaction. */
export async function createCompany(ctx: TenantContext, input: CompanyCreateInput): Promise<Company> {
  return (await createRecord(ctx, "COMPANY", input)) as unknown as Company;
}
