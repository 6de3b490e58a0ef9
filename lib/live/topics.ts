// The browser's live channel: what a tab may follow over its one stream (GET
// /api/board-stream?topic=…) and the messages it receives. Types only (and the URL), so
// the browser bundle stays free of server code: the stream (lib/live/sse.ts) parses topics
// and labels each message with its topic, the browser hands a message to the hooks that
// follow that topic (components/live).

import type { CRM_RECORD_TYPES } from "@/db/schema/enums";

/** Entity types of domain events a tab may follow (`records:<type>`). */
export type LiveEntityType = (typeof CRM_RECORD_TYPES)[number];

/**
 * - `records:<type>` — committed domain events of records of that type (the board)
 * - `list:<id>` — a list's members, count or settings changed (the list page)
 * - `executions` — automation executions were queued or changed status (the execution log)
 * - `notifications` — the signed-in user's notifications were written or read (the bell)
 */
export type LiveTopic = `records:${LiveEntityType}` | `list:${string}` | "executions" | "notifications";

/** What a tab receives: each message names the topic it was sent for. */
export type LiveClientMessage =
  | { topic: `records:${string}`; type: string; eventId: string; entityType: string; entityId: string | null }
  | { topic: `list:${string}`; type: "list.changed"; listId: string }
  | { topic: "notifications"; type: "notification.changed" }
  /** Ids of at most 50 executions and automations; null when more changed at once. */
  | { topic: "executions"; type: "execution.changed"; automationIds: string[] | null; executionIds: string[] | null }
  /** The server may have missed events (its LISTEN connection was lost): every follower re-reads. */
  | { topic?: undefined; type: "live.resync" };

/** The query string of a stream following `topics` (sorted: one URL per set). */
export const topicsQuery = (topics: Iterable<LiveTopic>) =>
  [...new Set(topics)]
    .sort()
    .map((t) => `topic=${encodeURIComponent(t)}`)
    .join("&");
