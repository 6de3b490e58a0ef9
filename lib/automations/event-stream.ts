// GET /events/stream: the published events as server-sent events. It sends what came
// after the client's cursor (`after`, or the Last-Event-ID a reconnecting EventSource
// sends), then follows live: each commit NOTIFYs the live channel (lib/live) and the
// stream reads the new rows from its cursor on, so nothing is missed or sent twice. A
// live.resync (the LISTEN connection was lost) just makes it read again from the cursor.
import { subscribe } from "@/lib/live/listener";
import type { TenantContext } from "@/lib/tenancy/context";
import { publishedSince } from "./publish";

export function publishedEventStream(ctx: TenantContext, opts: { after: number; signal: AbortSignal; heartbeatMs?: number }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let cursor = opts.after;
      let unsubscribe = () => {};
      let reading: Promise<void> = Promise.resolve();
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      /** Sends everything after the cursor; calls are chained so events go out once, in order. */
      const catchUp = () => {
        reading = reading.then(async () => {
          for (;;) {
            if (closed) return;
            const rows = await publishedSince(ctx, cursor);
            for (const { seq, ...event } of rows) {
              send(`id: ${seq}\nevent: ${event.type.replace(/[\r\n]/g, " ")}\ndata: ${JSON.stringify(event)}\n\n`);
              cursor = seq;
            }
            if (rows.length < 500) return;
          }
        }).catch((err) => {
          console.error("[events] stream read failed:", err instanceof Error ? err.message : err);
          cleanup();
        });
      };
      const heartbeat = setInterval(() => send(`: ping ${Date.now()}\n\n`), opts.heartbeatMs ?? 15_000);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        opts.signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      opts.signal.addEventListener("abort", cleanup);
      if (opts.signal.aborted) return cleanup();
      try {
        const off = await subscribe(ctx.tenantId, (m) => {
          if (m.type === "published_event" || m.type === "live.resync") catchUp();
        });
        if (closed) off();
        else unsubscribe = off;
      } catch (err) {
        console.error("[events] LISTEN failed:", err instanceof Error ? err.message : err);
        send(`event: error\ndata: {"message":"live events are unavailable; poll GET /api/v1/events"}\n\n`);
        return cleanup();
      }
      send(`retry: 3000\n: connected\n\n`);
      catchUp();
    },
    cancel() {
      cleanup();
    },
  });
}
