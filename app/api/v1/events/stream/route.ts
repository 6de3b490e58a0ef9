import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { publishedEventStream } from "@/lib/automations/event-stream";
import { SSE_HEADERS } from "@/lib/live/sse";
import { streamOwner } from "@/lib/live/slots";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/events/stream?after=<cursor> — server-sent events: each published event as
 * `id: <cursor>`, `event: <type>`, `data: { id, type, occurredAt, entityType, entityId,
 * payload }`. A reconnecting client resumes from its Last-Event-ID. At most 10 streams
 * per key or user are open at once (429 beyond: lib/live/slots.ts).
 */
export const GET = apiRoute("automations.read", async ({ ctx, req, query }) => {
  const raw = query.get("after") ?? req.headers.get("last-event-id") ?? "0";
  if (!/^\d{1,18}$/.test(raw)) throw new AppError("bad-request", "after must be a cursor from GET /events (nextCursor) or an event's id");
  return new Response(publishedEventStream(ctx, { after: Number(raw), signal: req.signal, owner: streamOwner(ctx) }), { headers: SSE_HEADERS });
});
