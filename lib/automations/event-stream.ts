// GET /events/stream: the published events as server-sent events. It sends what came
// after the client's cursor (`after`, or the Last-Event-ID a reconnecting EventSource
// sends), then follows live: each commit NOTIFYs the live channel (lib/live) and the
// stream reads the new rows from its cursor on, so nothing is missed or sent twice. A
// live.resync (the LISTEN connection was lost) just makes it read again from the cursor.
import "server-only";
import { liveSseStream, type SseChannel } from "@/lib/live/sse";
import type { TenantContext } from "@/lib/tenancy/context";
import { publishedSince } from "./publish";
import { log } from "@/lib/log";

export function publishedEventStream(ctx: TenantContext, opts: { after: number; signal: AbortSignal; heartbeatMs?: number; owner?: string }): ReadableStream<Uint8Array> {
  let cursor = opts.after;
  let reading: Promise<void> = Promise.resolve();
  /** Sends everything after the cursor; calls are chained so events go out once, in order. */
  const catchUp = (channel: SseChannel) => {
    reading = reading
      .then(async () => {
        for (;;) {
          if (channel.closed) return;
          const rows = await publishedSince(ctx, cursor);
          for (const { seq, ...event } of rows) {
            channel.send(`id: ${seq}\nevent: ${event.type.replace(/[\r\n]/g, " ")}\ndata: ${JSON.stringify(event)}\n\n`);
            cursor = seq;
          }
          if (rows.length < 500) return;
        }
      })
      .catch((err) => {
        log.error({ err }, "events: stream read failed");
        channel.close();
      });
  };
  return liveSseStream({
    tenantId: ctx.tenantId,
    owner: opts.owner,
    signal: opts.signal,
    heartbeatMs: opts.heartbeatMs,
    label: "events",
    unavailableMessage: "live events are unavailable; poll GET /api/v1/events",
    onMessage(m, channel) {
      if (m.type === "published_event" || m.type === "live.resync") catchUp(channel);
    },
    onOpen: catchUp,
  });
}
