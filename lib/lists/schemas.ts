// Request shapes of lists (API.md "Lists"). Whether a filter fits the object type is
// decided by validateFilter (it needs the tenant's custom fields), so here it is `unknown`.
import { z } from "zod";
import { LIST_OBJECT_TYPES, LIST_PROCESSING_TYPES } from "@/db/schema/enums";

export const listCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  objectType: z.enum(LIST_OBJECT_TYPES),
  processingType: z.enum(LIST_PROCESSING_TYPES).default("STATIC"),
  filter: z.unknown().optional(),
});
export type ListCreateInput = z.input<typeof listCreateSchema>;

export const listUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).nullish(),
  filter: z.unknown().optional(),
  isArchived: z.boolean().optional(),
});
export type ListUpdateInput = z.input<typeof listUpdateSchema>;

export const addMembersSchema = z.strictObject({
  memberIds: z.array(z.string()).min(1).max(1000),
});

/** Removing a table selection ("all N matching" resolved to ids) may name more ids than adding by hand. */
export const removeMembersSchema = z.strictObject({
  memberIds: z.array(z.string()).min(1).max(50_000),
});

export const listsQuerySchema = z.object({
  objectType: z.enum(LIST_OBJECT_TYPES).optional(),
  archived: z.enum(["true", "false", "all"]).optional(),
});

export const membersQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});

/** The list page's extra table column: when each member joined. */
export const JOINED_COLUMN = "joinedAt";
