import { NextResponse } from "next/server";
import { activityJson, getActivity } from "@/lib/activities/queries";
import { activityUpdateSchema } from "@/lib/activities/schemas";
import { deleteActivity, updateActivity } from "@/lib/activities/service";
import { apiRoute } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiRoute<P>("records.read", async ({ ctx, params }) => activityJson(await getActivity(ctx, params.id)));

export const PATCH = apiRoute<P>("activities.write", async ({ ctx, params, body }) => activityJson(await updateActivity(ctx, params.id, await body(activityUpdateSchema))));

export const DELETE = apiRoute<P>("activities.write", async ({ ctx, params }) => {
  await deleteActivity(ctx, params.id);
  return new NextResponse(null, { status: 204 });
});
