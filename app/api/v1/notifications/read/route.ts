import { apiRoute } from "@/lib/api/handler";
import { markReadSchema } from "@/lib/notifications/schemas";
import { markNotificationsRead } from "@/lib/notifications/service";

export const dynamic = "force-dynamic";

/** POST /api/v1/notifications/read `{ ids: [...] }` or `{ all: true }` → `{ updated, unreadCount }`. */
export const POST = apiRoute("records.read", async ({ ctx, body }) => markNotificationsRead(ctx, await body(markReadSchema)));
