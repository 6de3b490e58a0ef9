// The access policy (issue 15, API.md "Visibility, teams and audit"): per role and record
// type, the read and write scope. The database applies it (RLS through access_scope_ids,
// migration access_scopes); this module reads and replaces it and says it in words.
import "server-only";
import { appendAudit } from "@/lib/audit/write";
import { and, eq } from "drizzle-orm";
import { accessPolicies } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { TenantContext } from "./context";
import { ACCESS_RECORD_TYPES, ACCESS_ROLES, accessPolicySchema, type AccessPolicy, type AccessRecordType, type AccessRole, type AccessScope } from "./access-schemas";
import { withTenant, type Tx } from "./with-tenant";

/** Every role and record type at all/all: today's behaviour, and what a missing row means. */
export function defaultAccessPolicy(): AccessPolicy {
  return Object.fromEntries(
    ACCESS_ROLES.map((role) => [role, Object.fromEntries(ACCESS_RECORD_TYPES.map((type) => [type, { read: "all" as AccessScope, write: "all" as AccessScope }]))]),
  ) as AccessPolicy;
}

async function load(tx: Tx, tenantId: string): Promise<AccessPolicy> {
  const policy = defaultAccessPolicy();
  const rows = await tx.select().from(accessPolicies).where(eq(accessPolicies.tenantId, tenantId));
  for (const r of rows) {
    if (!(ACCESS_ROLES as readonly string[]).includes(r.role) || !(ACCESS_RECORD_TYPES as readonly string[]).includes(r.recordType)) continue;
    policy[r.role as AccessRole][r.recordType as AccessRecordType] = { read: r.readScope, write: r.writeScope };
  }
  return policy;
}

export async function getAccessPolicy(ctx: TenantContext): Promise<AccessPolicy> {
  assertCan(ctx.actor.role, "users.manage");
  return withTenant(ctx, (tx) => load(tx, ctx.tenantId));
}

/**
 * Replaces the policy (roles and types left out keep theirs). A write scope wider than the
 * read scope is refused (one cannot change what one cannot see); readonly never writes, so
 * its write scope is kept equal to its read scope.
 */
export async function putAccessPolicy(ctx: TenantContext, input: unknown): Promise<AccessPolicy> {
  assertCan(ctx.actor.role, "users.manage");
  const parsed = accessPolicySchema.parse(input);
  const rank: Record<AccessScope, number> = { own: 0, team: 1, all: 2 };
  const rows: (typeof accessPolicies.$inferInsert)[] = [];
  const errors: { path: string; message: string }[] = [];
  for (const role of ACCESS_ROLES) {
    for (const type of ACCESS_RECORD_TYPES) {
      const s = parsed[role]?.[type];
      if (!s) continue;
      if (rank[s.write] > rank[s.read]) errors.push({ path: `${role}.${type}.write`, message: "cannot be wider than the read scope" });
      rows.push({ tenantId: ctx.tenantId, role, recordType: type, readScope: s.read, writeScope: s.write });
    }
  }
  if (errors.length) throw new AppError("validation", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
  return withTenant(ctx, async (tx) => {
    const before = await load(tx, ctx.tenantId);
    for (const r of rows) {
      await tx
        .insert(accessPolicies)
        .values(r)
        .onConflictDoUpdate({
          target: [accessPolicies.tenantId, accessPolicies.role, accessPolicies.recordType],
          set: { readScope: r.readScope, writeScope: r.writeScope, updatedAt: new Date() },
        });
    }
    const after = await load(tx, ctx.tenantId);
    // the audit keeps each changed role × type as [before, after]
    const changes: Record<string, [unknown, unknown]> = {};
    for (const r of rows) {
      const was = before[r.role as AccessRole]?.[r.recordType as AccessRecordType];
      const now = after[r.role as AccessRole]?.[r.recordType as AccessRecordType];
      if (JSON.stringify(was) !== JSON.stringify(now)) changes[`${r.role}.${r.recordType}`] = [was, now];
    }
    if (Object.keys(changes).length) await appendAudit(tx, ctx, { action: "access_policy.updated", changes });
    return after;
  });
}

/** Reads one role's scope for a type (the services' 403 message names it). */
export async function accessScopeOf(tx: Tx, tenantId: string, role: AccessRole, type: AccessRecordType): Promise<{ read: AccessScope; write: AccessScope }> {
  const [r] = await tx
    .select({ read: accessPolicies.readScope, write: accessPolicies.writeScope })
    .from(accessPolicies)
    .where(and(eq(accessPolicies.tenantId, tenantId), eq(accessPolicies.role, role), eq(accessPolicies.recordType, type)));
  return r ?? { read: "all", write: "all" };
}
