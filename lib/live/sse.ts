// A server-sent-events stream of one tenant's committed events, for the board. The route
// handler authenticates; this only formats and cleans up.
import { subscribe, type LiveMessage } from "./listener";

export interface EventStreamOptions {
  tenantId: string;
  /** Closing the request (client gone) ends the stream and unsubscribes. */
  signal: AbortSignal;
  /** Only events of these entity types (resync messages always pass). Empty: all. */
  entityTypes?: readonly string[];
  heartbeatMs?: number;
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: keeps Next's gzip (and proxies) from buffering the stream
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
} as const;

export function eventStream(opts: EventStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let unsubscribe = () => {};
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
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
      const wanted = new Set(opts.entityTypes ?? []);
      const onMessage = (m: LiveMessage) => {
        if (m.type !== "live.resync" && wanted.size && !("entityType" in m && m.entityType && wanted.has(m.entityType))) return;
        const { tenantId: _t, ...data } = m;
        send(`data: ${JSON.stringify(data)}\n\n`);
      };
      try {
        const off = await subscribe(opts.tenantId, onMessage);
        if (closed) off();
        else unsubscribe = off;
      } catch (err) {
        console.error("[live] LISTEN failed:", err instanceof Error ? err.message : err);
        send(`event: error\ndata: {"message":"live updates are unavailable"}\n\n`);
        return cleanup();
      }
      // the client retries after 3 s if the connection drops; the comment flushes the headers
      send(`retry: 3000\n: connected\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
}
