// The browser's one live stream (GET /api/board-stream): a tab opens a single EventSource
// (components/live) following the topics its mounted views need, and receives each
// committed change of its tenant on those topics — filtered here, on the server, by
// tenant (the listener's fan-out), by topic, by the user's role, and for notifications by
// user. Messages carry ids only; the views re-read through the access-scoped queries.
import "server-only";
import { z } from "zod";
import { CRM_RECORD_TYPES } from "@/db/schema/enums";
import { can, type Permission, type Role } from "@/lib/auth/permissions";
import type { LiveClientMessage, LiveEntityType, LiveTopic } from "./topics";
import type { LiveMessage } from "./listener";
import { liveSseStream } from "./sse";

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

export interface BrowserStreamOptions {
  tenantId: string;
  /** The signed-in user, whose notifications the stream carries. */
  userId: string | null;
  /** What the tab follows (readableTopics). */
  topics: readonly LiveTopic[];
  /** Whose stream this is (streamOwner): their open streams are capped. */
  owner?: string;
  /** Closing the request (client gone) ends the stream and unsubscribes. */
  signal: AbortSignal;
  heartbeatMs?: number;
}

/** `data: <LiveClientMessage>` per committed change on the stream's topics, and every live.resync. */
export function browserStream(opts: BrowserStreamOptions): ReadableStream<Uint8Array> {
  const topics = new Set<string>(opts.topics);
  return liveSseStream({
    tenantId: opts.tenantId,
    owner: opts.owner,
    signal: opts.signal,
    heartbeatMs: opts.heartbeatMs,
    label: "live",
    unavailableMessage: "live updates are unavailable",
    onMessage(m, channel) {
      const out = clientMessage(m, opts.userId);
      if (out && (out.topic === undefined || topics.has(out.topic))) channel.send(`data: ${JSON.stringify(out)}\n\n`);
    },
  });
}
