import { NextResponse } from "next/server";
import { parseQuery } from "@/lib/api/query";
import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { watchedByPrincipalQuery, watcherInputSchema, watchersOfRecordQuery } from "@/lib/watchers/schemas";
import { followRecord, listWatched, listWatchers, unfollowRecord } from "@/lib/watchers/service";

export const dynamic = "force-dynamic";

/** POST /api/v1/watchers — follow (idempotent): 201 when new, 200 when it already existed. */
export const POST = apiRoute("watchers.write", async ({ ctx, body }) => {
  const { watcher, created } = await followRecord(ctx, await body(watcherInputSchema));
  return NextResponse.json(watcher, { status: created ? 201 : 200 });
});

/** GET /api/v1/watchers?recordType=&recordId= (who follows) or ?principalType=&principalId= (what they follow). */
export const GET = apiRoute("records.read", async ({ ctx, query }) => {
  if (query.has("recordType") || query.has("recordId")) {
    const q = parseQuery(watchersOfRecordQuery, query, ["recordType", "recordId"]);
    return { data: await listWatchers(ctx, q.recordType, q.recordId), nextCursor: null };
  }
  if (query.has("principalType") || query.has("principalId")) {
    const q = parseQuery(watchedByPrincipalQuery, query, ["principalType", "principalId"]);
    return { data: await listWatched(ctx, q.principalType, q.principalId), nextCursor: null };
  }
  throw new AppError("bad-request", "Pass recordType and recordId, or principalType and principalId");
});

/** DELETE /api/v1/watchers?recordType=&recordId=&principalType=&principalId= — unfollow (204; 404 if not following). */
export const DELETE = apiRoute("watchers.write", async ({ ctx, query }) => {
  const q = parseQuery(watcherInputSchema, query, ["recordType", "recordId", "principalType", "principalId"]);
  await unfollowRecord(ctx, q);
  return new NextResponse(null, { status: 204 });
});
