// The workspace's own settings (API.md "Analytics"): name, time zone, default currency.
// Stored on the tenants row (RLS: id = app.tenant_id); admins change them.
import "server-only";
import { eq } from "drizzle-orm";
import { tenants } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { workspacePatchSchema, type Workspace, type WorkspacePatch } from "./schemas";

const columns = { name: tenants.name, timeZone: tenants.timeZone, currency: tenants.defaultCurrency };

/** The workspace in a transaction already open for the tenant (analytics read the zone this way). */
export async function loadWorkspace(tx: Tx, tenantId: string): Promise<Workspace> {
  const [row] = await tx.select(columns).from(tenants).where(eq(tenants.id, tenantId));
  if (!row) throw notFound("Workspace");
  return row;
}

export async function getWorkspace(ctx: TenantContext): Promise<Workspace> {
  return withTenant(ctx, (tx) => loadWorkspace(tx, ctx.tenantId));
}

export async function updateWorkspace(ctx: TenantContext, input: WorkspacePatch | unknown): Promise<Workspace> {
  assertCan(ctx.actor.role, "settings.manage");
  const patch = workspacePatchSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const set = { ...(patch.name !== undefined && { name: patch.name }), ...(patch.timeZone !== undefined && { timeZone: patch.timeZone }), ...(patch.currency !== undefined && { defaultCurrency: patch.currency }) };
    if (Object.keys(set).length) {
      const [row] = await tx.update(tenants).set(set).where(eq(tenants.id, ctx.tenantId)).returning(columns);
      if (!row) throw notFound("Workspace");
      return row;
    }
    return loadWorkspace(tx, ctx.tenantId);
  });
}
