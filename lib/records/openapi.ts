import { getTableColumns } from "drizzle-orm";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { cursorParam, empty, idPath, json, limitParam, pageOf, pathItem, rowSchema } from "@/lib/api/openapi-common";
import { isDuplicateKey, RECORD_KINDS, updateSchemaOf, type RecordKindDef } from "./registry";

const HIDDEN = new Set(["tenantId", "deletedAt"]);
const customFields = z.record(z.string(), z.unknown()).meta({ description: "Values of the workspace's custom fields (GET /custom-fields), by key" });

const cache = new Map<string, z.ZodType>();

/** The stored record as the API answers it, derived from its table: a renamed column changes the document. */
export function recordSchemaOf(def: RecordKindDef): z.ZodType {
  let schema = cache.get(def.kind);
  if (!schema) cache.set(def.kind, (schema = recordOut(def, def.singular[0]!.toUpperCase() + def.singular.slice(1))));
  return schema;
}

function recordOut(def: RecordKindDef, name: string) {
  const keys = Object.keys(getTableColumns(def.table)).filter((k) => !HIDDEN.has(k) && !isDuplicateKey(k));
  return rowSchema(def.table, keys, { customFields }).meta({ id: name, description: `A ${def.singular} as stored: the fields of ${name}Input, plus ids, times and its place in a pipeline` });
}

const collectionQuery = z.object({
  limit: limitParam,
  cursor: cursorParam,
  sort: z.string().optional().meta({ description: "`<field>:<asc|desc>`, a sortable field of the collection (default `createdAt:desc`)" }),
  q: z.string().optional().meta({ description: "Quick search: names, emails, domains containing the text" }),
  filter: z.string().optional().meta({ description: "Filter JSON (the Filter schema), URL-encoded; an unknown field or op, or a value of the wrong type, is a 422 whose error path points at the node (`filter.all[1].value`)" }),
});

export function recordPaths(): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const def of Object.values(RECORD_KINDS)) {
    const tag = def.collection;
    const Name = def.singular[0]!.toUpperCase() + def.singular.slice(1);
    const Names = def.collection[0]!.toUpperCase() + def.collection.slice(1);
    const out = recordSchemaOf(def);
    const inPipeline = def.pipelineObjectType ? ` Without \`pipelineId\` it goes to the default ${def.singular} pipeline, first stage; in an ENFORCED pipeline it must start in the first stage (409 \`movement-not-allowed\` otherwise).` : "";
    paths[`/${def.collection}`] = pathItem({
      get: {
        id: `list${Names}`,
        tag,
        permission: "records.read",
        summary: `List ${def.collection}`,
        description: `Live ${def.collection} the caller may see, newest first unless \`sort\` says otherwise, by keyset pages: walking every page returns each matching ${def.singular} once, even while records are added.`,
        query: collectionQuery,
        responses: { "200": json(pageOf(out)) },
      },
      post: {
        id: `create${Name}`,
        tag,
        permission: "records.write",
        summary: `Create a ${def.singular}`,
        description: `Tags are created as needed; custom field values are checked against their definitions.${inPipeline}`,
        body: def.createSchema,
        responses: { "201": json(out, "Created") },
      },
    });
    paths[`/${def.collection}/{id}`] = pathItem({
      get: { id: `get${Name}`, tag, permission: "records.read", summary: `Get a ${def.singular}`, description: `A live ${def.singular}; a deleted one, or one the caller may not see, is a 404.`, path: idPath, responses: { "200": json(out) } },
      patch: {
        id: `update${Name}`,
        tag,
        permission: "records.write",
        summary: `Update a ${def.singular} (partial)`,
        description: `Only the fields sent change; \`customFields\` names only the keys it changes (null clears one). ${def.pipelineObjectType ? `The stage changes by POST /${def.collection}/{id}/move.` : ""}`.trim(),
        path: idPath,
        body: updateSchemaOf(def).meta({ id: `${Name}Patch` }),
        responses: { "200": json(out) },
      },
      delete: {
        id: `delete${Name}`,
        tag,
        permission: "records.delete",
        summary: `Delete a ${def.singular}`,
        description: `A soft delete: the ${def.singular} leaves every collection, list and board; its history stays.`,
        path: idPath,
        responses: { "204": empty("Deleted") },
      },
    });
  }
  return paths;
}
