import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { allOf, empty, json, pathItem } from "@/lib/api/openapi-common";
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
    "/watchers": pathItem({
      post: {
        id: "followRecord",
        tag,
        permission: "watchers.write",
        summary: "Follow a record",
        description: "A user or a group follows a record (idempotent): 201 when new, 200 when it already did. A record the caller cannot see is a 404.",
        body: watcherInputSchema,
        responses: { "201": json(watcherOut, "Now following"), "200": json(watcherOut, "Was already following") },
      },
      get: {
        id: "listWatchers",
        tag,
        permission: "records.read",
        summary: "Who follows a record, or what a user or group follows",
        description: "With `recordType` and `recordId`: the record's watchers (Watcher). With `principalType` and `principalId`: the records they follow (WatchedRecord). Neither pair is a 400.",
        query: watchersOfRecordQuery.partial().extend(watchedByPrincipalQuery.partial().shape),
        responses: { "200": json(allOf(z.union([watcherOut, watchedOut]))) },
      },
      delete: {
        id: "unfollowRecord",
        tag,
        permission: "watchers.write",
        summary: "Unfollow a record",
        description: "All four query parameters name the watch; 404 when there is none.",
        query: watcherInputSchema,
        responses: { "204": empty("No longer following") },
      },
    }),
  };
}
