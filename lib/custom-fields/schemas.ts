// Zod input schemas for custom field definitions, shared by the server actions, the REST
// routes and the client forms (no server imports here).
import { z } from "zod";
import { CUSTOM_FIELD_TYPES } from "@/db/schema/enums";
import { ENUM_LABELS } from "@/lib/format/labels";
import { KIND_WORDS, type KindWords } from "@/lib/records/kinds";

/** Record kinds whose rows carry `customFields` (activities keep details elsewhere). */
export const CUSTOM_FIELD_OBJECT_TYPES = ["CONTACT", "COMPANY", "LEAD", "DEAL", "TICKET"] as const;
export type CustomFieldObjectType = (typeof CUSTOM_FIELD_OBJECT_TYPES)[number];
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const OBJECT_TYPE_LABELS: Record<CustomFieldObjectType, KindWords> = KIND_WORDS;

export const FIELD_TYPE_LABELS: Record<CustomFieldType, string> = ENUM_LABELS.CUSTOM_FIELD_TYPES;

/** Same rule as the custom_field_definitions_key_format check. */
export const CUSTOM_FIELD_KEY = /^[a-zA-Z][a-zA-Z0-9_]*$/;
export const MAX_TEXT_LENGTH = 2000;
export const hasOptions = (t: CustomFieldType) => t === "SELECT" || t === "MULTI_SELECT";

export const objectTypeSchema = z.enum(CUSTOM_FIELD_OBJECT_TYPES, { error: "must be one of CONTACT, COMPANY, LEAD, DEAL, TICKET" });
const fieldTypeSchema = z.enum(CUSTOM_FIELD_TYPES, { error: `must be one of ${CUSTOM_FIELD_TYPES.join(", ")}` });
const label = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters");
const options = z
  .array(z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"))
  .max(200, "must have at most 200 options")
  .refine((o) => new Set(o).size === o.length, { message: "must not repeat an option" });
const displayOrder = z.number().int().min(0).max(10_000);

/** "Contract value (USD)" → "contractValueUsd"; a key always starts with a letter. */
export function keyFromLabel(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  const key = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join("").slice(0, 60);
  return /^[a-zA-Z]/.test(key) ? key : `field${key.charAt(0).toUpperCase()}${key.slice(1)}`.slice(0, 60);
}

export const customFieldCreateSchema = z
  .object({
    objectType: objectTypeSchema,
    label,
    fieldType: fieldTypeSchema,
    /** Derived from the label when absent. */
    key: z.string().trim().max(60, "must be at most 60 characters").regex(CUSTOM_FIELD_KEY, "must start with a letter and hold only letters, digits and _").optional(),
    options: options.optional(),
    isRequired: z.boolean().optional(),
    displayOrder: displayOrder.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (hasOptions(v.fieldType) && !v.options?.length) ctx.addIssue({ code: "custom", path: ["options"], message: "a select field needs at least one option" });
    if (!hasOptions(v.fieldType) && v.options?.length) ctx.addIssue({ code: "custom", path: ["options"], message: "only select and multi-select fields have options" });
  })
  .meta({ id: "CustomFieldInput" });
export type CustomFieldCreateInput = z.input<typeof customFieldCreateSchema>;

/** The key, object type and field type stay: stored values depend on them. */
export const customFieldUpdateSchema = z
  .object({ label: label.optional(), options: options.optional(), isRequired: z.boolean().optional(), displayOrder: displayOrder.optional() })
  .strict()
  .meta({ id: "CustomFieldUpdate" });
export type CustomFieldUpdateInput = z.input<typeof customFieldUpdateSchema>;

/** Settings page actions: edit (the whole editable set at once), move, delete. */
export const customFieldEditSchema = z.object({ fieldId: z.uuid(), label, options: options.optional(), isRequired: z.boolean() });
export type CustomFieldEditInput = z.input<typeof customFieldEditSchema>;
export const customFieldMoveSchema = z.object({ fieldId: z.uuid(), direction: z.enum(["up", "down"]) });
export const customFieldIdSchema = z.object({ fieldId: z.uuid() });
