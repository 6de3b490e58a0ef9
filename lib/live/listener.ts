// Live updates: ONE LISTEN per process on the channel the outbox trigger NOTIFYs on commit
// (migration 0002: pg_notify('stageline_events', {tenantId, eventId, type, entityType,
// entityId})), fanned out in memory to the subscribers of that tenant. Postgres delivers
// a NOTIFY only when its transaction commits, to every listening connection, so every app
// instance hears every committed event and rolled-back work is never announced.
import "server-only";
import { rawSql } from "@/db/client";
import { log } from "@/lib/log";

export const LIVE_CHANNEL = "stageline_events";

export interface LiveEvent {
  tenantId: string;
  eventId: string;
  type: string;
  entityType: string | null;
  entityId: string | null;
}

/**
 * What subscribers receive: a committed event, or `live.resync` after the LISTEN
 * connection was lost and re-established (events may have been missed: reload).
 */
export type LiveMessage = LiveEvent | { type: "live.resync"; tenantId: string };

export type Subscriber = (message: LiveMessage) => void;

interface Hub {
  subscribers: Map<string, Set<Subscriber>>;
  /** Resolves once LISTEN is active on `client`. */
  listening: Promise<void> | null;
  client: unknown;
}

// On globalThis: one hub per process, even when Next bundles this module into several chunks.
const g = globalThis as unknown as { __stagelineLive?: Hub };
const hub = (): Hub => (g.__stagelineLive ??= { subscribers: new Map(), listening: null, client: null });

function parse(payload: string): LiveEvent | null {
  try {
    const e = JSON.parse(payload) as Partial<LiveEvent>;
    if (typeof e.tenantId !== "string" || typeof e.type !== "string") return null;
    return { tenantId: e.tenantId, eventId: String(e.eventId ?? ""), type: e.type, entityType: e.entityType ?? null, entityId: e.entityId ?? null };
  } catch {
    return null;
  }
}

function deliver(h: Hub, tenantId: string, message: LiveMessage) {
  for (const fn of h.subscribers.get(tenantId) ?? []) {
    try {
      fn(message);
    } catch (err) {
      log.error({ err }, "live: subscriber failed");
    }
  }
}

function ensureListening(h: Hub): Promise<void> {
  const client = rawSql();
  if (h.listening && h.client === client) return h.listening;
  h.client = client;
  let established = 0;
  const listening = client
    .listen(
      LIVE_CHANNEL,
      (payload) => {
        const event = parse(payload);
        if (event) deliver(h, event.tenantId, event);
      },
      // postgres.js re-LISTENs by itself after a lost connection; what was sent meanwhile is gone
      () => {
        if (established++ > 0) for (const tenantId of h.subscribers.keys()) deliver(h, tenantId, { type: "live.resync", tenantId });
      },
    )
    .then(() => undefined);
  h.listening = listening;
  // a failed LISTEN lets the next subscriber try again
  listening.catch(() => {
    if (h.listening === listening) h.listening = null;
  });
  return listening;
}

/** Subscribes to one tenant's committed events; resolves once LISTEN is active. Returns the unsubscribe. */
export async function subscribe(tenantId: string, fn: Subscriber): Promise<() => void> {
  const h = hub();
  let set = h.subscribers.get(tenantId);
  if (!set) h.subscribers.set(tenantId, (set = new Set()));
  set.add(fn);
  const unsubscribe = () => {
    const current = h.subscribers.get(tenantId);
    current?.delete(fn);
    if (current && current.size === 0) h.subscribers.delete(tenantId);
  };
  try {
    await ensureListening(h);
  } catch (err) {
    unsubscribe();
    throw err;
  }
  return unsubscribe;
}

/** Subscribers per tenant (diagnostics and tests). */
export function subscriberCount(tenantId: string): number {
  return hub().subscribers.get(tenantId)?.size ?? 0;
}
