import { NextResponse } from "next/server";
import { activityJson, listActivities } from "@/lib/activities/queries";
import { limitParam } from "@/lib/activities/api";
import { parseQuery } from "@/lib/api/query";
import { activityCreateSchema, activityListQuerySchema } from "@/lib/activities/schemas";
import { createActivity } from "@/lib/activities/service";
import { apiRoute } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

/** GET /api/v1/activities?recordType=&recordId=[&activityType=&limit=&cursor=] — a record's activities, newest first. */
export const GET = apiRoute("records.read", async ({ ctx, query }) => {
  const q = parseQuery(activityListQuerySchema, query, ["recordType", "recordId", "activityType"]);
  const page = await listActivities(ctx, q.recordType, q.recordId, { activityType: q.activityType, limit: limitParam(query, 50), cursor: query.get("cursor") });
  return { data: page.data.map(activityJson), nextCursor: page.nextCursor };
});

/** POST /api/v1/activities — log a call, email, meeting or note, or create a task, on a record. */
export const POST = apiRoute("activities.write", async ({ ctx, body }) => {
  const created = await createActivity(ctx, await body(activityCreateSchema));
  return NextResponse.json(activityJson(created), { status: 201 });
});
