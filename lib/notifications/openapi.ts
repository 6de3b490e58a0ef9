import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { json, op } from "@/lib/api/openapi-common";
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
    "/notifications": {
      get: op("The signed-in user's notifications, newest first (a browser session; an API key has none: 403)", tag, {
        requestParams: { query: z.object({ unread: z.enum(["true", "false"]).optional(), limit: z.number().int().min(1).max(200).optional(), cursor: z.string().optional() }) },
        responses: { "200": json(z.object({ data: z.array(notificationOut), unreadCount: z.number().int(), nextCursor: z.string().nullable() })) },
      }),
    },
    "/notifications/read": {
      post: op("Mark notifications read", tag, {
        requestBody: { content: { "application/json": { schema: markReadSchema } } },
        responses: { "200": json(z.object({ updated: z.number().int(), unreadCount: z.number().int() })) },
      }),
    },
  };
}
