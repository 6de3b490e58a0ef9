import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { json, op, pageOf } from "@/lib/api/openapi-common";
import { activityCreateSchema, activityListQuerySchema, activityUpdateSchema } from "./schemas";

const activityOut = z
  .looseObject({
    id: z.uuid(),
    activityType: z.enum(["CALL", "EMAIL", "MEETING", "NOTE", "TASK"]),
    subject: z.string(),
    body: z.string().nullable(),
    recordType: z.string(),
    recordId: z.uuid(),
    activityAt: z.string().datetime(),
    dueAt: z.string().datetime().nullable(),
    reminderAt: z.string().datetime().nullable(),
    completedAt: z.string().datetime().nullable(),
    priority: z.string().nullable(),
    recurrenceRule: z.string().nullable(),
    parentActivityId: z.uuid().nullable().meta({ description: "For an occurrence of a recurring task: the first task of the series" }),
    assignedUserId: z.uuid().nullable(),
    assignedGroupId: z.uuid().nullable(),
    createdByUserId: z.uuid().nullable(),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .meta({ id: "Activity" });

export function activityPaths(): ZodOpenApiPathsObject {
  const tag = "activities";
  const id = z.object({ id: z.uuid() });
  return {
    "/activities": {
      get: op("List a record's activities, newest first", tag, {
        requestParams: { query: activityListQuerySchema.extend({ limit: z.number().int().min(1).max(200).optional(), cursor: z.string().optional() }) },
        responses: { "200": json(pageOf(activityOut)) },
      }),
      post: op("Log a call, email, meeting or note, or create a task, on a record", tag, {
        requestBody: { content: { "application/json": { schema: activityCreateSchema } } },
        responses: { "201": json(activityOut, "Created") },
      }),
    },
    "/activities/{id}": {
      get: op("Get an activity", tag, { requestParams: { path: id }, responses: { "200": json(activityOut) } }),
      patch: op("Update an activity (partial)", tag, {
        requestParams: { path: id },
        requestBody: { content: { "application/json": { schema: activityUpdateSchema } } },
        responses: { "200": json(activityOut) },
      }),
      delete: op("Delete an activity (soft)", tag, { requestParams: { path: id }, responses: { "204": { description: "Deleted" } } }),
    },
    "/activities/{id}/complete": {
      post: op("Complete a task; a recurring task gets its next occurrence", tag, {
        requestParams: { path: id },
        responses: { "200": json(z.object({ task: activityOut, next: activityOut.nullable() })) },
      }),
    },
  };
}
