// The tab's one live connection: one stream for every followed topic, replaced without a
// gap when the topics change, messages handed to the followers of their topic, a resync
// after the browser reconnected, and a retry after a refused stream.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LiveClientMessage } from "@/lib/live/topics";
import { LiveHub, type SourceLike } from "./live-hub";

class FakeSource implements SourceLike {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent<string>) => unknown) | null = null;
  constructor(readonly url: string) {}
  open() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }
  send(m: LiveClientMessage) {
    this.onmessage?.({ data: JSON.stringify(m) } as MessageEvent<string>);
  }
  drop(forGood = false) {
    this.readyState = forGood ? 2 : 0;
    this.onerror?.(new Event("error"));
  }
  close() {
    this.readyState = 2;
  }
}

let sources: FakeSource[] = [];
const hubOf = () =>
  new LiveHub({
    open: (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s;
    },
    settleMs: 10,
    retryMs: 1_000,
  });
const follower = () => ({ onMessage: vi.fn<(m: LiveClientMessage) => void>(), onStatus: vi.fn() });
const listChanged = (id: string): LiveClientMessage => ({ topic: `list:${id}`, type: "list.changed", listId: id });
const notified: LiveClientMessage = { topic: "notifications", type: "notification.changed" };

beforeEach(() => {
  vi.useFakeTimers();
  sources = [];
});
afterEach(() => vi.useRealTimers());

describe("LiveHub", () => {
  it("opens one stream for the topics followed in one go, and hands each message to its topic's followers", () => {
    const hub = hubOf();
    const bell = follower();
    const board = follower();
    const board2 = follower();
    hub.follow("notifications", bell);
    hub.follow("records:DEAL", board);
    hub.follow("records:DEAL", board2);
    expect(hub.status("notifications")).toBe("connecting");
    vi.advanceTimersByTime(10);
    expect(sources.map((s) => s.url)).toEqual(["/api/board-stream?topic=notifications&topic=records%3ADEAL"]);
    sources[0]!.open();
    expect(hub.status("records:DEAL")).toBe("live");

    sources[0]!.send(notified);
    expect(bell.onMessage).toHaveBeenCalledWith(notified);
    expect(board.onMessage).not.toHaveBeenCalled();
    const moved: LiveClientMessage = { topic: "records:DEAL", type: "stage.changed", eventId: "e", entityType: "DEAL", entityId: "d" };
    sources[0]!.send(moved);
    expect(board.onMessage).toHaveBeenCalledWith(moved);
    expect(board2.onMessage).toHaveBeenCalledWith(moved);
    expect(bell.onMessage).toHaveBeenCalledTimes(1);
  });

  it("replaces the stream when the topics change, closing the old one only once the new one is open", () => {
    const hub = hubOf();
    const bell = follower();
    const list = follower();
    hub.follow("notifications", bell);
    vi.advanceTimersByTime(10);
    sources[0]!.open();

    const unfollow = hub.follow("list:l1", list);
    vi.advanceTimersByTime(10);
    expect(sources).toHaveLength(2);
    expect(sources[1]!.url).toBe("/api/board-stream?topic=list%3Al1&topic=notifications");
    // until the new stream is open, the old one still serves the bell
    expect(sources[0]!.readyState).toBe(1);
    expect(hub.status("notifications")).toBe("live");
    expect(hub.status("list:l1")).toBe("connecting");
    sources[0]!.send(notified);
    expect(bell.onMessage).toHaveBeenCalledTimes(1);

    sources[1]!.open();
    expect(sources[0]!.readyState).toBe(2);
    expect(hub.status("list:l1")).toBe("live");
    sources[1]!.send(listChanged("l1"));
    expect(list.onMessage).toHaveBeenCalledWith(listChanged("l1"));
    // no resync for a stream that just opened
    expect(bell.onMessage).toHaveBeenCalledTimes(1);

    // the list page goes: back to the bell alone
    unfollow();
    vi.advanceTimersByTime(10);
    expect(sources[2]!.url).toBe("/api/board-stream?topic=notifications");
    sources[2]!.open();
    expect(sources[1]!.readyState).toBe(2);

    // the last follower goes: no stream at all
    hub.follow("notifications", bell)();
    expect(sources).toHaveLength(3);
  });

  it("coalesces a follow and unfollow of one navigation, and keeps the stream when the topics come back", () => {
    const hub = hubOf();
    const bell = follower();
    hub.follow("notifications", bell);
    vi.advanceTimersByTime(10);
    sources[0]!.open();
    const off = hub.follow("executions", follower());
    off();
    vi.advanceTimersByTime(10);
    expect(sources).toHaveLength(1);
    expect(sources[0]!.readyState).toBe(1);
  });

  it("asks every follower to re-read after the browser reconnected, and passes on the server's resync", () => {
    const hub = hubOf();
    const bell = follower();
    const board = follower();
    hub.follow("notifications", bell);
    hub.follow("records:LEAD", board);
    vi.advanceTimersByTime(10);
    sources[0]!.open();
    sources[0]!.drop();
    expect(hub.status("notifications")).toBe("connecting");
    sources[0]!.open();
    expect(bell.onMessage).toHaveBeenCalledWith({ type: "live.resync" });
    expect(board.onMessage).toHaveBeenCalledWith({ type: "live.resync" });
    sources[0]!.send({ type: "live.resync" });
    expect(bell.onMessage).toHaveBeenCalledTimes(2);
    expect(board.onMessage).toHaveBeenCalledTimes(2);
  });

  it("retries a refused stream with a growing delay, then serves from the new one", () => {
    const hub = hubOf();
    const bell = follower();
    hub.follow("notifications", bell);
    vi.advanceTimersByTime(10);
    sources[0]!.drop(true); // e.g. 429: EventSource gives up
    expect(hub.status("notifications")).toBe("offline");
    vi.advanceTimersByTime(999);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(2);
    sources[1]!.drop(true);
    vi.advanceTimersByTime(1_999);
    expect(sources).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(3);
    sources[2]!.open();
    expect(hub.status("notifications")).toBe("live");
    sources[2]!.send(notified);
    expect(bell.onMessage).toHaveBeenCalledWith(notified);
  });

  it("closes the stream when stopped, and opens it again for the same followers when started", () => {
    const hub = hubOf();
    const bell = follower();
    hub.follow("notifications", bell);
    vi.advanceTimersByTime(10);
    sources[0]!.open();
    hub.stop();
    expect(sources[0]!.readyState).toBe(2);
    expect(hub.status("notifications")).toBe("offline");
    hub.start();
    vi.advanceTimersByTime(10);
    expect(sources).toHaveLength(2);
    sources[1]!.open();
    sources[1]!.send(notified);
    expect(bell.onMessage).toHaveBeenCalledWith(notified);
  });
});
