import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { activities } from "@/db/schema";
import { cursorParam, empty, idPath, json, limitParam, pageOf, pathItem, rowSchema } from "@/lib/api/openapi-common";
import type { ActivityJson } from "./queries";
import { activityCreateSchema, activityListQuerySchema, activityUpdateSchema } from "./schemas";

const KEYS = [
  "id",
  "activityType",
  "subject",
  "body",
  "recordType",
  "recordId",
  "activityAt",
  "dueAt",
  "reminderAt",
  "completedAt",
  "completedByUserId",
  "priority",
  "outcome",
  "durationSeconds",
  "direction",
  "meetingLocation",
  "meetingAttendees",
  "pinnedAt",
  "recurrenceRule",
  "parentActivityId",
  "assignedUserId",
  "assignedGroupId",
  "createdByUserId",
  "createdAt",
  "updatedAt",
] as const satisfies readonly (keyof ActivityJson)[];

const activityOut = rowSchema(activities, KEYS).meta({ id: "Activity", description: "A call, email, meeting or note that happened, or a task to do (`dueAt`, `completedAt`; a recurring task's occurrences share `parentActivityId`)." });

const tag = "activities";

export function activityPaths(): ZodOpenApiPathsObject {
  return {
    "/activities": pathItem({
      get: {
        id: "listActivities",
        tag,
        permission: "records.read",
        summary: "List a record's activities",
        description: "The activities of one record (`recordType` and `recordId`), newest first, by keyset pages.",
        query: activityListQuerySchema.extend({ limit: limitParam, cursor: cursorParam }),
        responses: { "200": json(pageOf(activityOut)) },
      },
      post: {
        id: "createActivity",
        tag,
        permission: "activities.write",
        summary: "Log an activity or create a task on a record",
        description: "Only a TASK has a reminder or repeats (`recurrenceRule`, which needs `dueAt`); a record the caller cannot see is a 404.",
        body: activityCreateSchema,
        responses: { "201": json(activityOut, "Created") },
      },
    }),
    "/activities/{id}": pathItem({
      get: { id: "getActivity", tag, permission: "records.read", summary: "Get an activity", description: "An activity of a record the caller may see.", path: idPath, responses: { "200": json(activityOut) } },
      patch: {
        id: "updateActivity",
        tag,
        permission: "activities.write",
        summary: "Update an activity (partial)",
        description: "Any editable field; the type and the record it belongs to never change.",
        path: idPath,
        body: activityUpdateSchema,
        responses: { "200": json(activityOut) },
      },
      delete: { id: "deleteActivity", tag, permission: "activities.write", summary: "Delete an activity", description: "A soft delete: it leaves the record's timeline.", path: idPath, responses: { "204": empty("Deleted") } },
    }),
    "/activities/{id}/pin": pathItem({
      put: {
        id: "pinActivity",
        tag,
        permission: "activities.write",
        summary: "Pin a note",
        description: "Pins a NOTE to the top of its record's timeline (`pinnedAt`); pinning a pinned note changes nothing. Any other activity is a 409.",
        path: idPath,
        noInput: true,
        responses: { "200": json(activityOut) },
      },
      delete: {
        id: "unpinActivity",
        tag,
        permission: "activities.write",
        summary: "Unpin a note",
        description: "The note goes back to its place in the timeline (`pinnedAt` null). Any other activity is a 409.",
        path: idPath,
        noInput: true,
        responses: { "200": json(activityOut) },
      },
    }),
    "/activities/{id}/complete": pathItem({
      post: {
        id: "completeActivity",
        tag,
        permission: "activities.write",
        summary: "Complete a task",
        description: "Marks the task done; a recurring task answers its next occurrence too (`next`, else null). Completing an activity that is not a task, or a task already done, is a 409.",
        path: idPath,
        noInput: true,
        responses: { "200": json(z.object({ task: activityOut, next: activityOut.nullable() })) },
      },
    }),
  };
}
