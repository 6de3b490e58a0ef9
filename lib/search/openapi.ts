import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { json, op } from "@/lib/api/openapi-common";
import { customFieldPaths } from "@/lib/custom-fields/openapi";
import { tagPaths } from "@/lib/tags/openapi";
import { searchHitSchema, searchQuerySchema } from "./schemas";

export function searchPaths(): ZodOpenApiPathsObject {
  return {
    "/search": {
      get: op("Search contacts, companies, deals, leads and tickets (typo-tolerant), best match first", "search", {
        requestParams: { query: searchQuerySchema },
        responses: { "200": json(z.object({ data: z.array(searchHitSchema) })) },
      }),
    },
  };
}

/** Search, tags and custom fields: one section of lib/api/openapi.ts. */
export const searchTagAndFieldPaths = (): ZodOpenApiPathsObject => ({ ...searchPaths(), ...tagPaths(), ...customFieldPaths() });
