// Live updates: ONE LISTEN per process on the two channels the database NOTIFYs on commit,
// fanned out in memory to the subscribers of the tenant named in each message:
// - 'stageline_events': each outbox event (migration 0014: {tenantId, eventId, type,
//   entityType, entityId}) and each published event (0010: type 'published_event');
// - 'stageline_live': live signals that are not domain events (0017: list.changed,
//   notification.changed, execution.changed), on a channel of their own so that the
//   outbox relay, which listens on the first, is not woken by them.
// Postgres delivers a NOTIFY only when its transaction commits, to every listening
// connection, so every app instance hears every committed change and rolled-back work is
// never announced.
import "server-only";
import { rawSql } from "@/db/client";
import { log } from "@/lib/log";

export const LIVE_CHANNEL = "stageline_events";
export const LIVE_SIGNAL_CHANNEL = "stageline_live";

/** A committed outbox event (or a published event). */
export interface LiveEvent {
  source: "event";
  tenantId: string;
  eventId: string;
  type: string;
  entityType: string | null;
  entityId: string | null;
}

/** A committed change that is not a domain event (migration 0018). */
export type LiveSignal = { source: "signal"; tenantId: string } & (
  | { type: "list.changed"; listId: string }
  | { type: "notification.changed"; userId: string }
  /** Ids of at most 50 executions and automations; null when more changed in one statement. */
  | { type: "execution.changed"; automationIds: string[] | null; executionIds: string[] | null }
);

/** Sent after the LISTEN connection was lost and re-established: events may have been missed (re-read). */
export interface LiveResync {
  source: "resync";
  type: "live.resync";
  tenantId: string;
}

/** What subscribers receive. */
export type LiveMessage = LiveEvent | LiveSignal | LiveResync;

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

const ids = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === "string") ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

function parseEvent(payload: string): LiveEvent | null {
  try {
    const e = JSON.parse(payload) as Record<string, unknown>;
    const tenantId = str(e.tenantId);
    const type = str(e.type);
    if (!tenantId || !type) return null;
    return { source: "event", tenantId, eventId: String(e.eventId ?? ""), type, entityType: str(e.entityType), entityId: str(e.entityId) };
  } catch {
    return null;
  }
}

function parseSignal(payload: string): LiveSignal | null {
  try {
    const e = JSON.parse(payload) as Record<string, unknown>;
    const tenantId = str(e.tenantId);
    if (!tenantId) return null;
    const listId = str(e.listId);
    const userId = str(e.userId);
    if (e.type === "list.changed" && listId) return { source: "signal", tenantId, type: e.type, listId };
    if (e.type === "notification.changed" && userId) return { source: "signal", tenantId, type: e.type, userId };
    if (e.type === "execution.changed") return { source: "signal", tenantId, type: e.type, automationIds: ids(e.automationIds), executionIds: ids(e.executionIds) };
    return null;
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
  // postgres.js re-LISTENs by itself after a lost connection; what was sent meanwhile is gone
  const resyncAfterReconnect = () => {
    let established = 0;
    return () => {
      if (established++ > 0) for (const tenantId of h.subscribers.keys()) deliver(h, tenantId, { source: "resync", type: "live.resync", tenantId });
    };
  };
  const on = (channel: string, parse: (payload: string) => LiveMessage | null) =>
    client.listen(
      channel,
      (payload) => {
        const message = parse(payload);
        if (message) deliver(h, message.tenantId, message);
      },
      resyncAfterReconnect(),
    );
  const listening = Promise.all([on(LIVE_CHANNEL, parseEvent), on(LIVE_SIGNAL_CHANNEL, parseSignal)]).then(() => undefined);
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
