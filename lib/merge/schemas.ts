import { z } from "zod";
import { uuidSchema } from "@/lib/records/schemas";
import { MAX_MERGE } from "./rules";

/** POST /{contacts|companies|leads}/{id}/merge (API.md "Duplicates and merge"). */
export const mergeInputSchema = z
  .object({
    mergeIds: z.array(uuidSchema).min(1, "name at least one record to merge").max(MAX_MERGE, `at most ${MAX_MERGE} records merge at once`).meta({ description: "The records merged into this one (the survivor), in order: the first non-empty value wins" }),
    fields: z
      .record(z.string(), uuidSchema)
      .optional()
      .meta({ description: "`{ \"<field>\": \"<id>\" }`: the record (the survivor or one of mergeIds) whose value the survivor takes; `customFields.<key>` for a custom field" }),
  })
  .strict()
  .meta({ id: "MergeInput" });
export type MergeInput = z.infer<typeof mergeInputSchema>;
