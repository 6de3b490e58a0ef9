// Building blocks for the OpenAPI document: each domain exports its paths built from
// the same zod schemas that validate requests; lib/api/openapi.ts merges them.
import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiResponsesObject } from "zod-openapi";

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    allowedStageIds: z.array(z.string()).optional(),
    missingFields: z.array(z.string()).optional(),
  })
  .meta({ id: "Problem" });

const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: problemSchema } } });

export const errorResponses: ZodOpenApiResponsesObject = {
  "400": problemResponse("bad-request"),
  "401": problemResponse("unauthorized"),
  "403": problemResponse("forbidden"),
  "404": problemResponse("not-found"),
  "409": problemResponse("conflict or movement-not-allowed"),
  "422": problemResponse("validation or required-fields-missing"),
};

export const json = (schema: z.ZodType, description = "OK") => ({ description, content: { "application/json": { schema } } });

export const pageOf = (item: z.ZodType) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const collectionQuery = z.object({
  limit: z.number().int().min(1).max(200).optional(),
  cursor: z.string().optional(),
  sort: z.string().optional().meta({ description: "<field>:<asc|desc>" }),
  q: z.string().optional(),
  filter: z.string().optional().meta({ description: "URL-encoded filter JSON" }),
});

export function op(summary: string, tag: string, extra: Omit<ZodOpenApiOperationObject, "summary" | "tags" | "responses"> & { responses: ZodOpenApiResponsesObject }): ZodOpenApiOperationObject {
  return { summary, tags: [tag], ...extra, responses: { ...extra.responses, ...errorResponses } };
}
