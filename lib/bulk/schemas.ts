// Zod input schemas for bulk actions on a table selection, shared by the server actions
// and the service (no server imports here).
import { z } from "zod";
import { isTimestampText } from "@/lib/api/cursor";

/** "All matching" selections are resolved on the server and refused above this many records. */
export const MAX_BULK_RECORDS = 50_000;

const uuid = z.uuid("must be a uuid");

/** Explicit ids, or every record matching the table's quick search and filter. */
export const selectionSchema = z.union([
  z.strictObject({ ids: z.array(uuid).min(1, "select at least one record").max(MAX_BULK_RECORDS, `select at most ${MAX_BULK_RECORDS.toLocaleString("en-US")} records`) }),
  z.strictObject({ all: z.literal(true), q: z.string().max(200).nullable().optional(), filter: z.unknown().optional() }),
]);
export type BulkSelection = z.input<typeof selectionSchema>;

export const tagNameSchema = z.string().trim().min(1, "must not be empty").max(60, "must be at most 60 characters");
const tagList = z.array(tagNameSchema).min(1, "name at least one tag").max(50, "name at most 50 tags");

const editOperations = [
  z.strictObject({ type: z.literal("assignOwner"), userId: uuid }),
  z.strictObject({ type: z.literal("assignGroup"), groupId: uuid }),
  z.strictObject({ type: z.literal("addTags"), tags: tagList }),
  z.strictObject({ type: z.literal("removeTags"), tags: tagList }),
] as const;

/** Changes to record fields (owner, tags): permission records.write. */
export const bulkEditOperationSchema = z.discriminatedUnion("type", [...editOperations]);
export type BulkEditOperation = z.input<typeof bulkEditOperationSchema>;

export const bulkOperationSchema = z.discriminatedUnion("type", [
  ...editOperations,
  z.strictObject({ type: z.literal("addToList"), listId: uuid }),
  z.strictObject({ type: z.literal("delete") }),
]);
export type BulkOperation = z.input<typeof bulkOperationSchema>;

/** Undo of a bulk delete: exactly these ids, and only while they are still deleted by that operation. */
export const restoreSchema = z.strictObject({
  ids: z.array(uuid).min(1).max(MAX_BULK_RECORDS),
  deletedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/, "is not a deletion time")
    .refine(isTimestampText, "is not a deletion time"),
});
export type RestoreInput = z.input<typeof restoreSchema>;
