// Zod input schemas for tags, shared by the server actions, the REST routes and the
// client forms (no server imports here).
import { z } from "zod";

/** Same bounds as a record's `tags` entries (lib/records/schemas.ts). */
export const tagNameSchema = z.string().trim().min(1, "is required").max(60, "must be at most 60 characters");

export const tagColorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #2563eb")
  .transform((c) => c.toLowerCase());

const category = z
  .string()
  .trim()
  .max(60, "must be at most 60 characters")
  .nullish()
  .transform((v) => (v ? v : null));

export const DEFAULT_TAG_COLOR = "#64748b";

/** The palette offered in the UI; any #rrggbb is accepted. */
export const TAG_COLORS = ["#64748b", "#dc2626", "#ea580c", "#ca8a04", "#16a34a", "#0d9488", "#2563eb", "#7c3aed", "#db2777"] as const;

export const tagCreateSchema = z
  .object({ name: tagNameSchema, color: tagColorSchema.optional(), category })
  .strict()
  .meta({ id: "TagInput" });
export type TagCreateInput = z.input<typeof tagCreateSchema>;

export const tagUpdateSchema = z
  .object({ name: tagNameSchema.optional(), color: tagColorSchema.optional(), category: category.optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.color !== undefined || v.category !== undefined, { message: "send at least one of name, color, category" })
  .meta({ id: "TagUpdate" });
export type TagUpdateInput = z.input<typeof tagUpdateSchema>;

export const tagIdSchema = z.object({ tagId: z.uuid("must be a tag id") });

/** The settings page's edit form: the whole tag at once. */
export const tagEditSchema = z.object({ tagId: z.uuid(), name: tagNameSchema, color: tagColorSchema, category });
export type TagEditInput = z.input<typeof tagEditSchema>;
