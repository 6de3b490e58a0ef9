import { activityJson } from "@/lib/activities/queries";
import { setNotePinned } from "@/lib/activities/service";
import { apiRoute } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

type P = { id: string };

/** PUT /api/v1/activities/{id}/pin — pins a note to the top of its record's timeline. */
export const PUT = apiRoute<P>("activities.write", async ({ ctx, params }) => activityJson(await setNotePinned(ctx, params.id, true)));

/** DELETE /api/v1/activities/{id}/pin — unpins it. */
export const DELETE = apiRoute<P>("activities.write", async ({ ctx, params }) => activityJson(await setNotePinned(ctx, params.id, false)));
