import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { CUSTOM_FIELD_TYPES } from "@/db/schema/enums";
import { allOf, empty, idPath, json, pathItem } from "@/lib/api/openapi-common";
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
  const tag = "custom-fields";
  return {
    "/custom-fields": pathItem({
      get: {
        id: "listCustomFields",
        tag,
        permission: "records.read",
        summary: "List custom field definitions",
        description: "In display order; of one object type with `objectType`.",
        query: z.object({ objectType: objectTypeSchema.optional() }),
        responses: { "200": json(allOf(fieldOut)) },
      },
      post: {
        id: "createCustomField",
        tag,
        permission: "fields.manage",
        summary: "Define a custom field",
        description: "The key is derived from the label unless given; a key the object type already has is a 409.",
        body: customFieldCreateSchema,
        responses: { "201": json(fieldOut, "Created") },
      },
    }),
    "/custom-fields/{id}": pathItem({
      get: { id: "getCustomField", tag, permission: "records.read", summary: "Get a custom field definition", description: "One definition of the workspace.", path: idPath, responses: { "200": json(fieldOut) } },
      patch: {
        id: "updateCustomField",
        tag,
        permission: "fields.manage",
        summary: "Update a custom field definition (partial)",
        description: "Label, options, isRequired and displayOrder; the key, object type and field type are fixed.",
        path: idPath,
        body: customFieldUpdateSchema,
        responses: { "200": json(fieldOut) },
      },
      delete: {
        id: "deleteCustomField",
        tag,
        permission: "fields.manage",
        summary: "Delete a custom field definition",
        description: "Values already stored in records stay in their `customFields`, ignored.",
        path: idPath,
        responses: { "204": empty("Deleted") },
      },
    }),
  };
}
