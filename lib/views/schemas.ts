// Zod input schemas for saved views and table page requests, shared by the server actions
// and the service (no server imports here).
import { z } from "zod";
import { SAVED_VIEW_VISIBILITIES } from "@/db/schema/enums";

export const VIEW_KINDS = ["CONTACT", "COMPANY", "LEAD", "DEAL", "TICKET"] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

const columnId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.]{0,99}$/, "is not a column id");
const sort = z.string().regex(/^[a-zA-Z]+:(asc|desc)$/, "must be <field>:<asc|desc>");

export type ViewVisibility = (typeof SAVED_VIEW_VISIBILITIES)[number];

export const viewNameSchema = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters");

const viewFields = {
  name: viewNameSchema,
  /** Filter JSON (API.md); checked against the kind's fields by validateFilter. */
  filter: z.unknown().optional(),
  sort: sort.nullable().optional(),
  /** Visible column ids; [] = the kind's defaults. */
  columns: z.array(columnId).max(100),
  /** Who else sees the view (sharing needs views.share); a "group" view names its group. */
  visibility: z.enum(SAVED_VIEW_VISIBILITIES).optional(),
  groupId: z.uuid().nullable().optional(),
};

export const createViewSchema = z.object({ objectType: z.enum(VIEW_KINDS), ...viewFields, columns: viewFields.columns.default([]) });
export type CreateViewInput = z.input<typeof createViewSchema>;

/** Absent keys stay as they are. */
export const updateViewSchema = z.object(viewFields).partial();
export type UpdateViewInput = z.input<typeof updateViewSchema>;

/** A page of a record table (the table's server action). */
export const tablePageSchema = z.object({
  q: z.string().max(200).nullable().optional(),
  sort: sort.nullable().optional(),
  filter: z.unknown().optional(),
  cols: z.array(columnId).min(1).max(100),
  cursor: z.string().max(4000).nullable().optional(),
});
export type TablePageInput = z.input<typeof tablePageSchema>;
