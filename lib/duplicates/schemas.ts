import { z } from "zod";
import { DUPLICATE_OBJECT_TYPES } from "./rules";

/** GET /duplicates query (API.md "Duplicates and merge"). */
export const duplicatesQuerySchema = z.object({
  objectType: z.enum(DUPLICATE_OBJECT_TYPES).meta({ description: "The kind of record to look for duplicates of" }),
  limit: z.coerce.number().int().min(1).max(200).optional().meta({ description: "Groups per page (default 50)" }),
  cursor: z.string().optional().meta({ description: "`nextCursor` of the previous page" }),
});
