import { limitParam } from "@/lib/activities/api";
import { apiRoute } from "@/lib/api/handler";
import { listNotifications } from "@/lib/notifications/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/notifications[?unread=true&limit=&cursor=] — the signed-in user's, newest first, with `unreadCount`. */
export const GET = apiRoute("records.read", async ({ ctx, query }) =>
  listNotifications(ctx, { limit: limitParam(query, 20), cursor: query.get("cursor"), unreadOnly: query.get("unread") === "true" }),
);
