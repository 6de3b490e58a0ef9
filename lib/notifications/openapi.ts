import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { cursorParam, json, limitParam, pathItem } from "@/lib/api/openapi-common";
import { markReadSchema } from "./schemas";

const notificationOut = z
  .object({
    id: z.uuid(),
    kind: z.string().meta({ description: "The event that caused it: record.updated, stage.changed, activity.created, record.deleted" }),
    title: z.string(),
    body: z.string().nullable(),
    recordType: z.string().nullable(),
    recordId: z.uuid().nullable(),
    createdAt: z.string().datetime(),
    readAt: z.string().datetime().nullable(),
  })
  .meta({ id: "Notification" });

export function notificationPaths(): ZodOpenApiPathsObject {
  const tag = "notifications";
  return {
    "/notifications": pathItem({
      get: {
        id: "listNotifications",
        tag,
        permission: "records.read",
        summary: "The signed-in user's notifications",
        description: "Newest first, by keyset pages, with the count of unread ones. Notifications belong to a user: an API key without one gets a 403.",
        query: z.object({ unread: z.enum(["true", "false"]).optional().meta({ description: "Only unread ones" }), limit: limitParam.meta({ description: "Page size (default 20)" }), cursor: cursorParam }),
        responses: { "200": json(z.object({ data: z.array(notificationOut), unreadCount: z.number().int(), nextCursor: z.string().nullable() })) },
      },
    }),
    "/notifications/read": pathItem({
      post: {
        id: "markNotificationsRead",
        tag,
        permission: "records.read",
        summary: "Mark notifications read",
        description: "`{ ids }` marks those, `{ all: true }` every one; answers how many changed and how many are still unread.",
        body: markReadSchema,
        responses: { "200": json(z.object({ updated: z.number().int(), unreadCount: z.number().int() })) },
      },
    }),
  };
}
