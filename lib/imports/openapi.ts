import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { idPath, json, pageOf, pathItem, type OperationSpec } from "@/lib/api/openapi-common";
import { importListQuerySchema, importPatchSchema, importSchema, importUploadQuerySchema, previewRowSchema } from "./schemas";

/** A CSV answer, with the headers every answer has. */
const csv = (description: string) => ({ ...json(z.string(), description), content: { "text/csv": { schema: z.string().meta({ description: "CSV text" }) } } });

export function importPaths(): ZodOpenApiPathsObject {
  const upload: OperationSpec = {
    id: "uploadImport",
    tag: "imports",
    permission: "records.write",
    summary: "Upload a CSV file to import",
    description:
      "The body is the file (`text/csv`, UTF-8 with or without a BOM, `,` or `;` separated, quoted fields may hold line breaks; up to 100 MB and 1,000,000 rows), streamed. Answers the import in status MAPPING with its columns, a few samples each and a suggested field (the column names of HubSpot, Salesforce and Pipedrive exports are known); the mapping starts as the suggestions. An empty file, a header-only file, duplicate or blank headers, a file that is not UTF-8 text are 422 (`errors[0].path` is `file`), more than 100 MB or 1,000,000 rows a 413; nothing is kept then.",
    query: importUploadQuerySchema,
    // a body (413, 415 among the errors); its type is CSV, set below
    body: z.string(),
    responses: { "201": json(importSchema, "The import, waiting for its mapping") },
  };
  const item = pathItem({ post: upload });
  item.post!.requestBody = { required: true, content: { "text/csv": { schema: z.string().meta({ description: "The CSV file" }) } } };
  return {
    "/imports": {
      ...pathItem({
        get: {
          id: "listImports",
          tag: "imports",
          permission: "records.read",
          summary: "The workspace's imports, newest first",
          description: "Each with its status and counters (`columns` is empty here: GET one import for them).",
          query: importListQuerySchema,
          responses: { "200": json(pageOf(importSchema)) },
        },
      }),
      post: item.post,
    },
    "/imports/{id}": pathItem({
      get: {
        id: "getImport",
        tag: "imports",
        permission: "records.read",
        summary: "An import: settings, progress, conflicts",
        description: "`processed`, `created`, `updated`, `skipped`, `failed` grow as the worker goes (batches of 500 rows); `undone` while an undo runs; `conflicts` lists the fields an undo left because they changed since the import.",
        path: idPath,
        responses: { "200": json(importSchema) },
      },
      patch: {
        id: "updateImport",
        tag: "imports",
        permission: "records.write",
        summary: "Map columns and choose the mode",
        description:
          "While MAPPING. `mapping` names a field path per header (or null to skip); headers left out keep their mapping. `mode` CREATE, UPDATE (rows matching no record are skipped) or UPSERT, matched on `matchOn`, which a column must be mapped to. `tags`, `listId` (a static list of this object type) and `ownedByUserId` apply to every row.",
        path: idPath,
        body: importPatchSchema,
        responses: { "200": json(importSchema) },
      },
    }),
    "/imports/{id}/start": pathItem({
      post: {
        id: "startImport",
        tag: "imports",
        permission: "records.write",
        summary: "Start the import",
        description: "202: the worker writes the rows through the same services as every edit (source IMPORT), each row all or nothing. Audited as `import.started`.",
        path: idPath,
        noInput: true,
        responses: { "202": json(importSchema, "Queued") },
      },
    }),
    "/imports/{id}/undo": pathItem({
      post: {
        id: "undoImport",
        tag: "imports",
        permission: "records.write",
        summary: "Undo a finished import",
        description: "202: the worker deletes the records the import created and puts back the values it overwrote, except fields whose value changed since (listed in `conflicts`). Audited as `import.undone`.",
        path: idPath,
        noInput: true,
        responses: { "202": json(importSchema, "Undo queued") },
      },
    }),
    "/imports/{id}/preview": pathItem({
      post: {
        id: "previewImport",
        tag: "imports",
        permission: "records.write",
        summary: "Validate the first rows",
        description: "The first 10 rows written as the import would write them, then rolled back: each row's outcome (CREATED, UPDATED, SKIPPED, FAILED) and error. Nothing is kept.",
        path: idPath,
        noInput: true,
        responses: { "200": json(z.object({ data: z.array(previewRowSchema) })) },
      },
    }),
    "/imports/{id}/errors": pathItem({
      get: {
        id: "getImportErrors",
        tag: "imports",
        permission: "records.read",
        summary: "The failed rows, as CSV",
        description: "The failed rows as uploaded (same columns and separator), plus `row` (1-based data row, the header not counted) and `error` (the field and what is wrong with it).",
        path: idPath,
        responses: { "200": csv("The error file") },
      },
    }),
  };
}
