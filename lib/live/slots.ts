// Caps on open live streams (server-sent events). Each holds a connection, a heartbeat
// timer and a subscription for as long as its client stays, so one key or user could
// otherwise hold hundreds. Per user or API key: LIVE_STREAMS_PER_PRINCIPAL (default 10);
// per instance: LIVE_STREAMS_PER_INSTANCE (default 500). Over either: 429.
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";

interface Slots {
  total: number;
  byOwner: Map<string, number>;
}

// On globalThis: one count per process, even when Next bundles this module into several chunks.
const g = globalThis as unknown as { __stagelineLiveSlots?: Slots };
const slots = (): Slots => (g.__stagelineLiveSlots ??= { total: 0, byOwner: new Map() });

/** Whose streams count together: the API key, else the user. */
export function streamOwner(ctx: TenantContext): string {
  if (ctx.actor.apiKeyId) return `key:${ctx.actor.apiKeyId}`;
  return ctx.actor.userId ? `user:${ctx.actor.userId}` : `tenant:${ctx.tenantId}`;
}

/** Open streams, of one owner or of the instance. */
export function openStreams(owner?: string): number {
  const s = slots();
  return owner === undefined ? s.total : (s.byOwner.get(owner) ?? 0);
}

/**
 * Takes a slot for a new stream, or throws a 429 `rate-limited`. The returned release is
 * idempotent; the stream calls it when it closes, however it closes.
 */
export function acquireStreamSlot(owner: string | undefined): () => void {
  const s = slots();
  const mine = owner === undefined ? 0 : (s.byOwner.get(owner) ?? 0);
  const perOwner = env.LIVE_STREAMS_PER_PRINCIPAL;
  if (owner !== undefined && mine >= perOwner) {
    throw new AppError("rate-limited", `At most ${perOwner} live streams may be open at once per user or API key: close one first`);
  }
  if (s.total >= env.LIVE_STREAMS_PER_INSTANCE) throw new AppError("rate-limited", "Too many live streams are open on this server: retry later");
  s.total++;
  if (owner !== undefined) s.byOwner.set(owner, mine + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    s.total--;
    if (owner === undefined) return;
    const left = (s.byOwner.get(owner) ?? 1) - 1;
    if (left > 0) s.byOwner.set(owner, left);
    else s.byOwner.delete(owner);
  };
}
