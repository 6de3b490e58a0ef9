// What an API key resolves to (tenant, key, role, user), kept per app instance so that a
// REST request does not look its key up again (issue 15, the request path). Two locks keep
// it honest (migration request_path_and_access_explain):
// - eviction: a change to a key or a membership NOTIFYs 'stageline_auth' with its tenant
//   on commit; every instance drops that tenant's entries (all of them after the LISTEN
//   connection was lost, when messages may have been missed);
// - the guarantee: withTenant checks a cached key in the statement that sets the tenant
//   (api_key_check), in the request's own snapshot; a stale key fails there and apiRoute
//   authenticates the request afresh (lib/api/handler.ts).
import "server-only";
import { rawSql } from "@/db/client";
import { log } from "@/lib/log";
import type { TenantContext } from "@/lib/tenancy/context";

export const AUTH_CHANNEL = "stageline_auth";
/** Keys kept at most; past it the oldest entry goes (a Map iterates in insertion order). */
const MAX_ENTRIES = 10_000;

interface Entry {
  ctx: TenantContext;
  /** When this instance last wrote the key's last_used_at (ms). */
  lastUsedWrite: number;
}

interface Cache {
  entries: Map<string, Entry>;
  listening: Promise<void> | null;
  client: unknown;
}

// On globalThis: one cache per process, even when Next bundles this module into several chunks.
const g = globalThis as unknown as { __stagelineKeyCache?: Cache };
const cache = (): Cache => (g.__stagelineKeyCache ??= { entries: new Map(), listening: null, client: null });

function evictTenant(c: Cache, tenantId: string) {
  for (const [hash, e] of c.entries) if (e.ctx.tenantId === tenantId) c.entries.delete(hash);
}

/** LISTEN once per process; resolves when active. Until then nothing is cached. */
function ensureListening(c: Cache): Promise<void> {
  const client = rawSql();
  if (c.listening && c.client === client) return c.listening;
  c.client = client;
  c.entries.clear();
  const listening = client
    .listen(
      AUTH_CHANNEL,
      (tenantId) => evictTenant(c, tenantId),
      // called on every (re)connection: what changed while it was down was not heard
      () => c.entries.clear(),
    )
    .then(() => undefined);
  c.listening = listening;
  listening.catch((err: unknown) => {
    log.error({ err }, "key cache: LISTEN failed; keys are looked up on every request");
    if (c.listening === listening) c.listening = null;
  });
  return listening;
}

/** The cached answer for a key's hash, or undefined. */
export function cachedKey(hash: string): Entry | undefined {
  const c = cache();
  if (!c.listening || c.client !== rawSql()) {
    void ensureListening(c).catch(() => {});
    return undefined;
  }
  return c.entries.get(hash);
}

/** Keeps what the database answered for a key, once LISTEN is active (else evictions could be missed). */
export async function rememberKey(hash: string, ctx: TenantContext, lastUsedWrite: number): Promise<void> {
  const c = cache();
  try {
    await ensureListening(c);
  } catch {
    return;
  }
  if (c.entries.size >= MAX_ENTRIES) c.entries.delete(c.entries.keys().next().value!);
  c.entries.set(hash, { ctx, lastUsedWrite });
}

/** Drops a key (its check failed: revoked, member deactivated, role changed). */
export function forgetKey(apiKeyId: string): void {
  const c = cache();
  for (const [hash, e] of c.entries) if (e.ctx.actor.apiKeyId === apiKeyId) c.entries.delete(hash);
}

/** Entries held (tests). */
export function keyCacheSize(): number {
  return cache().entries.size;
}
