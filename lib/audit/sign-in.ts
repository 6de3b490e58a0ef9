// Sign-ins and failed sign-ins in the audit log of the workspace they were for. A failure
// for an unknown email belongs to no workspace and is not recorded (the throttle counts it).
import "server-only";
import { membershipsOf } from "@/lib/auth/users";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { appendAudit } from "./write";

export async function auditSignIn(input: { userId: string; tenantId: string; ok: boolean; ip: string | null }): Promise<void> {
  const ctx: TenantContext = { tenantId: input.tenantId, actor: systemActor(), ip: input.ip };
  await withTenant(ctx, (tx) => appendAudit(tx, ctx, { action: input.ok ? "auth.sign_in" : "auth.sign_in_failed", actorUserId: input.userId }));
}

/** A wrong password for a known user: recorded in the workspace asked for, else in each of theirs. */
export async function auditSignInFailed(userId: string, wantedTenantId: string | undefined, ip: string | null): Promise<void> {
  const active = (await membershipsOf(userId)).filter((m) => m.isActive);
  const wanted = active.find((m) => m.tenantId === wantedTenantId);
  for (const m of wanted ? [wanted] : active) await auditSignIn({ userId, tenantId: m.tenantId, ok: false, ip });
}
