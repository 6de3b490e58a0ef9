import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { json, op, pageOf } from "@/lib/api/openapi-common";
import { watchedByPrincipalQuery, watcherInputSchema, watchersOfRecordQuery } from "./schemas";

const watcherOut = z
  .object({
    recordType: z.string(),
    recordId: z.uuid(),
    principalType: z.enum(["USER", "GROUP"]),
    principalId: z.uuid(),
    principalName: z.string(),
    principalEmail: z.string().nullable(),
    createdAt: z.string().datetime(),
    createdByUserId: z.uuid().nullable(),
  })
  .meta({ id: "Watcher" });

const watchedOut = z.object({ recordType: z.string(), recordId: z.uuid(), title: z.string(), createdAt: z.string().datetime() }).meta({ id: "WatchedRecord" });

export function watcherPaths(): ZodOpenApiPathsObject {
  const tag = "watchers";
  return {
    "/watchers": {
      post: op("Follow a record as a user or a group (idempotent)", tag, {
        requestBody: { content: { "application/json": { schema: watcherInputSchema } } },
        responses: { "201": json(watcherOut, "Now following"), "200": json(watcherOut, "Was already following") },
      }),
      get: op("Who follows a record (recordType + recordId), or what a user or group follows (principalType + principalId)", tag, {
        requestParams: { query: watchersOfRecordQuery.partial().extend(watchedByPrincipalQuery.partial().shape) },
        responses: { "200": json(pageOf(z.union([watcherOut, watchedOut]))) },
      }),
      delete: op("Unfollow", tag, { requestParams: { query: watcherInputSchema }, responses: { "204": { description: "No longer following" } } }),
    },
  };
}
