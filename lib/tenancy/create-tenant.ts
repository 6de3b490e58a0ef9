import "server-only";
import { randomUUID } from "node:crypto";
import { pipelines, pipelineStages, tenants, tenantUsers, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { ensureDefaultDashboard } from "@/lib/dashboards/seed";
import { DEFAULT_PIPELINES, stageTypeFor } from "@/lib/pipelines/defaults";
import { systemActor, type TenantContext } from "./context";
import { withTenant, type Tx } from "./with-tenant";

export interface CreateTenantInput {
  name: string;
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
}

export function slugify(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "tenant";
}

/**
 * Sign-up and the CLI: a tenant, its first admin (a new user), and the default
 * pipelines for deals, leads and tickets, and the "Sales manager" dashboard — one transaction.
 */
export async function createTenant(input: CreateTenantInput): Promise<{ tenantId: string; userId: string }> {
  const tenantId = randomUUID();
  const passwordHash = await hashPassword(input.adminPassword);
  const ctx: TenantContext = { tenantId, actor: systemActor() };
  try {
    return await withTenant(ctx, async (tx) => {
      await tx.insert(tenants).values({ id: tenantId, name: input.name, slug: `${slugify(input.name)}-${tenantId.slice(0, 8)}` });
      await createDefaultPipelines(tx, tenantId);
      await ensureDefaultDashboard(tx, tenantId);
      // The user last: a taken email fails after the same work a new one does, so sign-up
      // takes as long either way (lib/auth/sign-up.ts).
      const [user] = await tx
        .insert(users)
        .values({ email: input.adminEmail.trim().toLowerCase(), name: input.adminName?.trim() || input.adminEmail.split("@")[0]!, passwordHash })
        .returning({ id: users.id });
      await tx.insert(tenantUsers).values({ tenantId, userId: user!.id, role: "admin" });
      return { tenantId, userId: user!.id };
    });
  } catch (err) {
    if (isUniqueViolation(err, "users_email_key")) {
      throw new AppError("conflict", "An account with this email already exists", { errors: [{ path: "adminEmail", message: "already registered" }] });
    }
    throw err;
  }
}

export async function createDefaultPipelines(tx: Tx, tenantId: string): Promise<void> {
  for (const [i, p] of DEFAULT_PIPELINES.entries()) {
    const [row] = await tx
      .insert(pipelines)
      .values({ tenantId, name: p.name, pipelineKey: p.pipelineKey, objectType: p.objectType, movementMode: p.movementMode, isDefault: true, displayOrder: i })
      .returning({ id: pipelines.id });
    await tx.insert(pipelineStages).values(
      p.stages.map((s, order) => ({
        tenantId,
        pipelineId: row!.id,
        name: s.name,
        displayOrder: order,
        stageState: s.stageState,
        stageType: stageTypeFor(s.stageState),
        probability: s.probability,
        color: s.color,
        expectedDays: s.expectedDays,
      })),
    );
  }
}
