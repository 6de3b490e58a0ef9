import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys, tenantUsers } from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";
import { notFound, validationError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { appendAudit } from "@/lib/audit/write";
import { log } from "@/lib/log";
import { cachedKey, rememberKey } from "./key-cache";

const PREFIX = "slk_";

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** Creates a key; the plaintext is returned once and only its hash is stored. */
/**
 * A key with `userId` acts as that active member: their role and access scope at each
 * request (the role stored is theirs at creation, for the list). Without, a workspace key:
 * `role`, and every record (API.md "Visibility, teams and audit").
 */
export async function createApiKey(ctx: TenantContext, input: { name: string; role?: Role | null; userId?: string | null }) {
  const key = PREFIX + randomBytes(32).toString("base64url");
  const row = await withTenant(ctx, async (tx) => {
    let role = input.role ?? null;
    if (input.userId) {
      const [m] = await tx
        .select({ role: tenantUsers.role })
        .from(tenantUsers)
        .where(and(eq(tenantUsers.tenantId, ctx.tenantId), eq(tenantUsers.userId, input.userId), eq(tenantUsers.isActive, true)));
      if (!m) throw validationError([{ path: "userId", message: "is not an active user of this workspace" }]);
      role = m.role;
    }
    if (!role) throw validationError([{ path: "role", message: "is required for a key that acts as no user" }]);
    const [r] = await tx
      .insert(apiKeys)
      .values({ tenantId: ctx.tenantId, name: input.name, role, userId: input.userId ?? null, keyPrefix: key.slice(0, 10), keyHash: hashApiKey(key), createdByUserId: ctx.actor.userId })
      .returning({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, userId: apiKeys.userId, keyPrefix: apiKeys.keyPrefix, createdAt: apiKeys.createdAt });
    await appendAudit(tx, ctx, { action: "api_key.created", changes: { apiKeyId: r!.id, name: r!.name, role: r!.role, ...(r!.userId ? { userId: r!.userId } : {}) } });
    return r!;
  });
  return { ...row, key };
}

export async function listApiKeys(ctx: TenantContext) {
  return withTenant(ctx, (tx) =>
    tx
      .select({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, userId: apiKeys.userId, keyPrefix: apiKeys.keyPrefix, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
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

/** Bearer key → tenant context, or null for a missing, unknown or revoked key (looked up now). */
export async function authenticateApiKey(key: string): Promise<TenantContext | null> {
  if (!key.startsWith(PREFIX) || key.length > 200) return null;
  const hash = hashApiKey(key);
  const ctx = await lookUpKey(hash);
  if (ctx) await touchKey(ctx);
  return ctx;
}

/**
 * authenticateApiKey for the request path: a key seen before on this instance is not
 * looked up again (lib/api/key-cache.ts). What it answers may be a moment stale; withTenant
 * checks it in the request's own transaction (api_key_check), and apiRoute authenticates
 * afresh when that check fails.
 */
export async function authenticateApiKeyCached(key: string): Promise<TenantContext | null> {
  if (!key.startsWith(PREFIX) || key.length > 200) return null;
  const hash = hashApiKey(key);
  const hit = cachedKey(hash);
  if (hit) {
    // last_used_at is informational: at most one write a minute per key, off the request's path
    if (Date.now() - hit.lastUsedWrite > 60_000) {
      hit.lastUsedWrite = Date.now();
      touchKey(hit.ctx).catch((err: unknown) => log.warn({ err }, "api key: last_used_at not written"));
    }
    return hit.ctx;
  }
  const ctx = await lookUpKey(hash);
  if (!ctx) return null;
  await touchKey(ctx);
  await rememberKey(hash, ctx, Date.now());
  return ctx;
}

async function lookUpKey(hash: string): Promise<TenantContext | null> {
  const rows = await db().execute<{ tenant_id: string; api_key_id: string; role: Role; user_id: string | null }>(sql`select * from auth_api_key(${hash})`);
  const hit = rows[0];
  if (!hit) return null;
  // a key of a user acts as them (withTenant: their scope); a workspace key has no user
  return { tenantId: hit.tenant_id, actor: { kind: "api_key", userId: hit.user_id, apiKeyId: hit.api_key_id, role: hit.role, source: "API" } };
}

/** last_used_at is informational: at most one write a minute per key. */
async function touchKey(ctx: TenantContext): Promise<void> {
  const keyId = ctx.actor.apiKeyId!;
  await withTenant(ctx, (tx) =>
    tx
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiKeys.tenantId, ctx.tenantId), eq(apiKeys.id, keyId), sql`(${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute')`)),
  );
}
