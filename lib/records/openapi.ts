import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { collectionQuery, json, op, pageOf } from "@/lib/api/openapi-common";
import { RECORD_KINDS } from "./registry";

/** The stored record: the input fields (see <Name>Input) plus these. */
const recordOut = (name: string) =>
  z
    .looseObject({
      id: z.string().uuid(),
      tags: z.array(z.string()),
      customFields: z.record(z.string(), z.unknown()),
      ownedByUserId: z.string().uuid().nullable(),
      ownedByGroupId: z.string().uuid().nullable(),
      pipelineId: z.string().uuid().nullable(),
      stageId: z.string().uuid().nullable(),
      stageEnteredAt: z.string().datetime().nullable(),
      createdAt: z.string().datetime(),
      updatedAt: z.string().datetime(),
    })
    .meta({ id: name, description: `A ${name}: the fields of ${name}Input, plus the ones listed here` });

export function recordPaths(): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const def of Object.values(RECORD_KINDS)) {
    const tag = def.collection;
    const Name = def.singular[0]!.toUpperCase() + def.singular.slice(1);
    const out = recordOut(Name);
    const id = z.object({ id: z.string().uuid() });
    paths[`/${def.collection}`] = {
      get: op(`List ${def.collection}`, tag, { requestParams: { query: collectionQuery }, responses: { "200": json(pageOf(out)) } }),
      post: op(`Create a ${def.singular}`, tag, { requestBody: { content: { "application/json": { schema: def.createSchema } } }, responses: { "201": json(out, "Created") } }),
    };
    paths[`/${def.collection}/{id}`] = {
      get: op(`Get a ${def.singular}`, tag, { requestParams: { path: id }, responses: { "200": json(out) } }),
      patch: op(`Update a ${def.singular} (partial)`, tag, {
        requestParams: { path: id },
        requestBody: { content: { "application/json": { schema: def.createSchema.partial() } } },
        responses: { "200": json(out) },
      }),
      delete: op(`Delete a ${def.singular} (soft)`, tag, { requestParams: { path: id }, responses: { "204": { description: "Deleted" } } }),
    };
  }
  return paths;
}
