// zod schemas of the imports API, shared by the REST routes, the server actions and OpenAPI.
import { z } from "zod";
import { IMPORT_MODES, IMPORT_STATUSES } from "@/db/schema/imports";
import { IMPORT_KINDS } from "./fields";

export const importKindSchema = z.enum(IMPORT_KINDS, { error: "must be CONTACT, COMPANY, LEAD or DEAL" });

export const importUploadQuerySchema = z.object({
  objectType: importKindSchema,
  fileName: z.string().trim().max(255).optional().meta({ description: "The uploaded file's name, shown in the history" }),
});

export const importPatchSchema = z
  .object({
    mapping: z.record(z.string(), z.string().min(1).max(200).nullable()).optional().meta({ description: "header → field path (`email`, `customFields.budget`, `tags`, `owner.email`, `company.domain`, `company.name`, `contact.email`, `stage`, `id`) or null to skip" }),
    mode: z.enum(IMPORT_MODES).optional(),
    matchOn: z.string().min(1).max(200).nullish().meta({ description: "`email`, `domain`, `id` or `customFields.<key>`" }),
    tags: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
    listId: z.uuid().nullish(),
    ownedByUserId: z.uuid().nullish(),
  })
  .strict()
  .meta({ id: "ImportPatch" });
export type ImportPatch = z.input<typeof importPatchSchema>;

export const importColumnSchema = z.object({ header: z.string(), samples: z.array(z.string()), suggestedField: z.string().nullable() });

export const importSchema = z
  .object({
    id: z.uuid(),
    objectType: importKindSchema,
    status: z.enum(IMPORT_STATUSES),
    fileName: z.string().nullable(),
    rowCount: z.number().int(),
    columns: z.array(importColumnSchema),
    mapping: z.record(z.string(), z.string().nullable()),
    mode: z.enum(IMPORT_MODES),
    matchOn: z.string().nullable(),
    tags: z.array(z.string()),
    listId: z.uuid().nullable(),
    ownedByUserId: z.uuid().nullable(),
    processed: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
    undone: z.number().int().meta({ description: "Rows an undo has dealt with (its progress)" }),
    error: z.string().nullable(),
    conflicts: z.array(z.object({ recordId: z.uuid(), field: z.string() })),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    undoneAt: z.string().nullable(),
  })
  .meta({ id: "Import" });
export type ImportJson = z.output<typeof importSchema>;

export const importListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().optional(),
});

export const previewRowSchema = z.object({ row: z.number().int(), outcome: z.string(), error: z.string().nullable() });
