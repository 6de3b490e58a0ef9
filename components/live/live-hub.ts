// One live connection per browser tab, shared by every view that follows something.
// Streams are capped per user (LIVE_STREAMS_PER_PRINCIPAL, lib/live/slots.ts), so views do
// not open their own: they follow a topic here, and the hub keeps ONE EventSource on
// GET /api/board-stream naming the union of the followed topics. When that union changes
// (a view mounts or goes), it opens the new stream first and closes the old one once the
// new one is open, so the views that stay miss nothing. No React here (see live-events.tsx).
import { topicsQuery, type LiveClientMessage, type LiveTopic } from "@/lib/live/topics";

export type LiveStatus = "connecting" | "live" | "offline";

export interface Follower {
  /** A message on the followed topic, or live.resync (the stream reconnected, or the server may have missed changes). */
  onMessage(message: LiveClientMessage): void;
  /** The topic's status may have changed (read it with hub.status). */
  onStatus(): void;
}

/** The part of EventSource the hub uses (tests pass a fake). */
export interface SourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent<string>) => unknown) | null;
  close(): void;
}

export interface LiveHubOptions {
  open(url: string): SourceLike;
  /** Coalesces the follows and unfollows of one render or navigation into one reconnect. */
  settleMs?: number;
  /** After a refused or failed stream (EventSource gives up on an HTTP error): first wait, doubled up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

const CLOSED = 2;
const OPEN = 1;

interface Connection {
  source: SourceLike;
  topics: ReadonlySet<LiveTopic>;
  query: string;
  opened: boolean;
}

export class LiveHub {
  private readonly followers = new Map<LiveTopic, Set<Follower>>();
  /** The connection serving the views. */
  private current: Connection | null = null;
  /** The connection being opened to replace it (a changed set of topics). */
  private next: Connection | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay: number;
  private stopped = false;

  constructor(private readonly opts: LiveHubOptions) {
    this.retryDelay = opts.retryMs ?? 5_000;
  }

  /** Follows a topic; returns the unfollow. */
  follow(topic: LiveTopic, follower: Follower): () => void {
    let set = this.followers.get(topic);
    if (!set) {
      this.followers.set(topic, (set = new Set()));
      this.schedule();
    }
    set.add(follower);
    return () => {
      const s = this.followers.get(topic);
      if (!s?.delete(follower) || s.size) return;
      this.followers.delete(topic);
      this.schedule();
    };
  }

  /** Live once a stream serving the topic is open; offline while stopped or waiting to retry a refused stream. */
  status(topic: LiveTopic): LiveStatus {
    const c = this.current;
    if (c?.topics.has(topic) && c.opened && c.source.readyState === OPEN) return "live";
    return this.stopped || this.retryTimer !== null ? "offline" : "connecting";
  }

  /** Closes the connection (the provider unmounted); followers stay, for start(). */
  stop(): void {
    this.stopped = true;
    for (const t of [this.settleTimer, this.retryTimer]) if (t !== null) clearTimeout(t);
    this.settleTimer = this.retryTimer = null;
    this.current?.source.close();
    this.next?.source.close();
    this.current = this.next = null;
    this.notifyAll();
  }

  /** Connects again after stop() (React's Strict Mode unmounts and remounts once in development). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  private schedule() {
    if (this.stopped || this.settleTimer !== null) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.connect();
    }, this.opts.settleMs ?? 50);
  }

  private connect() {
    if (this.stopped) return;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const topics = new Set(this.followers.keys());
    const query = topicsQuery(topics);
    if (topics.size === 0) {
      this.replace(null);
      this.next?.source.close();
      this.next = null;
      return;
    }
    const alive = (c: Connection | null) => c?.query === query && c.source.readyState !== CLOSED;
    if (alive(this.next)) return;
    this.next?.source.close();
    this.next = null;
    if (alive(this.current)) return this.notifyAll(); // back to the topics it already serves
    const source = this.opts.open(`/api/board-stream?${query}`);
    const connection: Connection = { source, topics, query, opened: false };
    this.next = connection;
    source.onopen = () => this.opened(connection);
    source.onerror = () => this.failed(connection);
    source.onmessage = (ev) => this.received(connection, ev.data);
    this.notifyAll();
  }

  private opened(c: Connection) {
    if (c === this.next) {
      this.next = null;
      this.replace(c);
    } else if (c === this.current && c.opened) {
      // the browser reconnected by itself after a drop: what was committed meanwhile was not sent
      this.dispatch({ type: "live.resync" }, c);
    }
    c.opened = true;
    this.retryDelay = this.opts.retryMs ?? 5_000;
    this.notifyAll();
  }

  private failed(c: Connection) {
    if (c !== this.current && c !== this.next) return;
    if (c.source.readyState === CLOSED && this.retryTimer === null && !this.stopped) {
      // refused (401, 429, ...) or gone for good: EventSource will not retry, so the hub does
      const delay = this.retryDelay;
      this.retryDelay = Math.min(delay * 2, this.opts.maxRetryMs ?? 60_000);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (c === this.current) this.replace(null);
        if (c === this.next) this.next = null;
        this.connect();
      }, delay);
    }
    this.notifyAll();
  }

  private received(c: Connection, data: string) {
    if (c !== this.current && c !== this.next) return;
    let message: LiveClientMessage;
    try {
      message = JSON.parse(data) as LiveClientMessage;
    } catch {
      return;
    }
    this.dispatch(message, c);
  }

  private dispatch(message: LiveClientMessage, c: Connection) {
    const topics = message.topic === undefined ? [...c.topics] : [message.topic as LiveTopic];
    for (const topic of topics) for (const f of [...(this.followers.get(topic) ?? [])]) f.onMessage(message);
  }

  private replace(c: Connection | null) {
    if (this.current && this.current !== c) this.current.source.close();
    this.current = c;
  }

  private notifyAll() {
    for (const set of [...this.followers.values()]) for (const f of [...set]) f.onStatus();
  }
}
