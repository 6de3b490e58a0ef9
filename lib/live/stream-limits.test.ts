// Live streams are capped per key or user and per instance (429 beyond), and a stream
// gives its slot back when its client goes away or cancels it.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import { routeParams } from "@/lib/api/testing";
import type { SessionInfo } from "@/lib/auth/session";
import { openStreams } from "./slots";

const session = vi.hoisted(() => ({ current: null as SessionInfo | null }));
vi.mock("@/lib/auth/session", () => ({ getSession: async () => session.current }));
const { GET: eventsStream } = await import("@/app/api/v1/events/stream/route");
const { GET: boardStream } = await import("@/app/api/board-stream/route");

/** Every stream a test opened, aborted after it (heartbeat timers and subscriptions end). */
const opened: AbortController[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.abort();
  delete process.env.LIVE_STREAMS_PER_INSTANCE;
  session.current = null;
});

async function openEvents(key: string) {
  const abort = new AbortController();
  opened.push(abort);
  const res = await eventsStream(new NextRequest("http://localhost/api/v1/events/stream", { headers: { authorization: `Bearer ${key}` }, signal: abort.signal }), routeParams({}));
  return { res, abort };
}

async function keyOf(t: Awaited<ReturnType<typeof makeTenant>>) {
  return (await createApiKey(t.ctx, { name: "k", role: "admin" })).key;
}

describe("live stream caps", () => {
  it("allows 10 event streams per API key, answers the 11th with 429, and counts other keys apart", async () => {
    const t = await makeTenant();
    const key = await keyOf(t);
    for (let i = 0; i < 10; i++) expect((await openEvents(key)).res.status).toBe(200);
    const refused = await openEvents(key);
    expect(refused.res.status).toBe(429);
    expect(await refused.res.json()).toMatchObject({ type: "/problems/rate-limited" });
    expect((await openEvents(await keyOf(t))).res.status).toBe(200);
  });

  it("gives the slot back when the client disconnects, and when the stream is cancelled", async () => {
    const t = await makeTenant();
    const key = await keyOf(t);
    const streams = [];
    for (let i = 0; i < 10; i++) streams.push(await openEvents(key));
    const before = openStreams();
    expect((await openEvents(key)).res.status).toBe(429);

    streams[0]!.abort.abort();
    expect(openStreams()).toBe(before - 1);
    expect((await openEvents(key)).res.status).toBe(200);

    await streams[1]!.res.body!.cancel();
    expect(openStreams()).toBe(before - 1);
    expect((await openEvents(key)).res.status).toBe(200);
    expect((await openEvents(key)).res.status).toBe(429);
  });

  it("caps the streams of the whole instance", async () => {
    const t = await makeTenant();
    process.env.LIVE_STREAMS_PER_INSTANCE = String(openStreams() + 2);
    const first = await openEvents(await keyOf(t));
    expect(first.res.status).toBe(200);
    expect((await openEvents(await keyOf(t))).res.status).toBe(200);
    expect((await openEvents(await keyOf(t))).res.status).toBe(429);
    first.abort.abort();
    expect((await openEvents(await keyOf(t))).res.status).toBe(200);
  });

  it("caps the board's stream per signed-in user", async () => {
    const t = await makeTenant();
    session.current = { ctx: t.ctx, user: { id: t.userId, email: t.email, name: "Admin" }, role: "admin", tenantName: "T", memberships: [] };
    const open = async () => {
      const abort = new AbortController();
      opened.push(abort);
      return boardStream(new NextRequest("http://localhost/api/board-stream?topic=records:DEAL", { signal: abort.signal }));
    };
    for (let i = 0; i < 10; i++) expect((await open()).status).toBe(200);
    expect((await open()).status).toBe(429);
    opened[0]!.abort();
    expect((await open()).status).toBe(200);
  });
});
