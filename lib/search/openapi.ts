import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { json, pathItem } from "@/lib/api/openapi-common";
import { customFieldPaths } from "@/lib/custom-fields/openapi";
import { tagPaths } from "@/lib/tags/openapi";
import { searchHitSchema, searchQuerySchema } from "./schemas";

export function searchPaths(): ZodOpenApiPathsObject {
  return {
    "/search": pathItem({
      get: {
        id: "search",
        tag: "search",
        permission: "records.read",
        summary: "Search records",
        description: "Contacts, companies, deals, leads and tickets whose names, emails, domains or subjects match `q` (typo-tolerant), best match first; only records the caller may see.",
        query: searchQuerySchema,
        responses: { "200": json(z.object({ data: z.array(searchHitSchema) })) },
      },
    }),
  };
}

/** Search, tags and custom fields: one section of lib/api/openapi.ts. */
export const searchTagAndFieldPaths = (): ZodOpenApiPathsObject => ({ ...searchPaths(), ...tagPaths(), ...customFieldPaths() });
