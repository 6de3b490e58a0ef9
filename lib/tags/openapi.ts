import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { json, op } from "@/lib/api/openapi-common";
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
  const id = z.object({ id: z.string().uuid() });
  return {
    "/tags": {
      get: op("List tags", "tags", {
        requestParams: { query: z.object({ counts: z.enum(["true", "false"]).optional().meta({ description: "Add usageCount to each tag" }) }) },
        responses: { "200": json(z.object({ data: z.array(tagOut), nextCursor: z.null() })) },
      }),
      post: op("Create a tag (409 when the name exists, compared without case)", "tags", {
        requestBody: { content: { "application/json": { schema: tagCreateSchema } } },
        responses: { "201": json(tagOut, "Created") },
      }),
    },
    "/tags/{id}": {
      get: op("Get a tag", "tags", { requestParams: { path: id }, responses: { "200": json(tagOut) } }),
      patch: op("Rename, recolour or re-categorise a tag; a rename rewrites it in every record's tags", "tags", {
        requestParams: { path: id },
        requestBody: { content: { "application/json": { schema: tagUpdateSchema } } },
        responses: { "200": json(tagOut) },
      }),
      delete: op("Delete a tag and remove it from every record's tags", "tags", { requestParams: { path: id }, responses: { "204": { description: "Deleted" } } }),
    },
  };
}
