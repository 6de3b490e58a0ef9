// Server-sent-events streams of one tenant's committed changes (the browser's live stream,
// browser-stream.ts, and the published events of automations). The route handlers
// authenticate; this formats and cleans up.
import "server-only";
import { subscribe, type LiveMessage } from "./listener";
import { acquireStreamSlot } from "./slots";
import { log } from "@/lib/log";

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: keeps Next's gzip (and proxies) from buffering the stream
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
} as const;

/** What a stream's handlers may do: send a chunk, or end the stream. */
export interface SseChannel {
  send(chunk: string): void;
  close(): void;
  readonly closed: boolean;
}

export interface LiveSseOptions {
  tenantId: string;
  /** Whose stream this is (streamOwner): their open streams are capped, and so are the instance's. */
  owner?: string;
  /** Closing the request (client gone) ends the stream and unsubscribes. */
  signal: AbortSignal;
  heartbeatMs?: number;
  /** Log prefix and the message sent when LISTEN cannot start. */
  label: string;
  unavailableMessage: string;
  /** Each committed event of the tenant (and live.resync when the LISTEN connection was lost). */
  onMessage(message: LiveMessage, channel: SseChannel): void;
  /** Once subscribed, after the retry hint. */
  onOpen?(channel: SseChannel): void;
}

/**
 * A server-sent-events stream fed by the tenant's LISTEN/NOTIFY messages: heartbeats,
 * unsubscribing when the client goes, and an error event when LISTEN fails. The route
 * handler authenticates; the handlers decide what to send. Throws a 429 AppError when
 * the owner or the instance already has its most streams open (lib/live/slots.ts); the
 * slot is given back however the stream ends (client gone, cancelled, LISTEN failed).
 */
export function liveSseStream(opts: LiveSseOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const release = acquireStreamSlot(opts.owner);
  let cleanup = release; // replaced by the full cleanup as start() begins

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let unsubscribe = () => {};
      const channel: SseChannel = {
        send(chunk) {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(chunk));
          } catch {
            cleanup();
          }
        },
        close: () => cleanup(),
        get closed() {
          return closed;
        },
      };
      const heartbeat = setInterval(() => channel.send(`: ping ${Date.now()}\n\n`), opts.heartbeatMs ?? 15_000);
      cleanup = () => {
        if (closed) return;
        closed = true;
        release();
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
        const off = await subscribe(opts.tenantId, (m) => opts.onMessage(m, channel));
        if (closed) off();
        else unsubscribe = off;
      } catch (err) {
        log.error({ err, stream: opts.label }, "live: LISTEN failed");
        channel.send(`event: error\ndata: ${JSON.stringify({ message: opts.unavailableMessage })}\n\n`);
        return cleanup();
      }
      // the client retries after 3 s if the connection drops; the comment flushes the headers
      channel.send(`retry: 3000\n: connected\n\n`);
      opts.onOpen?.(channel);
    },
    cancel() {
      cleanup();
    },
  });
}
