import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { membersQuerySchema } from "@/lib/lists/schemas";
import { addMembers } from "@/lib/lists/members";
import { listMembers } from "@/lib/lists/queries";

export const dynamic = "force-dynamic";

type P = { id: string };

/** GET /api/v1/lists/{id}/members?limit=&cursor= → { data: [{ memberId, memberType, addedAt }], nextCursor } */
export const GET = apiRoute<P>("lists.read", async ({ ctx, params, query }) => {
  const q = parseQuery(membersQuerySchema, query);
  return listMembers(ctx, params.id, { limit: q.limit, cursor: q.cursor ?? null });
});

/** POST /api/v1/lists/{id}/members { memberIds } — STATIC only, idempotent → { added, total } */
export const POST = apiRoute<P>("lists.write", async ({ ctx, params, body }) => addMembers(ctx, params.id, await body(z.unknown())));
