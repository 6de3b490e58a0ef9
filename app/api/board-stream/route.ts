import type { NextRequest } from "next/server";
import { problem, toProblem } from "@/lib/api/problem";
import { getSession } from "@/lib/auth/session";
import { browserStream, readableTopics } from "@/lib/live/browser-stream";
import { SSE_HEADERS } from "@/lib/live/sse";
import { streamOwner } from "@/lib/live/slots";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/board-stream?topic=records:DEAL&topic=list:<id>&topic=executions&topic=notifications
 * — the browser tab's one live stream (lib/live/browser-stream.ts): `data: {"topic","type",…}`
 * per committed change of the signed-in user's tenant on the topics they may read, a
 * `: ping` comment every 15 s, and `{"type":"live.resync"}` when changes may have been
 * missed. At most 10 streams per user are open at once (429 beyond: lib/live/slots.ts).
 */
export async function GET(req: NextRequest) {
  const session = await getSession();
  if (!session) return problem("unauthorized", "Sign in to follow live updates", 401);
  const userId = session.ctx.actor.userId ?? null;
  const topics = readableTopics(req.nextUrl.searchParams.getAll("topic"), { role: session.role, userId });
  if (topics.length === 0) return problem("bad-request", "Name at least one topic you may follow: records:<TYPE>, list:<id>, executions or notifications", 400);
  try {
    return new Response(browserStream({ reader: session.ctx, topics, owner: streamOwner(session.ctx), signal: req.signal }), { headers: SSE_HEADERS });
  } catch (err) {
    return toProblem(err);
  }
}
