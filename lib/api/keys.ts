import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys } from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { appendAudit } from "@/lib/audit/write";

const PREFIX = "slk_";

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** Creates a key; the plaintext is returned once and only its hash is stored. */
export async function createApiKey(ctx: TenantContext, input: { name: string; role: Role }) {
  const key = PREFIX + randomBytes(32).toString("base64url");
  const row = await withTenant(ctx, async (tx) => {
    const [r] = await tx
      .insert(apiKeys)
      .values({ tenantId: ctx.tenantId, name: input.name, role: input.role, keyPrefix: key.slice(0, 10), keyHash: hashApiKey(key), createdByUserId: ctx.actor.userId })
      .returning({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, keyPrefix: apiKeys.keyPrefix, createdAt: apiKeys.createdAt });
    await appendAudit(tx, ctx, { action: "api_key.created", changes: { apiKeyId: r!.id, name: r!.name, role: r!.role } });
    return r!;
  });
  return { ...row, key };
}

export async function listApiKeys(ctx: TenantContext) {
  return withTenant(ctx, (tx) =>
    tx
      .select({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, keyPrefix: apiKeys.keyPrefix, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(eq(apiKeys.tenantId, ctx.tenantId))
      .orderBy(desc(apiKeys.createdAt)),
  );
}

export async function revokeApiKey(ctx: TenantContext, id: string) {
  await withTenant(ctx, async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.tenantId, ctx.tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name });
    if (!row) throw notFound("API key");
    await appendAudit(tx, ctx, { action: "api_key.revoked", changes: { apiKeyId: row.id, name: row.name } });
  });
}

/** Bearer key → tenant context, or null for a missing, unknown or revoked key. */
export async function authenticateApiKey(key: string): Promise<TenantContext | null> {
  if (!key.startsWith(PREFIX) || key.length > 200) return null;
  const rows = await db().execute<{ tenant_id: string; api_key_id: string; role: Role }>(sql`select * from auth_api_key(${hashApiKey(key)})`);
  const hit = rows[0];
  if (!hit) return null;
  const ctx: TenantContext = { tenantId: hit.tenant_id, actor: { kind: "api_key", userId: null, apiKeyId: hit.api_key_id, role: hit.role, source: "API" } };
  // last_used_at is informational: at most one write a minute per key
  await withTenant(ctx, (tx) =>
    tx
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiKeys.tenantId, hit.tenant_id), eq(apiKeys.id, hit.api_key_id), sql`(${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute')`)),
  );
  return ctx;
}
