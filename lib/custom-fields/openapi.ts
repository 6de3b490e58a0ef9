import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { CUSTOM_FIELD_TYPES } from "@/db/schema/enums";
import { json, op } from "@/lib/api/openapi-common";
import { customFieldCreateSchema, customFieldUpdateSchema, objectTypeSchema } from "./schemas";

const fieldOut = z
  .object({
    id: z.string().uuid(),
    objectType: objectTypeSchema,
    key: z.string().meta({ description: "The record's customFields.<key>" }),
    label: z.string(),
    fieldType: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(z.string()),
    isRequired: z.boolean(),
    displayOrder: z.number().int(),
    createdAt: z.string().datetime(),
  })
  .meta({ id: "CustomField" });

export function customFieldPaths(): ZodOpenApiPathsObject {
  const id = z.object({ id: z.string().uuid() });
  return {
    "/custom-fields": {
      get: op("List custom field definitions", "custom-fields", {
        requestParams: { query: z.object({ objectType: objectTypeSchema.optional() }) },
        responses: { "200": json(z.object({ data: z.array(fieldOut), nextCursor: z.null() })) },
      }),
      post: op("Define a custom field (key derived from the label; 409 when the object type has it)", "custom-fields", {
        requestBody: { content: { "application/json": { schema: customFieldCreateSchema } } },
        responses: { "201": json(fieldOut, "Created") },
      }),
    },
    "/custom-fields/{id}": {
      get: op("Get a custom field definition", "custom-fields", { requestParams: { path: id }, responses: { "200": json(fieldOut) } }),
      patch: op("Change label, options, required or order", "custom-fields", {
        requestParams: { path: id },
        requestBody: { content: { "application/json": { schema: customFieldUpdateSchema } } },
        responses: { "200": json(fieldOut) },
      }),
      delete: op("Delete a definition (stored values stay in the records' customFields, ignored)", "custom-fields", {
        requestParams: { path: id },
        responses: { "204": { description: "Deleted" } },
      }),
    },
  };
}
