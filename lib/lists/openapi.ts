import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { LIST_MEMBERSHIP_SOURCES, LIST_OBJECT_TYPES, LIST_PROCESSING_TYPES } from "@/db/schema/enums";
import { json, op, pageOf } from "@/lib/api/openapi-common";
import { filterSchema } from "@/lib/filters/schema";
import { addMembersSchema, listsQuerySchema, membersQuerySchema } from "./schemas";

const TAG = "lists";

const listOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    objectType: z.enum(LIST_OBJECT_TYPES),
    processingType: z.enum(LIST_PROCESSING_TYPES),
    filter: filterSchema.nullable(),
    isArchived: z.boolean(),
    ownerUserId: z.uuid().nullable(),
    memberCount: z.number().int(),
    lastRefreshedAt: z.string().datetime().nullable(),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .meta({ id: "List" });

const listIn = z.object({
  name: z.string(),
  description: z.string().nullable().optional(),
  objectType: z.enum(LIST_OBJECT_TYPES),
  processingType: z.enum(LIST_PROCESSING_TYPES).optional(),
  filter: filterSchema.optional().meta({ description: "Filter JSON; required for DYNAMIC" }),
});
const listPatch = z.object({ name: z.string().optional(), description: z.string().nullable().optional(), filter: filterSchema.optional(), isArchived: z.boolean().optional() });
const memberOut = z.object({ memberId: z.uuid(), memberType: z.enum(LIST_OBJECT_TYPES), addedAt: z.string().datetime(), source: z.enum(LIST_MEMBERSHIP_SOURCES) }).meta({ id: "ListMember" });
const listId = z.object({ id: z.uuid() });

export function listPaths(): ZodOpenApiPathsObject {
  return {
    "/lists": {
      get: op("Lists (archived ones with archived=true|all)", TAG, { requestParams: { query: listsQuerySchema }, responses: { "200": json(pageOf(listOut)) } }),
      post: op("Create a list; a DYNAMIC one is filled at once", TAG, { requestBody: { content: { "application/json": { schema: listIn } } }, responses: { "201": json(listOut, "Created") } }),
    },
    "/lists/{id}": {
      get: op("Get a list (with memberCount)", TAG, { requestParams: { path: listId }, responses: { "200": json(listOut) } }),
      patch: op("Rename, archive, or change a DYNAMIC list's filter (refreshes it)", TAG, { requestParams: { path: listId }, requestBody: { content: { "application/json": { schema: listPatch } } }, responses: { "200": json(listOut) } }),
      delete: op("Delete a list", TAG, { requestParams: { path: listId }, responses: { "204": { description: "Deleted" } } }),
    },
    "/lists/{id}/members": {
      get: op("Members, newest first", TAG, { requestParams: { path: listId, query: membersQuerySchema }, responses: { "200": json(pageOf(memberOut)) } }),
      post: op("Add members to a STATIC list (idempotent; 409 for DYNAMIC)", TAG, { requestParams: { path: listId }, requestBody: { content: { "application/json": { schema: addMembersSchema } } }, responses: { "200": json(z.object({ added: z.number().int(), total: z.number().int() })) } }),
    },
    "/lists/{id}/members/{memberId}": {
      delete: op("Remove a member from a STATIC list", TAG, { requestParams: { path: z.object({ id: z.uuid(), memberId: z.uuid() }) }, responses: { "204": { description: "Removed" } } }),
    },
    "/lists/{id}/refresh": {
      post: op("Recompute a DYNAMIC list now", TAG, { requestParams: { path: listId }, responses: { "200": json(z.object({ added: z.number().int(), removed: z.number().int(), total: z.number().int() })) } }),
    },
  };
}
