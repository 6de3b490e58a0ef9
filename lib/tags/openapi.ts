import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { allOf, empty, idPath, json, pathItem } from "@/lib/api/openapi-common";
import { tagCreateSchema, tagUpdateSchema } from "./schemas";

const tagOut = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    color: z.string().meta({ example: "#2563eb" }),
    category: z.string().nullable(),
    createdAt: z.string().datetime(),
    usageCount: z.number().int().optional().meta({ description: "Live records carrying the tag; with ?counts=true" }),
  })
  .meta({ id: "Tag" });

export function tagPaths(): ZodOpenApiPathsObject {
  const tag = "tags";
  return {
    "/tags": pathItem({
      get: {
        id: "listTags",
        tag,
        permission: "records.read",
        summary: "List tags",
        description: "Every tag of the workspace by name; `counts=true` adds how many live records carry each.",
        query: z.object({ counts: z.enum(["true", "false"]).optional().meta({ description: "Add usageCount to each tag" }) }),
        responses: { "200": json(allOf(tagOut)) },
      },
      post: {
        id: "createTag",
        tag,
        permission: "fields.manage",
        summary: "Create a tag",
        description: "A name the workspace already has (compared without case) is a 409.",
        body: tagCreateSchema,
        responses: { "201": json(tagOut, "Created") },
      },
    }),
    "/tags/{id}": pathItem({
      get: { id: "getTag", tag, permission: "records.read", summary: "Get a tag", description: "One tag of the workspace.", path: idPath, responses: { "200": json(tagOut) } },
      patch: {
        id: "updateTag",
        tag,
        permission: "fields.manage",
        summary: "Rename, recolour or re-categorise a tag",
        description: "A rename rewrites the name in every record's `tags`, in the same transaction.",
        path: idPath,
        body: tagUpdateSchema,
        responses: { "200": json(tagOut) },
      },
      delete: { id: "deleteTag", tag, permission: "fields.manage", summary: "Delete a tag", description: "The name is removed from every record's `tags` too.", path: idPath, responses: { "204": empty("Deleted") } },
    }),
  };
}
