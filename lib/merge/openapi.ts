import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { idPath, json, pageOf, pathItem, type Tag } from "@/lib/api/openapi-common";
import { DUPLICATE_REASONS } from "@/lib/duplicates/rules";
import { duplicatesQuerySchema } from "@/lib/duplicates/schemas";
import { recordSchemaOf } from "@/lib/records/openapi";
import { RECORD_KINDS } from "@/lib/records/registry";
import { MERGE_KINDS } from "./rules";
import { mergeInputSchema } from "./schemas";

const duplicateGroup = z
  .object({
    recordIds: z.array(z.uuid()).meta({ description: "The records likely to be one, by id" }),
    reasons: z.array(z.enum(DUPLICATE_REASONS)).meta({ description: "What every record of the group shares" }),
  })
  .meta({ id: "DuplicateGroup" });

const historyEntry = z
  .object({
    mergedId: z.uuid(),
    mergedAt: z.iso.datetime(),
    mergedByUserId: z.uuid().nullable(),
    snapshot: z.record(z.string(), z.unknown()).meta({ description: "`{ record }`: the merged record as it was just before the merge" }),
  })
  .meta({ id: "MergeHistoryEntry" });

/** GET /duplicates, and merge and its history for contacts, companies and leads. */
export function mergePaths(): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {
    "/duplicates": pathItem({
      get: {
        id: "listDuplicates",
        tag: "contacts",
        permission: "records.read",
        summary: "Likely duplicates",
        description:
          "Groups of live records the caller may see that are likely one: contacts and leads with the same email (case ignored), the same phone (digits only, the last 9) or the same full name in the same company; companies with the same domain (or website host) or the same name (case, spacing, punctuation and legal suffixes such as Inc, LLC, Ltd, GmbH ignored). Groups come by reason (in the order of `reasons` above), then by key; a group lists every reason its records all share, once.",
        query: duplicatesQuerySchema,
        responses: { "200": json(pageOf(duplicateGroup)) },
      },
    }),
  };
  for (const kind of MERGE_KINDS) {
    const def = RECORD_KINDS[kind];
    const Name = def.singular[0]!.toUpperCase() + def.singular.slice(1);
    const tag = def.collection as Tag;
    paths[`/${def.collection}/{id}/merge`] = pathItem({
      post: {
        id: `merge${Name}`,
        tag,
        permission: "records.delete",
        summary: `Merge ${def.collection} into this ${def.singular}`,
        description: `This ${def.singular} survives. Its empty fields take the first non-empty value of the merged ${def.collection} unless \`fields\` names the record whose value wins; tags are united; custom fields fill empty keys. Every activity, watcher, static list membership, deal, ticket${kind === "COMPANY" ? " and contact" : ""} of the merged ${def.collection} now points at this one; they are soft-deleted with \`mergedIntoId\` (a GET of one is a 404 naming it). One transaction; a \`record.merged\` event and audit entry.`,
        path: idPath,
        body: mergeInputSchema,
        responses: { "200": json(recordSchemaOf(def), "The surviving record") },
      },
    });
    paths[`/${def.collection}/{id}/merge-history`] = pathItem({
      get: {
        id: `get${Name}MergeHistory`,
        tag,
        permission: "records.read",
        summary: `The ${def.collection} merged into this one`,
        description: "Newest first, each with a snapshot of the merged record as it was.",
        path: idPath,
        responses: { "200": json(z.object({ data: z.array(historyEntry) })) },
      },
    });
  }
  return paths;
}
