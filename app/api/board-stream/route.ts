import type { NextRequest } from "next/server";
import { problem, toProblem } from "@/lib/api/problem";
import { can } from "@/lib/auth/permissions";
import { getSession } from "@/lib/auth/session";
import { eventStream, SSE_HEADERS } from "@/lib/live/sse";
import { streamOwner } from "@/lib/live/slots";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const ENTITY_TYPES = new Set(["DEAL", "LEAD", "TICKET", "CONTACT", "COMPANY", "ACTIVITY", "LIST", "PIPELINE"]);

/**
 * GET /api/board-stream?entityType=DEAL — server-sent events of the signed-in user's tenant:
 * `data: {"eventId","type","entityType","entityId"}` per committed event, a `: ping`
 * comment every 15 s, and `{"type":"live.resync"}` when events may have been missed.
 * At most 10 streams per user are open at once (429 beyond: lib/live/slots.ts).
 */
export async function GET(req: NextRequest) {
  const session = await getSession();
  if (!session) return problem("unauthorized", "Sign in to follow live updates", 401);
  if (!can(session.role, "records.read")) return problem("forbidden", "Your role may not read records", 403);
  const entityTypes = req.nextUrl.searchParams.getAll("entityType").filter((t) => ENTITY_TYPES.has(t));
  try {
    return new Response(eventStream({ tenantId: session.ctx.tenantId, owner: streamOwner(session.ctx), signal: req.signal, entityTypes }), { headers: SSE_HEADERS });
  } catch (err) {
    return toProblem(err);
  }
}
