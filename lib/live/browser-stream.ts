// The browser's one live stream (GET /api/board-stream): a tab opens a single EventSource
// (components/live) following the topics its mounted views need, and receives each
// committed change of its tenant on those topics — filtered here, on the server, by
// tenant (the listener's fan-out), by topic, by the user's role, for notifications by
// user, and for records by the user's access scope: a record event reaches a tab only if
// its reader may read the event's row (the domain_events policy of migration
// access_scope_children), so a rep's board never hears of another rep's card. Messages
// carry ids only; the views re-read through the access-scoped queries.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { domainEvents } from "@/db/schema";
import { CRM_RECORD_TYPES } from "@/db/schema/enums";
import { can, type Permission, type Role } from "@/lib/auth/permissions";
import { log } from "@/lib/log";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { LiveClientMessage, LiveEntityType, LiveTopic } from "./topics";
import type { LiveMessage } from "./listener";
import { liveSseStream, type SseChannel } from "./sse";

const uuid = z.uuid();

/** A topic of the query string, or null for anything else. */
export function parseTopic(raw: string): LiveTopic | null {
  if (raw === "executions" || raw === "notifications") return raw;
  const [head, value, ...rest] = raw.split(":");
  if (rest.length || !value) return null;
  if (head === "records" && (CRM_RECORD_TYPES as readonly string[]).includes(value)) return `records:${value as LiveEntityType}`;
  if (head === "list" && uuid.safeParse(value).success) return `list:${value.toLowerCase()}`;
  return null;
}

const PERMISSION_OF: Record<string, Permission> = { records: "records.read", list: "lists.read", executions: "automations.read" };

/**
 * The topics of the query string this reader may follow. Unknown ones and ones the role may
 * not read are dropped, not refused, so that one view's topic cannot cost the tab its others;
 * notifications are a user's own (an API key has none).
 */
export function readableTopics(raw: readonly string[], reader: { role: Role; userId: string | null }): LiveTopic[] {
  const out = new Set<LiveTopic>();
  for (const r of raw) {
    const topic = parseTopic(r);
    if (!topic) continue;
    if (topic === "notifications" ? reader.userId !== null : can(reader.role, PERMISSION_OF[topic.split(":")[0]!]!)) out.add(topic);
  }
  return [...out];
}

/** The message a reader (`userId`) receives for `m`, labelled with its topic; null if it is nobody's business here. */
export function clientMessage(m: LiveMessage, userId: string | null): LiveClientMessage | null {
  switch (m.source) {
    case "resync":
      return { type: "live.resync" };
    case "event":
      // published events (no entity type) have their own stream: GET /api/v1/events/stream
      return m.entityType ? { topic: `records:${m.entityType}`, type: m.type, eventId: m.eventId, entityType: m.entityType, entityId: m.entityId } : null;
    case "signal":
      if (m.type === "list.changed") return { topic: `list:${m.listId}`, type: m.type, listId: m.listId };
      if (m.type === "notification.changed") return userId !== null && m.userId === userId ? { topic: "notifications", type: m.type } : null;
      return { topic: "executions", type: m.type, automationIds: m.automationIds, executionIds: m.executionIds };
  }
}

/**
 * Which of the events `ids` `reader` may read: the rows the database lets them select (the
 * events of records outside their read scope are not there for them).
 */
export async function readableEventIds(reader: TenantContext, ids: readonly string[]): Promise<Set<string>> {
  const valid = ids.filter((id) => uuid.safeParse(id).success);
  if (!valid.length) return new Set();
  const rows = await withTenant(reader, (tx) =>
    tx.select({ id: domainEvents.id }).from(domainEvents).where(and(eq(domainEvents.tenantId, reader.tenantId), inArray(domainEvents.id, valid))),
  );
  return new Set(rows.map((r) => r.id));
}

export interface BrowserStreamOptions {
  /** The signed-in reader: their tenant, and the user and role whose access scope filters record events. */
  reader: TenantContext;
  /** What the tab follows (readableTopics). */
  topics: readonly LiveTopic[];
  /** Whose stream this is (streamOwner): their open streams are capped. */
  owner?: string;
  /** Closing the request (client gone) ends the stream and unsubscribes. */
  signal: AbortSignal;
  heartbeatMs?: number;
}

/**
 * `data: <LiveClientMessage>` per committed change on the stream's topics, and every
 * live.resync. Record events are checked against the reader's scope in batches (the
 * messages of one tick, one query), in order; an admin's are not checked (they see all).
 * If the check fails, the tab is told to re-read (live.resync) rather than sent unchecked ids.
 */
export function browserStream(opts: BrowserStreamOptions): ReadableStream<Uint8Array> {
  const topics = new Set<string>(opts.topics);
  const userId = opts.reader.actor.userId ?? null;
  const seesAll = opts.reader.actor.kind === "system" || opts.reader.actor.role === "admin";
  const scoped = (m: LiveClientMessage): m is Extract<LiveClientMessage, { eventId: string }> => !seesAll && "eventId" in m;
  const pending: LiveClientMessage[] = [];
  let scheduled = false;
  let chain = Promise.resolve();
  const send = (channel: SseChannel, m: LiveClientMessage) => channel.send(`data: ${JSON.stringify(m)}\n\n`);
  const flush = async (channel: SseChannel) => {
    await new Promise((resolve) => setImmediate(resolve)); // the rest of this tick's messages
    scheduled = false;
    const batch = pending.splice(0);
    const ids = batch.filter(scoped).map((m) => m.eventId);
    let readable: Set<string>;
    try {
      readable = ids.length ? await readableEventIds(opts.reader, ids) : new Set();
    } catch (err) {
      log.error({ err }, "live: access check failed");
      return send(channel, { type: "live.resync" });
    }
    for (const m of batch) if (!scoped(m) || readable.has(m.eventId)) send(channel, m);
  };
  return liveSseStream({
    tenantId: opts.reader.tenantId,
    owner: opts.owner,
    signal: opts.signal,
    heartbeatMs: opts.heartbeatMs,
    label: "live",
    unavailableMessage: "live updates are unavailable",
    onMessage(m, channel) {
      const out = clientMessage(m, userId);
      if (!out || (out.topic !== undefined && !topics.has(out.topic))) return;
      pending.push(out);
      if (scheduled) return;
      scheduled = true;
      chain = chain.then(() => flush(channel));
    },
  });
}
