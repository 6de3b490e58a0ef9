// Test factories: each test makes its own tenant, so tests run in parallel.
import { randomUUID } from "node:crypto";
import { tenantUsers, users } from "../schema";
import type { Role } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import type { TenantContext } from "@/lib/tenancy/context";
import { createTenant } from "@/lib/tenancy/create-tenant";
import { withTenant } from "@/lib/tenancy/with-tenant";

export const TEST_PASSWORD = "Str0ng-pass!";

export async function makeTenant(name = "Test Co") {
  const email = `admin-${randomUUID()}@example.test`;
  const { tenantId, userId } = await createTenant({ name, adminEmail: email, adminPassword: TEST_PASSWORD });
  const ctx: TenantContext = { tenantId, actor: { kind: "user", userId, role: "admin", source: "USER" } };
  return { tenantId, userId, email, ctx };
}

/** Adds a user with a role to a tenant; returns a context acting as them. */
export async function makeMember(tenantId: string, role: Role, name = "Member") {
  const email = `${role}-${randomUUID()}@example.test`;
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const adminCtx: TenantContext = { tenantId, actor: { kind: "system", userId: null, role: "admin", source: "SYSTEM" } };
  const userId = await withTenant(adminCtx, async (tx) => {
    const [u] = await tx.insert(users).values({ email, name, passwordHash }).returning({ id: users.id });
    await tx.insert(tenantUsers).values({ tenantId, userId: u!.id, role });
    return u!.id;
  });
  const ctx: TenantContext = { tenantId, actor: { kind: "user", userId, role, source: "USER" } };
  return { userId, email, ctx };
}
