import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { LIST_MEMBERSHIP_SOURCES, LIST_OBJECT_TYPES, LIST_PROCESSING_TYPES } from "@/db/schema/enums";
import { allOf, empty, json, pageOf, pathItem } from "@/lib/api/openapi-common";
import { filterSchema } from "@/lib/filters/schema";
import { addMembersSchema, listsQuerySchema, membersQuerySchema } from "./schemas";

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

const listIn = z
  .strictObject({
    name: z.string(),
    description: z.string().nullable().optional(),
    objectType: z.enum(LIST_OBJECT_TYPES),
    processingType: z.enum(LIST_PROCESSING_TYPES).optional().meta({ description: "Default STATIC" }),
    filter: filterSchema.optional().meta({ description: "Required for DYNAMIC" }),
  })
  .meta({ id: "ListInput" });
const listPatch = z
  .strictObject({ name: z.string().optional(), description: z.string().nullable().optional(), filter: filterSchema.optional(), isArchived: z.boolean().optional() })
  .meta({ id: "ListPatch" });
const memberOut = z
  .object({ memberId: z.uuid(), memberType: z.enum(LIST_OBJECT_TYPES), addedAt: z.string().datetime(), source: z.enum(LIST_MEMBERSHIP_SOURCES) })
  .meta({ id: "ListMember" });
const listId = z.object({ id: z.uuid() });
const tag = "lists";

export function listPaths(): ZodOpenApiPathsObject {
  return {
    "/lists": pathItem({
      get: {
        id: "listLists",
        tag,
        permission: "lists.read",
        summary: "List lists",
        description: "Live lists by name; archived ones with `archived=true` (only those) or `archived=all`.",
        query: listsQuerySchema,
        responses: { "200": json(allOf(listOut)) },
      },
      post: {
        id: "createList",
        tag,
        permission: "lists.write",
        summary: "Create a list",
        description: "A DYNAMIC list needs a `filter` for its object type (422 with the path of a bad node) and is filled at once.",
        body: listIn,
        responses: { "201": json(listOut, "Created") },
      },
    }),
    "/lists/{id}": pathItem({
      get: { id: "getList", tag, permission: "lists.read", summary: "Get a list", description: "With `memberCount`.", path: listId, responses: { "200": json(listOut) } },
      patch: {
        id: "updateList",
        tag,
        permission: "lists.write",
        summary: "Update a list (partial)",
        description: "Rename, describe, archive (`isArchived`), or change a DYNAMIC list's filter, which refreshes it at once.",
        path: listId,
        body: listPatch,
        responses: { "200": json(listOut) },
      },
      delete: { id: "deleteList", tag, permission: "lists.write", summary: "Delete a list", description: "The list and its memberships; the records stay.", path: listId, responses: { "204": empty("Deleted") } },
    }),
    "/lists/{id}/members": pathItem({
      get: {
        id: "listListMembers",
        tag,
        permission: "lists.read",
        summary: "A list's members",
        description: "Newest first, by keyset pages; only members the caller may see.",
        path: listId,
        query: membersQuerySchema,
        responses: { "200": json(pageOf(memberOut)) },
      },
      post: {
        id: "addListMembers",
        tag,
        permission: "lists.write",
        summary: "Add members to a STATIC list",
        description: "Idempotent: ids already in the list count as neither added nor refused. Ids that are not live records of the list's type in this workspace are a 422 listing them (`invalidIds`, and `errors` by index); a DYNAMIC list is a 409.",
        path: listId,
        body: addMembersSchema,
        responses: { "200": json(z.object({ added: z.number().int(), total: z.number().int() })) },
      },
    }),
    "/lists/{id}/members/{memberId}": pathItem({
      delete: {
        id: "removeListMember",
        tag,
        permission: "lists.write",
        summary: "Remove a member from a STATIC list",
        description: "404 when the record is not a member; a DYNAMIC list is a 409.",
        path: z.object({ id: z.uuid(), memberId: z.uuid() }),
        responses: { "204": empty("Removed") },
      },
    }),
    "/lists/{id}/refresh": pathItem({
      post: {
        id: "refreshList",
        tag,
        permission: "lists.write",
        summary: "Recompute a DYNAMIC list now",
        description: "Dynamic lists follow record changes by themselves within seconds; this recomputes at once and answers what changed. A STATIC list is a 409.",
        path: listId,
        noInput: true,
        responses: { "200": json(z.object({ added: z.number().int(), removed: z.number().int(), total: z.number().int() })) },
      },
    }),
  };
}
