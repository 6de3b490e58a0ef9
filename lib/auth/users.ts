// Reads that happen before a tenant is known: the global users table and the
// SECURITY DEFINER look-ups of the rls migration. Server-only.
import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import type { Role } from "./permissions";

export interface Membership {
  tenantId: string;
  tenantName: string;
  role: Role;
  isActive: boolean;
}

export async function findUserByEmail(email: string) {
  const [row] = await db()
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return row;
}

export async function findUserById(id: string) {
  const [row] = await db()
    .select({ id: users.id, email: users.email, name: users.name, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

export async function membershipsOf(userId: string): Promise<Membership[]> {
  const rows = await db().execute<{ tenant_id: string; tenant_name: string; role: Role; is_active: boolean }>(
    sql`select tenant_id, tenant_name, role, is_active from auth_memberships(${userId}::uuid)`,
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, tenantName: r.tenant_name, role: r.role, isActive: r.is_active }));
}
